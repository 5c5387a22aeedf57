package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.WalRegion.*;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.platform.linux.Futex;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.Latch;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * The WAL of one process over the shared region (PostgreSQL's xlog.c insert and write paths).
 *
 * <p>Insertion: (1) take an insertion slot (an LWLock; several threads or processes may share
 * one), (2) under the insert spinlock reserve {@code align8(length)} bytes at the insert position,
 * link the record to the previous one and advertise the start in the slot, (3) copy the record
 * into the ring, chunk by chunk, each chunk only once the ring space it reuses has been written
 * out (writing it out oneself if needed, after advertising how far one got), (4) mark the slot
 * idle. "Copied up to X" is then the minimum of the insert position and every busy slot's
 * advertised position: all bytes before it are in the ring.
 *
 * <p>Flushing: wait until everything below the requested position is copied, take
 * WALWriteLock, re-check, write everything copied by now (not only what was asked for: group
 * commit), fsync, publish the flushed position, release. A committer that queued on the lock
 * while another flushed finds its record already flushed and returns at once.
 */
final class WalEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalEngine.class);
    private static final int CHUNK = 64 * 1024;

    /** What to do when the WAL can no longer be trusted (PostgreSQL's PANIC). */
    interface Panic {
        void panic(String message, Throwable cause);
    }

    static final Panic HALT = (message, cause) -> {
        LOG.error("PANIC: {}", message, cause);
        Runtime.getRuntime().halt(3);
    };

    private final MemorySegment region;
    private final MemorySegment ring;
    /** The two round futex words (slices made once, not per wait and per wake). */
    private final MemorySegment[] roundWords;
    private final long ringSize;
    private final WalFiles files;
    private final Supplier<WalSettings> settings;
    private final int slotBase;
    private final Panic panic;
    private final ThreadLocal<RecordBuilder> builders = ThreadLocal.withInitial(() -> new RecordBuilder(this));

    WalEngine(MemorySegment region, WalFiles files, Supplier<WalSettings> settings, int slotBase, Panic panic) {
        this.region = region;
        this.ring = WalRegion.ring(region);
        this.roundWords = new MemorySegment[] {region.asSlice(ROUND_WORDS, 4), region.asSlice(ROUND_WORDS + 4, 4)};
        this.ringSize = ring.byteSize();
        this.files = files;
        this.settings = settings;
        this.slotBase = slotBase;
        this.panic = panic;
    }

    MemorySegment region() {
        return region;
    }

    WalFiles files() {
        return files;
    }

    WalSettings settings() {
        return settings.get();
    }

    RecordBuilder record(int rmgr, int info) {
        RecordBuilder b = builders.get();
        if (b.active) {
            // Nested (or abandoned) builder: never share one.
            b = new RecordBuilder(this);
            builders.set(b);
        }
        b.begin(rmgr, info);
        return b;
    }

    int state() {
        return Atomics.getIntAcquire(region, STATE);
    }

    long insertPosition() {
        return Atomics.getLongAcquire(region, RESERVED);
    }

    long writtenPosition() {
        return Atomics.getLongAcquire(region, WRITTEN);
    }

    long flushedPosition() {
        return Atomics.getLongAcquire(region, FLUSHED);
    }

    long redoPointer() {
        return Atomics.getLongAcquire(region, REDO);
    }

    long prevRecord() {
        return Atomics.getLongAcquire(region, PREV_RECORD);
    }

    long fsyncs() {
        return Atomics.getLongAcquire(region, FSYNCS);
    }

    long writes() {
        return Atomics.getLongAcquire(region, WRITES);
    }

    /**
     * Startup, alone, after recovery: new records go at {@code insertAt}, linked to
     * {@code prevRecord}; everything before it is on disk.
     */
    void startAt(long insertAt, long prevRecord, long redo) {
        if ((insertAt & 7) != 0) {
            throw new IllegalArgumentException("unaligned WAL position " + insertAt);
        }
        SpinLock.acquire(region, INSERT_LOCK);
        try {
            Atomics.setLong(region, PREV_RECORD, prevRecord);
            Atomics.setLong(region, REDO, redo);
            Atomics.setLong(region, WRITTEN, insertAt);
            Atomics.setLong(region, FLUSHED, insertAt);
            Atomics.setLongRelease(region, RESERVED, insertAt);
        } finally {
            SpinLock.release(region, INSERT_LOCK);
        }
        Atomics.setIntRelease(region, STATE, STATE_RUNNING);
    }

    void setState(int state) {
        Atomics.setIntRelease(region, STATE, state);
    }

    /**
     * The checkpoint's first step: the redo pointer becomes the current insert position, in the
     * same critical section that hands out positions, so every record reserved after it decided
     * about full-page images against it.
     */
    long advanceRedoPointer() {
        SpinLock.acquire(region, INSERT_LOCK);
        try {
            long redo = Atomics.getLong(region, RESERVED);
            Atomics.setLongRelease(region, REDO, redo);
            return redo;
        } finally {
            SpinLock.release(region, INSERT_LOCK);
        }
    }

    /** Reserves, copies and publishes; -1 when the redo pointer moved since assembling. */
    long insert(RecordBuilder b, long assembledRedo) {
        if (state() != STATE_RUNNING) {
            throw new DatabaseException("55000", "cannot write WAL: "
                    + (state() == STATE_RECOVERY ? "recovery is in progress" : "the WAL is not started yet"));
        }
        long size = RecordFormat.align(b.totalLength);
        long slot = slot(Math.floorMod(slotBase * 31 + (int) Thread.currentThread().threadId(), SLOTS));
        LWLock.acquireExclusive(region, slot + SLOT_LOCK);
        long start;
        long prev;
        try {
            SpinLock.acquire(region, INSERT_LOCK);
            if (b.redoSensitive && Atomics.getLong(region, REDO) != assembledRedo) {
                SpinLock.release(region, INSERT_LOCK);
                return -1;
            }
            start = Atomics.getLong(region, RESERVED);
            prev = Atomics.getLong(region, PREV_RECORD);
            Atomics.setLong(region, PREV_RECORD, start);
            Atomics.setLongRelease(region, slot + SLOT_INSERTING_AT, start);
            Atomics.setLongRelease(region, RESERVED, start + size);
            SpinLock.release(region, INSERT_LOCK);
            // From here on the space is ours and every flusher will wait for it: failing to fill
            // it would leave a hole in the WAL, so any failure is a PANIC.
            try {
                b.finishHeader(start, prev);
                long pos = copy(b.scratchSegment, 0, b.scratchLength, start, slot);
                for (int i = 0; i < b.imageCount; i++) {
                    int id = b.imageBlocks[i];
                    MemorySegment page = b.pages[id];
                    int ho = b.holeOffset[id];
                    int hl = b.holeLength[id];
                    if (hl == 0) {
                        pos = copy(page, 0, PageLayout.PAGE_SIZE, pos, slot);
                    } else {
                        pos = copy(page, 0, ho, pos, slot);
                        pos = copy(page, ho + hl, PageLayout.PAGE_SIZE - ho - hl, pos, slot);
                    }
                }
                long pad = start + size - pos;
                if (pad > 0) {
                    copy(PADDING, 0, pad, pos, slot);
                }
            } catch (Throwable t) {
                panic.panic("could not insert WAL record at " + org.tuskdb.api.wal.Lsn.format(start), t);
                throw t;
            }
        } finally {
            Atomics.setLongRelease(region, slot + SLOT_INSERTING_AT, IDLE);
            LWLock.release(region, slot + SLOT_LOCK);
        }
        return start + size;
    }

    private static final MemorySegment PADDING = MemorySegment.ofArray(new byte[8]);

    private long copy(MemorySegment src, long srcOffset, long length, long pos, long slot) {
        while (length > 0) {
            long ringOffset = pos % ringSize;
            long n = Math.min(length, Math.min(ringSize - ringOffset, CHUNK));
            long needed = pos + n - ringSize;
            if (Atomics.getLongAcquire(region, WRITTEN) < needed) {
                Atomics.setLongRelease(region, slot + SLOT_INSERTING_AT, pos);
                makeRoom(needed);
            }
            MemorySegment.copy(src, srcOffset, ring, ringOffset, n);
            pos += n;
            srcOffset += n;
            length -= n;
        }
        return pos;
    }

    /** The ring space before {@code needed} is still unwritten: write it out (no fsync). */
    private void makeRoom(long needed) {
        waitCopied(needed);
        LWLock.acquireExclusive(region, WRITE_LOCK);
        try {
            if (Atomics.getLongAcquire(region, WRITTEN) < needed) {
                writeOut(copiedUpTo());
            }
        } finally {
            releaseWriteLock();
        }
    }

    /** Everything before the result is copied into the ring (never waits). */
    long copiedUpTo() {
        long upTo = Atomics.getLongAcquire(region, RESERVED);
        for (int i = 0; i < SLOTS; i++) {
            long at = Atomics.getLongAcquire(region, slot(i) + SLOT_INSERTING_AT);
            if (at < upTo) {
                upTo = at;
            }
        }
        return upTo;
    }

    /**
     * Waits until every insertion that reserved space before {@code upTo} has copied it. Polls:
     * an inserter advertises its progress before it waits for anything, so the lowest one always
     * progresses. Never called holding WALWriteLock (inserters may need it to make room).
     */
    private void waitCopied(long upTo) {
        for (int i = 0; i < SLOTS; i++) {
            long offset = slot(i) + SLOT_INSERTING_AT;
            int spins = 0;
            while (Atomics.getLongAcquire(region, offset) < upTo) {
                pause(spins++);
            }
        }
    }

    private static void pause(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else if (spins < 200) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000);
        }
    }

    /**
     * Makes everything before {@code upTo} durable (XLogFlush). Writes and syncs all that is
     * copied when it gets the lock, so one fsync serves every committer queued behind it.
     */
    void flush(long upTo) {
        if (Atomics.getLongAcquire(region, FLUSHED) >= upTo || state() != STATE_RUNNING) {
            return;
        }
        upTo = Math.min(upTo, insertPosition());
        waitCopied(upTo);
        // PostgreSQL's LWLockAcquireOrWait: while another process holds WALWriteLock, sleep
        // until a flush that covers us ends (and return without ever taking the lock), or until
        // the lock is free and a flush is needed.
        while (!LWLock.tryAcquireExclusive(region, WRITE_LOCK)) {
            if (awaitFlushRound(upTo)) {
                return; // someone else's flush covered us: group commit
            }
        }
        try {
            if (Atomics.getLongAcquire(region, FLUSHED) >= upTo) {
                return;
            }
            WalSettings s = settings.get();
            int round = Atomics.getInt(region, FLUSH_ROUNDS) + 1;
            long target = copiedUpTo();
            Atomics.setLong(region, FLUSHING_UP_TO, target);
            Atomics.setIntRelease(region, ACTIVE_ROUND, round);
            if (Atomics.getLongAcquire(region, WRITTEN) < target) {
                writeOut(target);
            }
            long from = Atomics.getLong(region, FLUSHED);
            long to = Atomics.getLong(region, WRITTEN);
            if (s.fsync() && to > from) {
                for (long seg = WalFiles.segno(from); seg <= WalFiles.segno(to - 1); seg++) {
                    if (files.sync(seg, s)) {
                        Atomics.getAndAddLong(region, FSYNCS, 1);
                    }
                }
            }
            Atomics.setLongRelease(region, FLUSHED, to);
            // The round ends: wake the flushers it covers (they sleep on its word), before
            // letting go of the lock.
            Atomics.setIntRelease(region, FLUSH_ROUNDS, round);
            MemorySegment word = roundWords[round & 1];
            Atomics.getAndAddInt(word, 0, 1);
            if (Atomics.getIntAcquire(region, roundWaiters(round & 1)) > 0) {
                Futex.wakeAll(word);
            }
        } finally {
            releaseWriteLock();
        }
    }

    /**
     * A flusher that found WALWriteLock taken: sleeps until the end of the first flush round that
     * will cover {@code upTo} — the round in progress if it flushes that far, else the next one —
     * and returns true if it is covered then; false to try the lock (again). Rounds alternate
     * between two futex words, so the end of a round wakes only the flushers it covers (those who
     * came too late for it sleep on (and are woken by the end of) the next one), and a flusher
     * sleeps once per commit, not once per round it was too late for. Every sleeper raises the
     * flush request first: a holder that lets go of the lock while a sleeper's position is not
     * flushed wakes one sleeper of the next round, which takes the lock and flushes for all of
     * them (one that finds itself covered returns; the timeout is the safety net for the others
     * then).
     */
    private boolean awaitFlushRound(long upTo) {
        raiseFlushRequest(upTo);
        int done = Atomics.getIntAcquire(region, FLUSH_ROUNDS);
        if (Atomics.getLongAcquire(region, FLUSHED) >= upTo) {
            return true;
        }
        int round = done + 1;
        if (Atomics.getIntAcquire(region, ACTIVE_ROUND) == round
                && Atomics.getLongAcquire(region, FLUSHING_UP_TO) < upTo) {
            round++; // the round in progress took its target before our record was there
        }
        int w = round & 1;
        MemorySegment word = roundWords[w];
        Atomics.getAndAddInt(region, roundWaiters(w), 1);
        try {
            int value = Atomics.getIntAcquire(word, 0);
            if (Atomics.getIntAcquire(region, FLUSH_ROUNDS) != done || !LWLock.isHeldExclusive(region, WRITE_LOCK)) {
                return Atomics.getLongAcquire(region, FLUSHED) >= upTo; // moved meanwhile: look again
            }
            Futex.wait(word, value, 100_000_000L);
        } finally {
            Atomics.getAndAddInt(region, roundWaiters(w), -1);
        }
        return Atomics.getLongAcquire(region, FLUSHED) >= upTo;
    }

    private void raiseFlushRequest(long upTo) {
        long cur;
        while ((cur = Atomics.getLongAcquire(region, FLUSH_REQUEST)) < upTo
                && !Atomics.compareAndSetLong(region, FLUSH_REQUEST, cur, upTo)) {
            Thread.onSpinWait();
        }
    }

    /**
     * After WALWriteLock is let go: a sleeping flusher whose position is not flushed needs
     * someone to take the lock; one sleeper of the next round is woken to do it (the others
     * sleep on, its flush covers them). If every request is flushed, the next round's sleepers
     * are woken to return.
     */
    private void wakeNextFlusher() {
        int w = (Atomics.getIntAcquire(region, FLUSH_ROUNDS) + 1) & 1;
        if (Atomics.getIntAcquire(region, roundWaiters(w)) == 0) {
            return;
        }
        MemorySegment word = roundWords[w];
        if (Atomics.getLongAcquire(region, FLUSH_REQUEST) > Atomics.getLongAcquire(region, FLUSHED)) {
            Futex.wake(word, 1);
        } else {
            Atomics.getAndAddInt(word, 0, 1);
            Futex.wakeAll(word);
        }
    }

    /** Writes the ring from the written position up to {@code target}. Holds WALWriteLock. */
    private void writeOut(long target) {
        WalSettings s = settings.get();
        long w = Atomics.getLong(region, WRITTEN);
        while (w < target) {
            long segno = WalFiles.segno(w);
            long segEnd = WalFiles.segmentStart(segno + 1);
            long limit = Math.min(target, segEnd);
            while (w < limit) {
                long ringOffset = w % ringSize;
                long n = Math.min(limit - w, ringSize - ringOffset);
                ByteBuffer data = ring.asSlice(ringOffset, n).asByteBuffer();
                files.write(w, data, s);
                w += n;
            }
            Atomics.setLongRelease(region, WRITTEN, w);
            Atomics.getAndAddLong(region, WRITES, 1);
            if (w == segEnd) {
                segmentCompleted(segEnd, s);
            }
        }
    }

    /** A segment is full: if max_wal_size of WAL has been written since the redo point, ask for a checkpoint. */
    private void segmentCompleted(long segEnd, WalSettings s) {
        long redo = Atomics.getLongAcquire(region, LAST_CKPT_REDO);
        if (redo != 0 && segEnd - redo >= s.maxWalSizeMb() * 1024 * 1024) {
            Atomics.getAndBitwiseOrInt(region, CKPT_REQUEST, REQUEST_SIZE);
            Latch.set(region, CHECKPOINTER_LATCH);
        }
    }

    /** Releases WALWriteLock and, if a sleeping flusher still needs a flush, wakes one to do it (see flush). */
    private void releaseWriteLock() {
        LWLock.release(region, WRITE_LOCK);
        wakeNextFlusher();
    }

    /** Runs {@code action} holding WALWriteLock (segment recycling must not race a writer). */
    void withWriteLock(Runnable action) {
        LWLock.acquireExclusive(region, WRITE_LOCK);
        try {
            action.run();
        } finally {
            releaseWriteLock();
        }
    }

    void wakeWalWriter() {
        Latch.set(region, WALWRITER_LATCH);
    }

    @Override
    public void close() {
        withWriteLock(files::close);
    }
}
