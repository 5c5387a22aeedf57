package org.tuskdb.btree.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * An in-memory buffer pool: one page per block that was ever touched, never evicted, with real
 * pins and content locks, and assertions for the buffer rules the heap must keep (markDirty
 * under the exclusive lock, markDirtyHint under some lock, no release while locked).
 */
final class FakeBufferPool implements BufferPool {
    static final class Slot {
        final BlockReference ref;
        final MemorySegment page;
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final AtomicInteger pins = new AtomicInteger();
        volatile boolean dirty;
        final AtomicInteger hintMarks = new AtomicInteger();

        Slot(BlockReference ref, MemorySegment page) {
            this.ref = ref;
            this.page = page;
        }
    }

    private final Arena arena = Arena.ofAuto();
    private final Map<BlockReference, Integer> ids = new HashMap<>();
    private final List<Slot> slots = new ArrayList<>();
    private final Map<RelFileLocator, Long> sizes = new HashMap<>();
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

    private synchronized int slotFor(BlockReference ref) {
        Integer id = ids.get(ref);
        if (id == null) {
            id = slots.size();
            slots.add(new Slot(ref, arena.allocate(PageLayout.PAGE_SIZE, 8)));
            ids.put(ref, id);
        }
        return id;
    }

    synchronized Slot slot(int buffer) {
        return slots.get(buffer);
    }

    @Override
    public int read(BlockReference block) {
        synchronized (this) {
            if (block.block() >= sizes.getOrDefault(block.rel(), 0L)) {
                throw new IllegalArgumentException("read past end: " + block);
            }
        }
        int id = slotFor(block);
        slot(id).pins.incrementAndGet();
        return id;
    }

    @Override
    public int readZeroed(BlockReference block) {
        int id;
        synchronized (this) {
            id = slotFor(block);
            sizes.merge(block.rel(), block.block() + 1, Math::max);
        }
        Slot s = slot(id);
        s.pins.incrementAndGet();
        lockExclusive(id);
        s.page.fill((byte) 0);
        return id;
    }

    @Override
    public int extend(RelFileLocator rel, ForkNumber fork) {
        int id;
        synchronized (this) {
            long n = sizes.getOrDefault(rel, 0L);
            sizes.put(rel, n + 1);
            id = slotFor(new BlockReference(rel, fork, n));
        }
        slot(id).pins.incrementAndGet();
        lockExclusive(id);
        return id;
    }

    /** Grows the relation without touching pages (redo reading a block past the end). */
    synchronized void ensureSize(RelFileLocator rel, long blocks) {
        sizes.merge(rel, blocks, Math::max);
    }

    @Override
    public synchronized long blockCount(RelFileLocator rel, ForkNumber fork) {
        return sizes.getOrDefault(rel, 0L);
    }

    @Override
    public MemorySegment page(int buffer) {
        Slot s = slot(buffer);
        check(s.pins.get() > 0, "page of unpinned buffer");
        return s.page;
    }

    @Override
    public BlockReference blockOf(int buffer) {
        return slot(buffer).ref;
    }

    @Override
    public void lockShared(int buffer) {
        Slot s = slot(buffer);
        check(s.pins.get() > 0, "lock of unpinned buffer");
        s.lock.readLock().lock();
        held.get()[0]++;
    }

    @Override
    public void lockExclusive(int buffer) {
        Slot s = slot(buffer);
        check(s.pins.get() > 0, "lock of unpinned buffer");
        check(s.lock.getReadHoldCount() == 0, "upgrade of shared lock");
        s.lock.writeLock().lock();
        held.get()[0]++;
    }

    @Override
    public boolean tryLockExclusive(int buffer) {
        boolean ok = slot(buffer).lock.writeLock().tryLock();
        if (ok) {
            held.get()[0]++;
        }
        return ok;
    }

    @Override
    public void unlock(int buffer) {
        Slot s = slot(buffer);
        if (s.lock.isWriteLockedByCurrentThread()) {
            s.lock.writeLock().unlock();
        } else {
            s.lock.readLock().unlock();
        }
        held.get()[0]--;
    }

    @Override
    public void markDirty(int buffer) {
        Slot s = slot(buffer);
        check(s.lock.isWriteLockedByCurrentThread(), "markDirty without exclusive lock");
        s.dirty = true;
    }

    @Override
    public void markDirtyHint(int buffer) {
        Slot s = slot(buffer);
        check(s.lock.isWriteLockedByCurrentThread() || s.lock.getReadHoldCount() > 0, "markDirtyHint without lock");
        s.hintMarks.incrementAndGet();
    }

    @Override
    public void release(int buffer) {
        Slot s = slot(buffer);
        check(!s.lock.isWriteLockedByCurrentThread() && s.lock.getReadHoldCount() == 0, "release while locked");
        check(s.pins.decrementAndGet() >= 0, "release of unpinned buffer");
    }

    @Override
    public synchronized void dropRelation(RelFileLocator rel) {
        ids.keySet().removeIf(r -> r.rel().equals(rel));
        sizes.remove(rel);
    }

    @Override
    public int flushAll() {
        return 0;
    }

    @Override
    public Stats stats() {
        return new Stats(slots.size(), 0, 0, 0, 0, 0, 0);
    }

    /** A copy of every page and size (the disk as a checkpoint left it, say). */
    synchronized FakeBufferPool copy() {
        FakeBufferPool c = new FakeBufferPool();
        for (Map.Entry<BlockReference, Integer> e : ids.entrySet()) {
            int id = c.slotFor(e.getKey());
            MemorySegment.copy(slots.get(e.getValue()).page, 0, c.slots.get(id).page, 0, PageLayout.PAGE_SIZE);
        }
        c.sizes.putAll(sizes);
        return c;
    }

    /** Content locks the calling thread holds now. */
    int locksHeldByThisThread() {
        return held.get()[0];
    }

    /** Pins held on all buffers together. */
    synchronized int pins() {
        int n = 0;
        for (Slot s : slots) {
            n += s.pins.get();
        }
        return n;
    }

    /** The page of a block, for inspection by tests (no pin). */
    MemorySegment pageOf(RelFileLocator rel, long block) {
        Integer id;
        synchronized (this) {
            id = ids.get(new BlockReference(rel, ForkNumber.MAIN, block));
        }
        return id == null ? null : slot(id).page;
    }

    int hintMarks(RelFileLocator rel, long block) {
        synchronized (this) {
            return slots.get(ids.get(new BlockReference(rel, ForkNumber.MAIN, block))).hintMarks.get();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
