package org.tuskdb.bufferpool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

class SharedBuffersTest {
    private static final RelFileLocator REL = new RelFileLocator(5, 16384);
    private static final RelFileLocator OTHER = new RelFileLocator(5, 16385);

    @TempDir
    Path dir;
    private TwoProcesses procs;

    private TwoProcesses start(int nbuffers, boolean withWal) throws IOException {
        procs = new TwoProcesses(dir, nbuffers, withWal);
        procs.storage.create(REL, ForkNumber.MAIN, false);
        procs.storage.create(OTHER, ForkNumber.MAIN, false);
        return procs;
    }

    @AfterEach
    void stop() {
        if (procs != null) {
            procs.close();
        }
    }

    /** Extends a block, writes {@code value} into a fresh page with that LSN, marks dirty, releases. */
    private static long addPage(BufferPool pool, RelFileLocator rel, int value, long lsn) {
        int b = pool.extend(rel, ForkNumber.MAIN);
        MemorySegment page = pool.page(b);
        assertTrue(PageLayout.isNew(page), "extended page is zeroed");
        PageLayout.initialize(page, 0);
        PageLayout.addItem(page, MemorySegment.ofArray(new int[] {value}));
        PageLayout.setLsn(page, lsn);
        pool.markDirty(b);
        long block = pool.blockOf(b).block();
        pool.unlockAndRelease(b);
        return block;
    }

    private static int valueOf(BufferPool pool, RelFileLocator rel, long block) {
        int b = pool.read(rel, ForkNumber.MAIN, block);
        pool.lockShared(b);
        try {
            return PageLayout.item(pool.page(b), 1).get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        } finally {
            pool.unlockAndRelease(b);
        }
    }

    @Test
    void pagesSurviveEvictionAndAreReadBackByTheOtherProcess() throws IOException {
        TwoProcesses p = start(16, true);
        for (int i = 0; i < 40; i++) {
            assertEquals(i, addPage(p.first, REL, 1000 + i, 0));
        }
        assertEquals(40, p.first.blockCount(REL, ForkNumber.MAIN));
        assertEquals(40, p.second.blockCount(REL, ForkNumber.MAIN), "size is shared");
        assertTrue(p.storage.writes.get() >= 24, "evicting dirty buffers wrote them");
        for (int i = 39; i >= 0; i--) {
            assertEquals(1000 + i, valueOf(p.second, REL, i));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(1000 + i, valueOf(p.first, REL, i), "and again after more evictions");
        }
        BufferPool.Stats stats = p.first.stats();
        assertEquals(16, stats.buffers());
        assertTrue(stats.reads() > 0 && stats.writtenByBackends() >= 24, stats.toString());
        assertEquals(0, p.first.pinsHeldByThisThread());
    }

    @Test
    void aResidentPageIsAHitInEveryProcess() throws IOException {
        TwoProcesses p = start(16, false);
        addPage(p.first, REL, 7, 0);
        long hits = p.first.stats().hits();
        int b1 = p.first.read(REL, ForkNumber.MAIN, 0);
        int b2 = p.second.read(REL, ForkNumber.MAIN, 0);
        assertEquals(b1, b2, "one shared buffer");
        int again = p.first.read(REL, ForkNumber.MAIN, 0);
        assertEquals(b1, again);
        p.first.release(again);
        p.first.release(b1);
        p.second.release(b2);
        assertEquals(hits + 3, p.first.stats().hits());
        assertEquals(0, p.first.stats().reads());
    }

    @Test
    void evictionFlushesWalUpToThePageLsnBeforeWritingIt() throws IOException {
        TwoProcesses p = start(16, true);
        addPage(p.first, REL, 1, 0x1234_5678L);
        for (int i = 0; i < 20; i++) {
            addPage(p.second, OTHER, i, 0);
        }
        List<String> events = List.copyOf(p.events);
        int flush = events.indexOf("flush 12345678");
        int write = events.indexOf("write 16384 0");
        assertTrue(flush >= 0, "WAL flush requested up to the page LSN: " + events);
        assertTrue(write > flush, "WAL before data: " + events);
        assertEquals(1, valueOf(p.first, REL, 0));
    }

    @Test
    void concurrentReadersOfOneBlockDoTheIoOnce() throws Exception {
        TwoProcesses p = start(16, false);
        addPage(p.first, REL, 42, 0);
        p.first.flushAll();
        p.first.dropRelation(REL); // forget the buffer; the file keeps the page
        p.storage.readsOfBlock.clear();
        p.storage.readDelayMillis = 200;
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        Set<Integer> values = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SharedBuffers pool = p.process(t);
            Thread r = new Thread(() -> {
                try {
                    go.await();
                    values.add(valueOf(pool, REL, 0));
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            r.start();
            readers.add(r);
        }
        go.countDown();
        for (Thread r : readers) {
            r.join(10_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of(42), values);
        assertEquals(1, p.storage.readsOfBlock.get(16384L << 32).get(), "one read for four readers");
    }

    @Test
    void aCorruptPageIsXX001AndNeverBecomesValid() throws IOException {
        TwoProcesses p = start(16, false);
        addPage(p.first, REL, 5, 0);
        addPage(p.first, REL, 6, 0);
        assertEquals(2, p.first.flushAll());
        p.first.dropRelation(REL);
        try (FileChannel ch = FileChannel.open(dir.resolve("data/base/5/16384"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0x5A}), PageLayout.PAGE_SIZE + 8000);
        }
        assertEquals(5, valueOf(p.first, REL, 0), "the intact page reads fine");
        for (SharedBuffers pool : List.of(p.first, p.second)) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> pool.read(REL, ForkNumber.MAIN, 1));
            assertEquals("XX001", e.sqlState());
            assertEquals("invalid page in block 1 of relation base/5/16384", e.getMessage());
            assertEquals(0, pool.pinsHeldByThisThread(), "no pin leaked");
        }
    }

    @Test
    void flushAllWritesEveryDirtyBufferAndSyncs() throws IOException {
        TwoProcesses p = start(32, true);
        for (int i = 0; i < 10; i++) {
            addPage(i % 2 == 0 ? p.first : p.second, REL, i, 0x100 + i);
        }
        assertEquals(10, p.first.stats().dirtyNow());
        assertEquals(10, p.second.flushAll());
        assertEquals(0, p.first.stats().dirtyNow());
        assertEquals(10, p.first.stats().writtenByCheckpoint());
        assertEquals("syncPending", p.events.getLast());
        assertTrue(p.wal.flushed >= 0x109, "WAL flushed past every written page");
        assertEquals(0, p.first.flushAll(), "nothing left to write");

        int b = p.first.read(REL, ForkNumber.MAIN, 3);
        p.first.lockExclusive(b);
        p.first.markDirty(b);
        p.first.unlockAndRelease(b);
        assertEquals(1, p.first.flushAll(), "re-dirtied buffer is written by the next checkpoint");
    }

    @Test
    void concurrentExtendersGetDistinctBlocks() throws Exception {
        TwoProcesses p = start(16, false);
        int threads = 4;
        int each = 50;
        Set<Long> blocks = ConcurrentHashMap.newKeySet();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SharedBuffers pool = p.process(t);
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        long block = addPage(pool, REL, id * 1000 + i, 0);
                        assertTrue(blocks.add(block), "block " + block + " handed out twice");
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(20_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(threads * each, blocks.size());
        assertEquals(threads * each, p.first.blockCount(REL, ForkNumber.MAIN));
        p.first.flushAll();
        assertEquals(threads * each, p.storage.blockCount(REL, ForkNumber.MAIN));
    }

    @Test
    void hintBitsDirtyAPageOnlyWhenItsLsnIsPastTheRedoPointer() throws IOException {
        TwoProcesses p = start(16, true);
        addPage(p.first, REL, 1, 0x500);
        addPage(p.first, REL, 2, 0x100);
        p.first.flushAll();
        p.wal.redoPointer = 0x300;
        int old = p.first.read(REL, ForkNumber.MAIN, 1);
        int recent = p.first.read(REL, ForkNumber.MAIN, 0);
        p.first.lockShared(old);
        p.first.lockShared(recent);
        p.first.markDirtyHint(old);
        p.first.markDirtyHint(recent);
        p.first.unlockAndRelease(old);
        p.first.unlockAndRelease(recent);
        assertEquals(1, p.first.stats().dirtyNow(), "only the page changed since the redo point");
    }

    @Test
    void pinnedBuffersAreNeverEvicted() throws IOException {
        TwoProcesses p = start(16, false);
        int[] pinned = new int[16];
        for (int i = 0; i < 16; i++) {
            pinned[i] = p.first.read(OTHER, ForkNumber.MAIN, i); // past the end: zero pages
        }
        DatabaseException e = assertThrows(DatabaseException.class, () -> p.second.read(REL, ForkNumber.MAIN, 0));
        assertEquals("no unpinned buffers available", e.getMessage());
        p.first.release(pinned[3]);
        int b = p.second.read(REL, ForkNumber.MAIN, 0);
        assertEquals(pinned[3], b);
        p.second.release(b);
        for (int i = 0; i < 16; i++) {
            if (i != 3) {
                p.first.release(pinned[i]);
            }
        }
    }

    @Test
    void dropRelationForgetsBuffersAndSize() throws IOException {
        TwoProcesses p = start(16, false);
        addPage(p.first, REL, 1, 0);
        addPage(p.first, REL, 2, 0);
        assertEquals(2, p.first.blockCount(REL, ForkNumber.MAIN));
        p.second.dropRelation(REL);
        assertEquals(0, p.first.blockCount(REL, ForkNumber.MAIN), "size from the (empty) file again");
        assertEquals(0, p.first.stats().dirtyNow(), "dirty pages dropped without writing");
        assertEquals(0, p.storage.writes.get());
    }

    @Test
    void readZeroedGivesAnExclusivelyLockedZeroPageAndGrowsTheKnownSize() throws IOException {
        TwoProcesses p = start(16, false);
        addPage(p.first, REL, 1, 0);
        int b = p.first.readZeroed(new BlockReference(REL, ForkNumber.MAIN, 5));
        assertTrue(PageLayout.isNew(p.first.page(b)));
        assertFalse(p.first.tryLockExclusive(b), "already locked exclusively");
        PageLayout.initialize(p.first.page(b), 0);
        p.first.markDirty(b);
        p.first.unlockAndRelease(b);
        assertEquals(6, p.first.blockCount(REL, ForkNumber.MAIN));
        int next = p.second.extend(REL, ForkNumber.MAIN);
        assertEquals(6, p.second.blockOf(next).block());
        p.second.unlockAndRelease(next);
    }

    @Test
    void readZeroedOfARelationNeverExtendedHereStillCountsTheBlock() throws IOException {
        // Redo after a crash: the file is empty (the page was never written), no process has
        // extended the relation since the segment was made, and the record initializes block 0.
        TwoProcesses p = start(16, false);
        RelFileLocator fresh = new RelFileLocator(5, 17001);
        p.storage.create(fresh, ForkNumber.MAIN, false);
        int b = p.first.readZeroed(new BlockReference(fresh, ForkNumber.MAIN, 0));
        PageLayout.initialize(p.first.page(b), 0);
        p.first.markDirty(b);
        p.first.unlockAndRelease(b);
        assertEquals(1, p.second.blockCount(fresh, ForkNumber.MAIN), "the block exists in the pool");
        int next = p.second.extend(fresh, ForkNumber.MAIN);
        assertEquals(1, p.second.blockOf(next).block(), "extend does not hand out the redone block again");
        p.second.unlockAndRelease(next);
    }

    @Test
    void extendNeverZeroesABlockAnotherProcessAlreadyInitialized() throws IOException {
        // blockCount counts a block once it is allocated, before its extender pins it: a
        // process that reads it in that window (zeros past the end of the file) and
        // initializes it must not have its tuples wiped by the extender.
        TwoProcesses p = start(16, false);
        RelFileLocator rel = new RelFileLocator(5, 17002);
        p.storage.create(rel, ForkNumber.MAIN, false);
        int b = p.second.read(rel, ForkNumber.MAIN, 0);
        p.second.lockExclusive(b);
        assertTrue(PageLayout.isNew(p.second.page(b)));
        PageLayout.initialize(p.second.page(b), 0);
        PageLayout.addItem(p.second.page(b), java.lang.foreign.MemorySegment.ofArray(new byte[] {42}));
        p.second.markDirty(b);
        p.second.unlockAndRelease(b);

        int next = p.first.extend(rel, ForkNumber.MAIN);
        assertEquals(1, p.first.blockOf(next).block(), "the initialized block is left to its owner");
        p.first.unlockAndRelease(next);
        int again = p.first.read(rel, ForkNumber.MAIN, 0);
        p.first.lockShared(again);
        assertEquals(1, PageLayout.itemCount(p.first.page(again)), "its tuple is still there");
        p.first.unlockAndRelease(again);
    }

    @Test
    void misuseIsRefused() throws IOException {
        TwoProcesses p = start(16, false);
        int b = p.first.read(REL, ForkNumber.MAIN, 0);
        assertThrows(IllegalStateException.class, () -> p.first.markDirty(b), "markDirty needs the exclusive lock");
        p.first.lockShared(b);
        assertThrows(IllegalStateException.class, () -> p.first.markDirty(b));
        assertThrows(IllegalStateException.class, () -> p.first.release(b), "release while locked");
        p.first.unlockAndRelease(b);
        assertThrows(IllegalStateException.class, () -> p.first.release(b), "not pinned any more");
        assertThrows(IllegalStateException.class, () -> p.second.lockShared(b), "other process has no pin");
    }

    @Test
    void theBgwriterWritesDirtyUnusedBuffersAheadOfTheClock() throws IOException {
        TwoProcesses p = start(16, true);
        for (int i = 0; i < 8; i++) {
            addPage(p.first, REL, i, 0x10);
        }
        int pinned = p.first.read(REL, ForkNumber.MAIN, 0);
        BgWriterSync bgwriter = new BgWriterSync(p.second);
        assertEquals(0, bgwriter.run(100, 2.0, 200), "recently used buffers are left alone");
        p.first.ageUsageCountsForTest();
        int written = bgwriter.run(100, 2.0, 200_000); // minimum pace: the whole pool this round
        assertEquals(7, written, "every dirty, unpinned, unused buffer; not the pinned one");
        assertEquals(7, p.first.stats().writtenByBgwriter());
        assertEquals(1, p.first.stats().dirtyNow());
        p.first.release(pinned);
        p.first.ageUsageCountsForTest();
        assertEquals(1, new BgWriterSync(p.first).run(1, 2.0, 200_000), "at most bgwriter_lru_maxpages");
        assertNotEquals(0, p.first.stats().writtenByBgwriter());
    }
}
