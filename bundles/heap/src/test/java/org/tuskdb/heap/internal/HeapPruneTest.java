package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;
import static org.tuskdb.heap.internal.HeapFixture.text;

import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.PageLayout;

/** README rule 14: an update that finds its page full prunes the versions no one can see. */
class HeapPruneTest {
    private final HeapFixture f = new HeapFixture();

    private Tid updateCommitted(Tid tid, String value) {
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, tid, bytes(value), tx, true);
        assertEquals(ModifyResult.Status.OK, r.status());
        tx.commit(true);
        return r.tid();
    }

    private static int dead(MemorySegment page) {
        return HeapHotTest.count(page, PageLayout.LP_DEAD);
    }

    @Test
    void aRowUpdatedOverAndOverStaysOnItsPageAndRedoPrunesAlike() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid other = f.heap.insert(REL, bytes("neighbour"), load);
        Tid tid = f.heap.insert(REL, bytes("v0 " + "p".repeat(200)), load);
        load.commit(true);
        for (int i = 1; i <= 500; i++) { // ~100 KB of versions: ~12 pages without pruning
            tid = updateCommitted(tid, "v" + i + " " + "p".repeat(200));
        }
        assertEquals(1, f.heap.blockCount(REL), "every update found room on the pruned page");
        assertEquals(0, tid.block());
        MemorySegment page = f.buffers.pageOf(REL, 0);
        assertTrue(dead(page) > 400, "dead item ids stay for the index entries: " + dead(page));
        assertEquals(List.of("neighbour", "v500 " + "p".repeat(200)), f.committedRows());
        assertTrue(f.heap.deadToAll(REL, new Tid(0, 2), 0), "a pruned item is dead to everyone");
        assertEquals("neighbour", text(f.heap.fetch(REL, other, f.begin().snapshot(), null).data()));
        assertTrue(f.wal.records().stream().anyMatch(r -> (r.info() & HeapWalRecords.OPMASK) == HeapWalRecords.PRUNE));

        f.assertRedoRebuildsTheFirstPage();
    }

    @Test
    void versionsAnOpenSnapshotMayNeedAreKept() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid first = f.heap.insert(REL, bytes("v0 " + "p".repeat(200)), load);
        load.commit(true);
        FakeTransactions.FakeTransaction reader = f.begin();
        reader.xid(); // running: holds the horizon back
        FakeTransactions.FakeSnapshot old = reader.snapshot();
        Tid tid = first;
        for (int i = 1; i <= 100; i++) {
            tid = updateCommitted(tid, "v" + i + " " + "p".repeat(200));
        }
        assertTrue(f.heap.blockCount(REL) > 1, "nothing pruned while the reader runs");
        assertEquals("v0 " + "p".repeat(200), text(f.heap.fetch(REL, first, old, reader).data()));
        reader.commit(true);
        long blocks = f.heap.blockCount(REL);
        for (int i = 101; i <= 400; i++) {
            tid = updateCommitted(tid, "v" + i + " " + "p".repeat(200));
        }
        assertTrue(f.heap.blockCount(REL) <= blocks + 1, "pruned once the reader ended: " + f.heap.blockCount(REL));
        assertEquals(List.of("v400 " + "p".repeat(200)), f.committedRows());
    }

    @Test
    void aPageFilledByInsertsOnlyIsNotScannedForPruningAndAnUpdateMarksIt() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid first = f.heap.insert(REL, bytes("r0 " + "p".repeat(200)), load);
        while (f.heap.blockCount(REL) == 1) {
            f.heap.insert(REL, bytes("r " + "p".repeat(200)), load);
        }
        load.commit(true);
        MemorySegment page = f.buffers.pageOf(REL, 0);
        assertTrue(!HeapPrune.prunable(page), "inserts leave nothing to prune");
        updateCommitted(first, "r0 " + "q".repeat(200));
        assertTrue(f.wal.records().stream().noneMatch(r -> (r.info() & HeapWalRecords.OPMASK) == HeapWalRecords.PRUNE));
        assertTrue(HeapPrune.prunable(page), "the old version's xmax makes its page a candidate");
        // The next update of a row there prunes the old version away; no candidate is left then.
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, new Tid(0, 2), bytes("r1 " + "q".repeat(200)), tx, true);
        assertEquals(ModifyResult.Status.OK, r.status());
        tx.commit(true);
        assertTrue(f.wal.records().stream().anyMatch(x -> (x.info() & HeapWalRecords.OPMASK) == HeapWalRecords.PRUNE));
        assertTrue(HeapPrune.prunable(page), "the row just updated is the next candidate");
        assertEquals(1, dead(page));
    }
}
