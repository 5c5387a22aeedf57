package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.tid;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.btree.internal.BtreeFixture.E;

/**
 * Entries whose tuples are dead to everyone (README "Dead entries"): scans that are told so mark
 * them (killCurrent), later scans and unique checks skip them, and a leaf that would split
 * drops them instead, WAL-logged so that redo builds the same page.
 */
class BtreeKillTest {
    private final BtreeFixture f = new BtreeFixture();

    private static byte[] key(int i) {
        return new byte[] {(byte) (i >>> 8), (byte) i};
    }

    private void insert(int from, int to) {
        for (int i = from; i < to; i++) {
            f.am.insert(INDEX, key(i), tid(i), UniqueCheck.NONE, null);
        }
    }

    /** Scans everything and kills the entries whose tid is in {@code kill}. */
    private void scanKilling(Set<Long> kill, ScanDirection dir) {
        try (IndexScan s = f.am.scan(INDEX, ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, dir)) {
            while (s.next()) {
                if (kill.contains(s.packedTid())) {
                    s.killCurrent();
                }
            }
        }
    }

    private List<Long> tids(List<E> entries) {
        List<Long> out = new ArrayList<>();
        for (E e : entries) {
            out.add(e.tid());
        }
        return out;
    }

    private MemorySegment root() {
        return f.page(new Btree(f.buffers, f.wal).meta(INDEX).root());
    }

    @Test
    void killedEntriesAreSkippedByLaterScansInBothDirections() {
        f.am.create(INDEX);
        insert(0, 2000); // several leaves
        Set<Long> kill = new HashSet<>();
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (i % 3 == 0) {
                kill.add(tid(i).pack());
            } else {
                live.add(tid(i).pack());
            }
        }
        scanKilling(kill, ScanDirection.FORWARD);
        assertEquals(live, tids(f.all(ScanDirection.FORWARD)));
        List<Long> back = tids(f.all(ScanDirection.BACKWARD));
        java.util.Collections.reverse(back);
        assertEquals(live, back);
        assertEquals(0, f.buffers.pins(), "every buffer released");
    }

    @Test
    void aBackwardScanKillsToo() {
        f.am.create(INDEX);
        insert(0, 1000);
        scanKilling(Set.of(tid(5).pack(), tid(999).pack()), ScanDirection.BACKWARD);
        List<Long> all = tids(f.all(ScanDirection.FORWARD));
        assertEquals(998, all.size());
        assertFalse(all.contains(tid(5).pack()) || all.contains(tid(999).pack()));
    }

    @Test
    void aKillAfterThePageChangedFindsTheEntryByItsTid() {
        f.am.create(INDEX);
        insert(100, 150);
        try (IndexScan s = f.am.scan(INDEX, ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, ScanDirection.FORWARD)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(s.next());
            }
            assertEquals(tid(109).pack(), s.packedTid());
            s.killCurrent();
            insert(0, 20); // entries before it: its offset moves right, the page LSN changes
        }
        List<Long> all = tids(f.all(ScanDirection.FORWARD));
        assertEquals(69, all.size());
        assertFalse(all.contains(tid(109).pack()), "the killed entry, found at its new offset");
        assertTrue(all.contains(tid(108).pack()) && all.contains(tid(110).pack()), "its neighbours stay");
    }

    @Test
    void aFullLeafDropsItsDeadEntriesInsteadOfSplittingAndRedoBuildsTheSamePage() {
        f.am.create(INDEX);
        f.am.insert(INDEX, key(0), tid(0), UniqueCheck.NONE, null);
        int n = 1;
        while (BtreePage.fits(root(), BtreePage.LEAF_KEY + 2)) { // fill the root leaf: the next insert would split it
            f.am.insert(INDEX, key(n), tid(n), UniqueCheck.NONE, null);
            n++;
        }
        long blocks = f.buffers.blockCount(INDEX, Btree.MAIN);
        Set<Long> kill = new HashSet<>();
        for (int i = 0; i < n; i += 2) {
            kill.add(tid(i).pack());
        }
        scanKilling(kill, ScanDirection.FORWARD);
        assertEquals(kill.size(), BtreePage.deadCount(root()));
        int records = f.wal.records().size();
        insert(n, n + 50);
        assertEquals(blocks, f.buffers.blockCount(INDEX, Btree.MAIN), "no split: the dead entries made room");
        assertEquals(0, BtreePage.deadCount(root()), "dead entries removed");
        assertTrue(f.wal.records().subList(records, f.wal.records().size()).stream()
            .anyMatch(r -> r.info() == BtreeWalRecords.NEWPAGE), "the rewrite is WAL-logged");
        List<E> expected = f.all(ScanDirection.FORWARD);
        assertEquals(n - kill.size() + 50, expected.size());

        FakeBufferPool replayed = new FakeBufferPool();
        BtreeResourceManager rmgr = new BtreeResourceManager();
        for (RecordingWal.Recorded rec : f.wal.records()) {
            rmgr.redo(rec, new FakeRedoContext(replayed, rec));
        }
        long root = new Btree(f.buffers, f.wal).meta(INDEX).root();
        assertEquals(-1, f.buffers.pageOf(INDEX, root).mismatch(replayed.pageOf(INDEX, root)), "redo builds the same leaf");
        assertEquals(expected, new BtreeFixture(replayed, new RecordingWal()).all(ScanDirection.FORWARD));
    }

    /** A unique check that meets an entry of an all-dead tuple marks it; one whose tuple is only dead to its check does not. */
    @Test
    void uniqueCheckMarksEntriesOfAllDeadTuplesAndSkipsThemLater() {
        f.am.create(INDEX);
        Set<Tid> allDead = new HashSet<>(List.of(tid(1)));
        List<Tid> asked = new ArrayList<>();
        UniqueChecker heap = new UniqueChecker() {
            @Override
            public Liveness check(Tid t) {
                asked.add(t);
                return t.equals(tid(3)) ? Liveness.LIVE : Liveness.DEAD;
            }

            @Override
            public boolean deadToAll(Tid t) {
                return allDead.contains(t);
            }

            @Override
            public void awaitTransaction(long xid) {
            }

            @Override
            public DatabaseException duplicate(byte[] key, Tid existing) {
                return DatabaseException.error("23505", "duplicate");
            }
        };
        byte[] k = key(7);
        f.am.insert(INDEX, k, tid(1), UniqueCheck.YES, heap);
        f.am.insert(INDEX, k, tid(2), UniqueCheck.YES, heap); // tid 1: dead to all, marked
        assertEquals(List.of(tid(1)), asked);
        asked.clear();
        f.am.insert(INDEX, k, tid(4), UniqueCheck.YES, heap); // tid 1 skipped, tid 2 dead to its check only
        assertEquals(List.of(tid(2)), asked);
        assertEquals(List.of(tid(2).pack(), tid(4).pack()), tids(f.all(ScanDirection.FORWARD)));
        assertEquals(1, BtreePage.deadCount(root()));
    }
}
