package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.tid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;

class BtreeUniqueTest {
    private final BtreeFixture f = new BtreeFixture();

    /** The heap as the unique check sees it: a liveness per tid; waits resolve in-progress xids. */
    final class Heap implements UniqueChecker {
        final Map<Tid, Liveness> state = new ConcurrentHashMap<>();
        /** What an in-progress xid's tuples become when it ends. */
        final Map<Long, Liveness> outcome = new ConcurrentHashMap<>();
        final List<Long> waited = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger checks = new AtomicInteger();
        /** Inserts ask under the leaf's lock; a build asks before it writes a page. */
        volatile boolean underLock = true;

        @Override
        public Liveness check(Tid t) {
            checks.incrementAndGet();
            assertEquals(underLock, f.buffers.locksHeldByThisThread() > 0, "check runs under the index buffer lock");
            return state.getOrDefault(t, Liveness.LIVE);
        }

        @Override
        public void awaitTransaction(long xid) {
            assertEquals(0, f.buffers.locksHeldByThisThread(), "no buffer lock held while waiting");
            waited.add(xid);
            Liveness end = outcome.get(xid);
            state.replaceAll((t, l) -> l.status() == Status.IN_PROGRESS && l.xid() == xid ? end : l);
        }

        @Override
        public DatabaseException duplicate(byte[] key, Tid existing) {
            return DatabaseException.error("23505", "duplicate key value violates unique constraint \"t_pkey\"")
                    .withDetail("existing " + existing);
        }
    }

    private final Heap heap = new Heap();

    private void insert(byte[] key, int n, UniqueCheck check) {
        f.am.insert(INDEX, key, tid(n), check, heap);
    }

    private int entries(byte[] key) {
        return f.scan(ScanBound.inclusive(key), ScanBound.inclusive(key), ScanDirection.FORWARD).size();
    }

    @Test
    void liveDuplicateIs23505AndIsNotInserted() {
        f.am.create(INDEX);
        insert(new byte[] {1}, 1, UniqueCheck.YES);
        DatabaseException e = assertThrows(DatabaseException.class, () -> insert(new byte[] {1}, 2, UniqueCheck.YES));
        assertEquals("23505", e.sqlState());
        assertEquals("existing " + tid(1), e.detail());
        assertEquals(1, entries(new byte[] {1}));
        assertEquals(0, f.buffers.locksHeldByThisThread());
        assertEquals(0, f.buffers.pins());
        insert(new byte[] {1, 0}, 3, UniqueCheck.YES); // a longer key is another key
        insert(new byte[] {1}, 4, UniqueCheck.NONE);  // no check, no error
        assertEquals(2, entries(new byte[] {1}));
    }

    @Test
    void deadDuplicateIsPassedOver() {
        f.am.create(INDEX);
        insert(new byte[] {9}, 1, UniqueCheck.YES);
        heap.state.put(tid(1), UniqueChecker.Liveness.DEAD);
        insert(new byte[] {9}, 2, UniqueCheck.YES);
        assertEquals(2, entries(new byte[] {9}));
        assertThrows(DatabaseException.class, () -> insert(new byte[] {9}, 3, UniqueCheck.YES));
    }

    @Test
    void inProgressDuplicateWaitsWithoutLocksThenInsertsWhenItAborted() {
        f.am.create(INDEX);
        insert(new byte[] {5}, 1, UniqueCheck.YES);
        heap.state.put(tid(1), UniqueChecker.Liveness.inProgress(77));
        heap.outcome.put(77L, UniqueChecker.Liveness.DEAD);
        insert(new byte[] {5}, 2, UniqueCheck.YES);
        assertEquals(List.of(77L), heap.waited);
        assertEquals(2, entries(new byte[] {5}));
    }

    @Test
    void inProgressDuplicateWaitsThenFailsWhenItCommitted() {
        f.am.create(INDEX);
        insert(new byte[] {5}, 1, UniqueCheck.YES);
        heap.state.put(tid(1), UniqueChecker.Liveness.inProgress(78));
        heap.outcome.put(78L, UniqueChecker.Liveness.LIVE);
        DatabaseException e = assertThrows(DatabaseException.class, () -> insert(new byte[] {5}, 2, UniqueCheck.YES));
        assertEquals("23505", e.sqlState());
        assertEquals(List.of(78L), heap.waited);
        assertEquals(1, entries(new byte[] {5}));
    }

    @Test
    void uniqueCheckFollowsTheKeyAcrossLeafPages() {
        f.am.create(INDEX);
        byte[] k = "the same key, long enough to fill pages".getBytes();
        for (int i = 0; i < 2000; i++) {
            insert(k, i, UniqueCheck.NONE);
            heap.state.put(tid(i), UniqueChecker.Liveness.DEAD);
        }
        for (int i = 0; i < 500; i++) { // neighbours on both sides
            insert(new byte[] {(byte) i}, 10_000 + i, UniqueCheck.NONE);
            insert(("the same key, long enough to fill pages" + i).getBytes(), 20_000 + i, UniqueCheck.NONE);
        }
        assertTrue(f.am.blockCount(INDEX) > 10);
        insert(k, 5000, UniqueCheck.YES); // all 2000 dead: allowed
        assertEquals(2000, heap.checks.get(), "each old entry asked about once");
        heap.state.put(tid(1999), UniqueChecker.Liveness.LIVE); // the last of the old ones, pages away
        assertThrows(DatabaseException.class, () -> insert(k, 6000, UniqueCheck.YES));
        assertEquals(tid(1999), f.am.findLive(INDEX, k, heap));
        heap.state.put(tid(1999), UniqueChecker.Liveness.DEAD);
        heap.state.put(tid(5000), UniqueChecker.Liveness.DEAD);
        assertNull(f.am.findLive(INDEX, k, heap));
        assertNull(f.am.findLive(INDEX, "absent".getBytes(), heap));
        assertEquals(0, f.buffers.pins());
    }

    @Test
    void concurrentInsertersOfTheSameKeysLetExactlyOneWinEach() throws Exception {
        f.am.create(INDEX);
        int keys = 3000;
        int threads = 4;
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger losses = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < keys; i++) {
                        int k = (i * 7 + me * 13) % keys; // different orders per thread
                        try {
                            f.am.insert(INDEX, BtreeInsertScanTest.intKey(k), tid(me * keys + k), UniqueCheck.YES, heap);
                            wins.incrementAndGet();
                        } catch (DatabaseException e) {
                            losses.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(keys, wins.get());
        assertEquals(keys * (threads - 1), losses.get());
        assertEquals(keys, f.checkStructure(false).size());
    }

    @Test
    void uniqueBuildRejectsTwoLiveEntriesOfAKey() {
        f.am.create(INDEX);
        heap.underLock = false;
        try (IndexBuild b = f.am.build(INDEX, heap)) {
            b.add(new byte[] {1}, tid(1));
            b.add(new byte[] {2}, tid(2));
            b.add(new byte[] {1}, tid(3));
            DatabaseException e = assertThrows(DatabaseException.class, b::finish);
            assertEquals("23505", e.sqlState());
        }
        f.am.truncate(INDEX);
        heap.state.put(tid(3), UniqueChecker.Liveness.DEAD);
        try (IndexBuild b = f.am.build(INDEX, heap)) {
            b.add(new byte[] {1}, tid(1));
            b.add(new byte[] {2}, tid(2));
            b.add(new byte[] {1}, tid(3));
            assertEquals(3, b.finish());
        }
        assertEquals(2, entries(new byte[] {1}));
    }
}
