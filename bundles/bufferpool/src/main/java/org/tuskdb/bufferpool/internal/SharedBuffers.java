package org.tuskdb.bufferpool.internal;

import static org.tuskdb.bufferpool.internal.BufferState.CHECKPOINT_NEEDED;
import static org.tuskdb.bufferpool.internal.BufferState.DIRTY;
import static org.tuskdb.bufferpool.internal.BufferState.IO_ERROR;
import static org.tuskdb.bufferpool.internal.BufferState.IO_IN_PROGRESS;
import static org.tuskdb.bufferpool.internal.BufferState.IO_WAITERS;
import static org.tuskdb.bufferpool.internal.BufferState.JUST_DIRTIED;
import static org.tuskdb.bufferpool.internal.BufferState.LOCKED;
import static org.tuskdb.bufferpool.internal.BufferState.MAX_USAGE;
import static org.tuskdb.bufferpool.internal.BufferState.REFCOUNT_MASK;
import static org.tuskdb.bufferpool.internal.BufferState.TAG_VALID;
import static org.tuskdb.bufferpool.internal.BufferState.USAGE_MASK;
import static org.tuskdb.bufferpool.internal.BufferState.USAGE_ONE;
import static org.tuskdb.bufferpool.internal.BufferState.VALID;
import static org.tuskdb.bufferpool.internal.BufferState.refcount;
import static org.tuskdb.bufferpool.internal.BufferState.usage;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.Supplier;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.platform.linux.Futex;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The buffer manager of one process over the "bufferpool" region (PostgreSQL's bufmgr.c,
 * freelist.c and buf_table.c). One instance per process; pins and content locks belong to the
 * thread that took them (each thread keeps its private refcounts, so a thread's repeated pins of
 * one buffer cost one shared atomic). See README.md for the rules this code keeps.
 */
public final class SharedBuffers implements BufferPool {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final String DATA_CORRUPTED = "XX001";

    /** Who wrote a buffer, for the counters. */
    enum Writer { CHECKPOINT, BGWRITER, BACKEND }

    /** Per-thread state: private refcounts, held content locks, a page to write from. */
    private final class Private {
        final int[] refs = new int[nbuffers];
        int[] locks = new int[8];
        boolean[] exclusive = new boolean[8];
        int lockCount;
        final MemorySegment writeCopy = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE, 4096);

        void pushLock(int buffer, boolean ex) {
            if (lockCount == locks.length) {
                locks = Arrays.copyOf(locks, lockCount * 2);
                exclusive = Arrays.copyOf(exclusive, lockCount * 2);
            }
            locks[lockCount] = buffer;
            exclusive[lockCount++] = ex;
        }

        /** Index of the buffer's lock in the held list, or -1. */
        int lockIndex(int buffer) {
            for (int i = lockCount - 1; i >= 0; i--) {
                if (locks[i] == buffer) {
                    return i;
                }
            }
            return -1;
        }

        void removeLock(int index) {
            lockCount--;
            locks[index] = locks[lockCount];
            exclusive[index] = exclusive[lockCount];
        }
    }

    private final MemorySegment region;
    private final BufferPoolLayout layout;
    private final int nbuffers;
    private final RelationStorage storage;
    private final Supplier<WriteAheadLog> wal;
    private final BufferMapping mapping;
    private final RelationSizes sizes;
    private final MemorySegment[] pages;
    private final long slotCounter;
    private final ThreadLocal<Private> local = ThreadLocal.withInitial(Private::new);

    /**
     * @param region the initialized "bufferpool" region of this process's mapping
     * @param slot   this process's ProcArray slot (indexes its hit/read counters)
     */
    public SharedBuffers(MemorySegment region, RelationStorage storage, Supplier<WriteAheadLog> wal, int slot) {
        this.region = region;
        this.layout = BufferPoolLayout.of(region);
        this.nbuffers = layout.nbuffers;
        this.storage = storage;
        this.wal = wal;
        this.mapping = new BufferMapping(region, layout);
        this.sizes = new RelationSizes(region, layout, storage);
        long base = region.get(LONG, BufferPoolLayout.PAGE_ARRAY);
        this.pages = new MemorySegment[nbuffers];
        for (int b = 0; b < nbuffers; b++) {
            pages[b] = region.asSlice(base + (long) b * PageLayout.PAGE_SIZE, PageLayout.PAGE_SIZE);
        }
        this.slotCounter = layout.slotCounter(slot >= 0 && slot < layout.procSlots ? slot : 0);
    }

    /** Region initialization (postmaster, zeroed memory). */
    static void initialize(MemorySegment region, int nbuffers, int procSlots) {
        BufferPoolLayout layout = new BufferPoolLayout(nbuffers, procSlots);
        if (region.byteSize() < layout.regionSize()) {
            throw new IllegalArgumentException("bufferpool region too small");
        }
        region.set(INT, BufferPoolLayout.N_BUFFERS, nbuffers);
        region.set(INT, BufferPoolLayout.PROC_SLOTS, layout.procSlots);
        region.set(INT, BufferPoolLayout.PARTITIONS, layout.partitions);
        region.set(INT, BufferPoolLayout.BUCKETS, layout.buckets);
        region.set(INT, BufferPoolLayout.ENTRIES, layout.entries);
        region.set(INT, BufferPoolLayout.SIZE_CAPACITY, layout.sizeCapacity);
        // Pages 4 KiB aligned in every mapping (mappings are page aligned, so alignment of the
        // file offset is what counts; 8 KiB alignment here is a bonus for this mapping).
        long address = region.address() + layout.pageArea;
        long pad = BufferPoolLayout.align(address, BufferPoolLayout.PAGE) - address;
        region.set(LONG, BufferPoolLayout.PAGE_ARRAY, layout.pageArea + pad);
        BufferMapping.initialize(region, layout);
        RelationSizes.initialize(region);
        for (int b = 0; b < nbuffers; b++) {
            LWLock.initialize(region, layout.descriptor(b) + BufferPoolLayout.D_CONTENT_LOCK);
        }
    }

    static long regionSize(int nbuffers, int procSlots) {
        return new BufferPoolLayout(nbuffers, procSlots).regionSize();
    }

    int nbuffers() {
        return nbuffers;
    }

    // =============================================================== state word

    private long stateOffset(int b) {
        return layout.descriptor(b) + BufferPoolLayout.D_STATE;
    }

    long state(int b) {
        return Atomics.getLong(region, stateOffset(b));
    }

    /** Takes the buffer header lock (PostgreSQL's LockBufHdr); returns the state without LOCKED. */
    private long lockHeader(int b) {
        long off = stateOffset(b);
        int spins = 0;
        while (true) {
            long old = Atomics.getLong(region, off);
            if ((old & LOCKED) == 0 && Atomics.compareAndSetLong(region, off, old, old | LOCKED)) {
                return old;
            }
            spins = backoff(spins);
        }
    }

    /** Releases the header lock, storing {@code state} (which must not have LOCKED). */
    private void unlockHeader(int b, long state) {
        Atomics.setLongRelease(region, stateOffset(b), state & ~LOCKED);
    }

    private static int backoff(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    /** The state word as soon as the header is not locked (for a CAS that must not race it). */
    private long unlockedState(int b) {
        long off = stateOffset(b);
        int spins = 0;
        while (true) {
            long s = Atomics.getLong(region, off);
            if ((s & LOCKED) == 0) {
                return s;
            }
            spins = backoff(spins);
        }
    }

    // =============================================================== pins

    /** Pins for this thread; a first pin adds one to the shared refcount (and usage count). */
    private void pin(Private p, int b, boolean bumpUsage) {
        if (p.refs[b]++ > 0) {
            return;
        }
        long off = stateOffset(b);
        while (true) {
            long s = unlockedState(b);
            long n = s + 1;
            if (bumpUsage && usage(s) < MAX_USAGE) {
                n += USAGE_ONE;
            }
            if (Atomics.compareAndSetLong(region, off, s, n)) {
                return;
            }
        }
    }

    private void unpin(Private p, int b) {
        int r = p.refs[b];
        if (r <= 0) {
            throw new IllegalStateException("buffer " + b + " is not pinned by this thread");
        }
        p.refs[b] = r - 1;
        if (r > 1) {
            return;
        }
        long off = stateOffset(b);
        while (true) {
            long s = unlockedState(b);
            if (Atomics.compareAndSetLong(region, off, s, s - 1)) {
                return;
            }
        }
    }

    private void checkPinned(Private p, int b) {
        if (b < 0 || b >= nbuffers || p.refs[b] == 0) {
            throw new IllegalStateException("buffer " + b + " is not pinned by this thread");
        }
    }

    // =============================================================== tags

    private int tagDb(int b) {
        return region.get(INT, layout.descriptor(b) + BufferPoolLayout.D_DB);
    }

    private long tagRel(int b) {
        return region.get(LONG, layout.descriptor(b) + BufferPoolLayout.D_REL);
    }

    private int tagFork(int b) {
        return region.get(INT, layout.descriptor(b) + BufferPoolLayout.D_FORK);
    }

    private int tagBlock(int b) {
        return region.get(INT, layout.descriptor(b) + BufferPoolLayout.D_BLOCK);
    }

    private void setTag(int b, int db, long rel, int fork, int block) {
        long d = layout.descriptor(b);
        region.set(INT, d + BufferPoolLayout.D_DB, db);
        region.set(LONG, d + BufferPoolLayout.D_REL, rel);
        region.set(INT, d + BufferPoolLayout.D_FORK, fork);
        region.set(INT, d + BufferPoolLayout.D_BLOCK, block);
    }

    // =============================================================== lookup / allocation

    @Override
    public int read(BlockReference block) {
        Private p = local.get();
        int b = pinBufferFor(p, block);
        if ((state(b) & VALID) != 0) {
            Atomics.getAndAddLong(region, slotCounter, 1); // hit
            return b;
        }
        if (startIo(b, true)) {
            MemorySegment page = pages[b];
            try {
                storage.read(block.rel(), block.fork(), block.block(), page);
            } catch (RuntimeException e) {
                terminateIo(b, false, IO_ERROR);
                unpin(p, b);
                throw e;
            }
            if (!PageLayout.verify(page, block.block())) {
                terminateIo(b, false, IO_ERROR);
                unpin(p, b);
                throw new DatabaseException(DATA_CORRUPTED, "invalid page in block " + block.block()
                        + " of relation " + block.rel().relativePath(block.fork()));
            }
            terminateIo(b, false, VALID);
            Atomics.getAndAddLong(region, slotCounter + 8, 1); // read
        } else {
            Atomics.getAndAddLong(region, slotCounter, 1); // someone else read it: a hit for us
        }
        return b;
    }

    @Override
    public int readZeroed(BlockReference block) {
        Private p = local.get();
        int b = pinBufferFor(p, block);
        if ((state(b) & VALID) == 0 && startIo(b, true)) {
            pages[b].fill((byte) 0);
            terminateIo(b, false, VALID);
        }
        lockExclusive(b);
        pages[b].fill((byte) 0);
        sizes.noteBlock(block.rel(), block.fork(), block.block());
        return b;
    }

    @Override
    public int extend(RelFileLocator rel, ForkNumber fork) {
        Private p = local.get();
        while (true) {
            long blockNo = sizes.allocate(rel, fork);
            int b = pinBufferFor(p, new BlockReference(rel, fork, blockNo));
            if ((state(b) & VALID) == 0 && startIo(b, true)) {
                pages[b].fill((byte) 0);
                terminateIo(b, false, VALID);
            }
            lockExclusive(b);
            // blockCount counts the block from the moment it is allocated, before this pin: a
            // process that read it meanwhile (past the end of the file: zeros) may already have
            // initialized it and put tuples on it. Zeroing it would destroy them; such a block
            // is simply theirs, and this extender takes the next one.
            if (PageLayout.isNew(pages[b])) {
                pages[b].fill((byte) 0); // a buffer left from a read past the end holds zeros anyway
                return b;
            }
            unlock(b);
            unpin(p, b);
        }
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        return sizes.getOrLoad(rel, fork);
    }

    /**
     * Returns a buffer pinned by this thread whose tag is the block (PostgreSQL's BufferAlloc);
     * it may still need its I/O (not VALID).
     */
    private int pinBufferFor(Private p, BlockReference ref) {
        RelFileLocator rel = ref.rel();
        int db = rel.dbOid();
        long relNumber = rel.relNumber();
        int fork = ref.fork().ordinal();
        int block = (int) ref.block();
        long hash = BufferMapping.hash(db, relNumber, fork, block);
        long partLock = mapping.partitionLock(hash);
        while (true) {
            LWLock.acquireShared(region, partLock);
            int found;
            try {
                found = mapping.lookup(hash, db, relNumber, fork, block);
                if (found >= 0) {
                    pin(p, found, true);
                }
            } finally {
                LWLock.release(region, partLock);
            }
            if (found >= 0) {
                return found;
            }
            int victim = cleanVictim(p);
            // The victim is pinned by us and clean (or was just written); take it over unless
            // someone loaded the block meanwhile or touched the victim.
            long oldState = state(victim);
            boolean oldValid = (oldState & TAG_VALID) != 0;
            int oldDb = tagDb(victim);
            long oldRel = tagRel(victim);
            int oldFork = tagFork(victim);
            int oldBlock = tagBlock(victim);
            long oldHash = oldValid ? BufferMapping.hash(oldDb, oldRel, oldFork, oldBlock) : hash;
            long oldLock = mapping.partitionLock(oldHash);
            lockPartitions(partLock, oldLock);
            try {
                int existing = mapping.insert(hash, db, relNumber, fork, block, victim);
                if (existing >= 0) {
                    pin(p, existing, true);
                    unlockPartitions(partLock, oldLock);
                    unpin(p, victim);
                    return existing;
                }
                long s = lockHeader(victim);
                if (refcount(s) == 1 && (s & (DIRTY | IO_IN_PROGRESS)) == 0) {
                    setTag(victim, db, relNumber, fork, block);
                    unlockHeader(victim, (s & REFCOUNT_MASK) | TAG_VALID | USAGE_ONE);
                    if (oldValid) {
                        mapping.delete(oldHash, oldDb, oldRel, oldFork, oldBlock);
                    }
                    unlockPartitions(partLock, oldLock);
                    return victim;
                }
                unlockHeader(victim, s);
                mapping.delete(hash, db, relNumber, fork, block);
            } catch (RuntimeException | Error e) {
                unlockPartitions(partLock, oldLock);
                unpin(p, victim);
                throw e;
            }
            unlockPartitions(partLock, oldLock);
            unpin(p, victim);
        }
    }

    /** Both partition locks exclusively, lower offset (= lower partition) first. */
    private void lockPartitions(long a, long b) {
        if (a == b) {
            LWLock.acquireExclusive(region, a);
        } else if (a < b) {
            LWLock.acquireExclusive(region, a);
            LWLock.acquireExclusive(region, b);
        } else {
            LWLock.acquireExclusive(region, b);
            LWLock.acquireExclusive(region, a);
        }
    }

    private void unlockPartitions(long a, long b) {
        LWLock.release(region, a);
        if (a != b) {
            LWLock.release(region, b);
        }
    }

    /** A victim pinned by this thread and not dirty (written here if it was). */
    private int cleanVictim(Private p) {
        while (true) {
            int victim = clockSweep(p);
            if ((state(victim) & DIRTY) == 0) {
                return victim;
            }
            // Never wait for a content lock here: someone holding it may be waiting for us.
            if (LWLock.tryAcquireShared(region, contentLock(victim))) {
                p.pushLock(victim, false);
                try {
                    flush(p, victim, Writer.BACKEND);
                } finally {
                    unlock(victim);
                }
                return victim;
            }
            unpin(p, victim);
        }
    }

    /** PostgreSQL's StrategyGetBuffer without a free list: the clock hand finds an unused buffer. */
    private int clockSweep(Private p) {
        int tries = nbuffers * (MAX_USAGE + 1) + 1;
        while (true) {
            long hand = Atomics.getAndAddLong(region, BufferPoolLayout.CLOCK_HAND, 1);
            int b = (int) Long.remainderUnsigned(hand, nbuffers);
            long s = Atomics.getLong(region, stateOffset(b));
            if ((s & LOCKED) == 0 && refcount(s) == 0 && p.refs[b] == 0) {
                if (usage(s) > 0) {
                    Atomics.compareAndSetLong(region, stateOffset(b), s, s - USAGE_ONE);
                    tries = nbuffers * (MAX_USAGE + 1) + 1;
                } else if (Atomics.compareAndSetLong(region, stateOffset(b), s, s + 1)) {
                    p.refs[b] = 1;
                    Atomics.getAndAddLong(region, BufferPoolLayout.ALLOCATIONS, 1);
                    return b;
                }
            } else if (--tries == 0) {
                throw new DatabaseException(SqlState.INTERNAL_ERROR, "no unpinned buffers available");
            }
        }
    }

    // =============================================================== I/O

    private long ioWord(int b) {
        return layout.descriptor(b) + BufferPoolLayout.D_IO_WORD;
    }

    /**
     * PostgreSQL's StartBufferIO: waits for I/O in progress, then claims the buffer's I/O unless
     * it is no longer needed (valid already for input, clean already for output).
     */
    private boolean startIo(int b, boolean forInput) {
        while (true) {
            long s = lockHeader(b);
            if ((s & IO_IN_PROGRESS) != 0) {
                int seen = Atomics.getInt(region, ioWord(b));
                unlockHeader(b, s | IO_WAITERS);
                Futex.wait(region.asSlice(ioWord(b), 4), seen, 100_000_000L);
                continue;
            }
            if (forInput ? (s & VALID) != 0 : (s & DIRTY) == 0) {
                unlockHeader(b, s);
                return false;
            }
            s |= IO_IN_PROGRESS;
            if (!forInput) {
                s &= ~JUST_DIRTIED;
            }
            unlockHeader(b, s);
            return true;
        }
    }

    /** PostgreSQL's TerminateBufferIO; wakes processes waiting for it. */
    private void terminateIo(int b, boolean clearDirty, long setBits) {
        long s = lockHeader(b);
        boolean waiters = (s & IO_WAITERS) != 0;
        s &= ~(IO_IN_PROGRESS | IO_WAITERS | IO_ERROR);
        if (clearDirty && (s & JUST_DIRTIED) == 0) {
            s &= ~(DIRTY | CHECKPOINT_NEEDED);
        }
        unlockHeader(b, s | setBits);
        if (waiters) {
            Atomics.getAndAddInt(region, ioWord(b), 1);
            Futex.wakeAll(region.asSlice(ioWord(b), 4));
        }
    }

    /**
     * Writes a dirty buffer (PostgreSQL's FlushBuffer). Caller holds a pin and the content lock
     * (shared suffices: the page is copied, and the checksum computed on the copy, so a hint bit
     * set meanwhile cannot tear what is written; it sets JUST_DIRTIED and keeps the buffer dirty).
     * WAL before data: WAL is flushed up to the page LSN first. Returns false if it was clean.
     */
    private boolean flush(Private p, int b, Writer writer) {
        if (!startIo(b, false)) {
            return false;
        }
        try {
            MemorySegment copy = p.writeCopy;
            MemorySegment.copy(pages[b], 0, copy, 0, PageLayout.PAGE_SIZE);
            long lsn = PageLayout.lsn(copy);
            WriteAheadLog log = wal.get();
            if (log != null && lsn != 0 && Long.compareUnsigned(lsn, log.flushedPosition()) > 0) {
                log.flush(lsn);
            }
            long block = Integer.toUnsignedLong(tagBlock(b));
            if (!PageLayout.isNew(copy)) {
                PageLayout.setChecksum(copy, block);
            }
            storage.write(new RelFileLocator(tagDb(b), tagRel(b)), ForkNumber.values()[tagFork(b)], block, copy);
        } catch (RuntimeException | Error e) {
            terminateIo(b, false, IO_ERROR);
            throw e;
        }
        terminateIo(b, true, 0);
        long counter = switch (writer) {
            case CHECKPOINT -> BufferPoolLayout.WRITTEN_CHECKPOINT;
            case BGWRITER -> BufferPoolLayout.WRITTEN_BGWRITER;
            case BACKEND -> BufferPoolLayout.WRITTEN_BACKEND;
        };
        Atomics.getAndAddLong(region, counter, 1);
        return true;
    }

    // =============================================================== pages and content locks

    @Override
    public MemorySegment page(int buffer) {
        return pages[buffer];
    }

    @Override
    public BlockReference blockOf(int buffer) {
        checkPinned(local.get(), buffer);
        return new BlockReference(new RelFileLocator(tagDb(buffer), tagRel(buffer)),
                ForkNumber.values()[tagFork(buffer)], Integer.toUnsignedLong(tagBlock(buffer)));
    }

    private long contentLock(int b) {
        return layout.descriptor(b) + BufferPoolLayout.D_CONTENT_LOCK;
    }

    @Override
    public void lockShared(int buffer) {
        Private p = local.get();
        checkPinned(p, buffer);
        LWLock.acquireShared(region, contentLock(buffer));
        p.pushLock(buffer, false);
    }

    @Override
    public void lockExclusive(int buffer) {
        Private p = local.get();
        checkPinned(p, buffer);
        LWLock.acquireExclusive(region, contentLock(buffer));
        p.pushLock(buffer, true);
    }

    @Override
    public boolean tryLockExclusive(int buffer) {
        Private p = local.get();
        checkPinned(p, buffer);
        if (!LWLock.tryAcquireExclusive(region, contentLock(buffer))) {
            return false;
        }
        p.pushLock(buffer, true);
        return true;
    }

    @Override
    public void unlock(int buffer) {
        Private p = local.get();
        int i = p.lockIndex(buffer);
        if (i < 0) {
            throw new IllegalStateException("content lock of buffer " + buffer + " is not held by this thread");
        }
        p.removeLock(i);
        LWLock.release(region, contentLock(buffer));
    }

    @Override
    public void markDirty(int buffer) {
        Private p = local.get();
        int i = p.lockIndex(buffer);
        if (i < 0 || !p.exclusive[i]) {
            throw new IllegalStateException("markDirty of buffer " + buffer + " without its exclusive content lock");
        }
        setDirty(buffer);
    }

    @Override
    public void markDirtyHint(int buffer) {
        Private p = local.get();
        if (p.lockIndex(buffer) < 0) {
            throw new IllegalStateException("markDirtyHint of buffer " + buffer + " without its content lock");
        }
        WriteAheadLog log = wal.get();
        if (log != null) {
            if (log.inRecovery()) {
                return;
            }
            long lsn = PageLayout.lsn(pages[buffer]);
            // Safe only if a full-page image since the redo point protects the page against a
            // torn write: its LSN is past the redo pointer.
            if (Long.compareUnsigned(lsn, log.redoPointer()) <= 0) {
                return;
            }
        }
        setDirty(buffer);
    }

    private void setDirty(int b) {
        long off = stateOffset(b);
        while (true) {
            long s = unlockedState(b);
            if ((s & (DIRTY | JUST_DIRTIED)) == (DIRTY | JUST_DIRTIED)) {
                return;
            }
            if (Atomics.compareAndSetLong(region, off, s, s | DIRTY | JUST_DIRTIED)) {
                return;
            }
        }
    }

    @Override
    public void release(int buffer) {
        Private p = local.get();
        if (p.lockCount > 0 && p.refs[buffer] == 1 && p.lockIndex(buffer) >= 0) {
            throw new IllegalStateException("buffer " + buffer + " released while its content lock is held");
        }
        unpin(p, buffer);
    }

    // =============================================================== drop, checkpoint, bgwriter

    @Override
    public void dropRelation(RelFileLocator rel) {
        Private p = local.get();
        for (int b = 0; b < nbuffers; b++) {
            if (tagRel(b) != rel.relNumber() || tagDb(b) != rel.dbOid()) {
                continue; // unlocked pre-check, rechecked under the header lock
            }
            invalidate(p, b, rel);
        }
        sizes.forget(rel);
    }

    /** DropDatabaseBuffers: every buffer of the database's relations, and their sizes. */
    public void dropDatabase(int dbOid) {
        Private p = local.get();
        java.util.Set<Long> relations = new java.util.HashSet<>();
        for (int b = 0; b < nbuffers; b++) {
            if (tagDb(b) != dbOid) {
                continue; // unlocked pre-check, rechecked under the header lock
            }
            long rel = tagRel(b);
            if (rel > 0) {
                RelFileLocator locator = new RelFileLocator(dbOid, rel);
                invalidate(p, b, locator);
                relations.add(rel);
            }
        }
        for (long rel : relations) {
            sizes.forget(new RelFileLocator(dbOid, rel));
        }
    }

    /** PostgreSQL's InvalidateBuffer: unmaps the buffer if it still holds a block of {@code rel}. */
    private void invalidate(Private p, int b, RelFileLocator rel) {
        while (true) {
            long s = lockHeader(b);
            if ((s & TAG_VALID) == 0 || tagRel(b) != rel.relNumber() || tagDb(b) != rel.dbOid()) {
                unlockHeader(b, s);
                return;
            }
            int fork = tagFork(b);
            int block = tagBlock(b);
            unlockHeader(b, s);
            if (p.refs[b] > 0) {
                throw new IllegalStateException("dropping relation " + rel + " while this thread pins buffer " + b);
            }
            long hash = BufferMapping.hash(rel.dbOid(), rel.relNumber(), fork, block);
            long lock = mapping.partitionLock(hash);
            LWLock.acquireExclusive(region, lock);
            s = lockHeader(b);
            boolean same = (s & TAG_VALID) != 0 && tagRel(b) == rel.relNumber() && tagDb(b) == rel.dbOid()
                    && tagFork(b) == fork && tagBlock(b) == block;
            if (!same) {
                unlockHeader(b, s);
                LWLock.release(region, lock);
                continue;
            }
            if (refcount(s) != 0) {
                // Pinned only briefly (the bgwriter or a checkpoint writing it): wait for it.
                unlockHeader(b, s);
                LWLock.release(region, lock);
                Thread.onSpinWait();
                Thread.yield();
                continue;
            }
            mapping.delete(hash, rel.dbOid(), rel.relNumber(), fork, block);
            setTag(b, 0, 0, 0, 0);
            unlockHeader(b, 0);
            LWLock.release(region, lock);
            return;
        }
    }

    @Override
    public int flushAll() {
        Private p = local.get();
        int[] marked = new int[nbuffers];
        int count = 0;
        for (int b = 0; b < nbuffers; b++) {
            if ((state(b) & DIRTY) == 0) {
                continue;
            }
            long s = lockHeader(b);
            if ((s & (DIRTY | VALID)) == (DIRTY | VALID)) {
                s |= CHECKPOINT_NEEDED;
                marked[count++] = b;
            }
            unlockHeader(b, s);
        }
        // Write in file order (PostgreSQL sorts too): sequential I/O per file.
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = marked[i];
        }
        Arrays.sort(order, (x, y) -> {
            int c = Integer.compare(tagDb(x), tagDb(y));
            if (c == 0) c = Long.compare(tagRel(x), tagRel(y));
            if (c == 0) c = Integer.compare(tagFork(x), tagFork(y));
            if (c == 0) c = Integer.compareUnsigned(tagBlock(x), tagBlock(y));
            return c;
        });
        int written = 0;
        for (Integer boxed : order) {
            int b = boxed;
            if ((state(b) & CHECKPOINT_NEEDED) == 0) {
                continue; // written by someone else meanwhile, or evicted
            }
            pin(p, b, false);
            try {
                if ((state(b) & CHECKPOINT_NEEDED) == 0) {
                    continue;
                }
                lockShared(b);
                try {
                    if (flush(p, b, Writer.CHECKPOINT)) {
                        written++;
                    }
                } finally {
                    unlock(b);
                }
            } finally {
                unpin(p, b);
            }
        }
        storage.syncPending();
        return written;
    }

    /** Clock position and allocations so far (PostgreSQL's StrategySyncStart), for the bgwriter. */
    long clockHand() {
        return Atomics.getLong(region, BufferPoolLayout.CLOCK_HAND);
    }

    long allocations() {
        return Atomics.getLong(region, BufferPoolLayout.ALLOCATIONS);
    }

    /** SyncOneBuffer's result bits. */
    static final int REUSABLE = 1;
    static final int WRITTEN = 2;

    /**
     * PostgreSQL's SyncOneBuffer(skip_recently_used = true), for the bgwriter: writes the buffer
     * if it is dirty, unpinned and has usage count 0. Returns REUSABLE and/or WRITTEN.
     */
    int syncOneBuffer(int b) {
        Private p = local.get();
        long s = lockHeader(b);
        if (refcount(s) != 0 || usage(s) != 0) {
            unlockHeader(b, s);
            return 0;
        }
        if ((s & (VALID | DIRTY)) != (VALID | DIRTY)) {
            unlockHeader(b, s);
            return REUSABLE;
        }
        // Pin while the header is locked (PinBuffer_Locked): no usage-count bump.
        if (p.refs[b]++ == 0) {
            s += 1;
        }
        unlockHeader(b, s);
        try {
            lockShared(b);
            try {
                flush(p, b, Writer.BGWRITER);
            } finally {
                unlock(b);
            }
        } finally {
            unpin(p, b);
        }
        return REUSABLE | WRITTEN;
    }

    @Override
    public Stats stats() {
        long hits = 0;
        long reads = 0;
        for (int slot = 0; slot < layout.procSlots; slot++) {
            hits += Atomics.getLong(region, layout.slotCounter(slot));
            reads += Atomics.getLong(region, layout.slotCounter(slot) + 8);
        }
        long dirty = 0;
        for (int b = 0; b < nbuffers; b++) {
            if ((state(b) & DIRTY) != 0) {
                dirty++;
            }
        }
        return new Stats(nbuffers, hits, reads, Atomics.getLong(region, BufferPoolLayout.WRITTEN_CHECKPOINT),
                Atomics.getLong(region, BufferPoolLayout.WRITTEN_BGWRITER),
                Atomics.getLong(region, BufferPoolLayout.WRITTEN_BACKEND), dirty);
    }

    /** Usage count of a buffer at this instant (tests). */
    int usageCount(int b) {
        return usage(state(b));
    }

    /** Sets every usage count to 0, as enough clock-sweep passes would (tests of the bgwriter). */
    void ageUsageCountsForTest() {
        for (int b = 0; b < nbuffers; b++) {
            long s = lockHeader(b);
            unlockHeader(b, s & ~USAGE_MASK);
        }
    }

    /** Pins held by the calling thread (tests, leak checks). */
    int pinsHeldByThisThread() {
        int n = 0;
        for (int r : local.get().refs) {
            n += r;
        }
        return n;
    }
}
