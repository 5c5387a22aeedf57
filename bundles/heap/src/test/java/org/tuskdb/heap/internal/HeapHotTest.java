package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;
import static org.tuskdb.heap.internal.HeapFixture.text;

import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.PageLayout;

/** README rule 15: HOT updates, chains reached from their root, and their pruning. */
class HeapHotTest {
    private final HeapFixture f = new HeapFixture();

    private ModifyResult hotUpdate(Tid tid, String value) {
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, tid, bytes(value), tx, true, true);
        assertEquals(ModifyResult.Status.OK, r.status());
        tx.commit(true);
        return r;
    }

    /** Item ids of the page with these flags. */
    static int count(MemorySegment page, int flags) {
        int n = 0;
        for (int off = 1; off <= PageLayout.itemCount(page); off++) {
            if (PageLayout.itemFlags(PageLayout.itemId(page, off)) == flags) {
                n++;
            }
        }
        return n;
    }

    @Test
    void anIndexTidReachesTheVersionEachSnapshotSees() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid root = f.heap.insert(REL, bytes("v0"), load);
        load.commit(true);
        FakeTransactions.FakeTransaction reader = f.begin();
        reader.xid();
        FakeTransactions.FakeSnapshot old = reader.snapshot();
        ModifyResult r1 = hotUpdate(root, "v1");
        assertTrue(r1.hot());
        ModifyResult r2 = hotUpdate(r1.tid(), "v2");
        assertTrue(r2.hot());
        assertEquals("v0", text(f.heap.fetchIndexed(REL, root, old, reader).data()));
        HeapTuple now = f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null);
        assertEquals("v2", text(now.data()));
        assertEquals(r2.tid(), now.tid(), "the member's own tid, which UPDATE and DELETE change");
        assertNull(f.heap.fetch(REL, root, f.begin().snapshot(), null), "fetch reads the one item only");
        assertEquals(List.of("v0", "v1", "v2"), f.heap.hotChain(REL, root).stream().map(t -> text(t.data())).toList());
        assertFalse(f.heap.deadToAll(REL, root, Long.MAX_VALUE), "the chain's last version lives");

        // A scan (CREATE INDEX) indexes the live member under its root.
        try (HeapScan scan = f.heap.scan(REL, f.begin().snapshot(), null)) {
            HeapTuple t = scan.next();
            assertEquals("v2", text(t.data()));
            assertEquals(root, scan.indexTid(t));
            assertNull(scan.next());
        }

        // A cross-page or not-allowed update is not HOT.
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r3 = f.heap.update(REL, r2.tid(), bytes("v3"), tx, true, false);
        tx.commit(true);
        assertFalse(r3.hot());
        assertNull(f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null), "v3 needs its own index entry");
        assertEquals("v3", text(f.heap.fetchIndexed(REL, r3.tid(), f.begin().snapshot(), null).data()));
        reader.commit(true);
        assertEquals(0, f.buffers.pins());
    }

    @Test
    void pruningRedirectsTheRootAndReusesTheItemIdsOfDeadHeapOnlyVersions() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid other = f.heap.insert(REL, bytes("neighbour"), load);
        Tid root = f.heap.insert(REL, bytes("v0 " + "p".repeat(200)), load);
        load.commit(true);
        Tid tid = root;
        for (int i = 1; i <= 500; i++) {
            ModifyResult r = hotUpdate(tid, "v" + i + " " + "p".repeat(200));
            assertTrue(r.hot(), "update " + i);
            tid = r.tid();
        }
        assertEquals(1, f.heap.blockCount(REL));
        MemorySegment page = f.buffers.pageOf(REL, 0);
        assertTrue(PageLayout.itemCount(page) < 60, "item ids are reused: " + PageLayout.itemCount(page));
        assertEquals(1, count(page, PageLayout.LP_REDIRECT));
        assertEquals(0, count(page, PageLayout.LP_DEAD));
        assertEquals("v500 " + "p".repeat(200), text(f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null).data()));
        assertEquals(List.of("neighbour", "v500 " + "p".repeat(200)), f.committedRows());
        assertEquals("neighbour", text(f.heap.fetchIndexed(REL, other, f.begin().snapshot(), null).data()));

        // Deleting the row: the next prune (VACUUM) leaves the root dead for the index pass.
        FakeTransactions.FakeTransaction del = f.begin();
        assertEquals(ModifyResult.Status.OK, f.heap.delete(REL, tid, del, true).status());
        del.commit(true);
        assertTrue(f.heap.deadToAll(REL, root, Long.MAX_VALUE));
        assertEquals(1, f.heap.prune(REL, Long.MAX_VALUE));
        assertEquals(PageLayout.LP_DEAD, PageLayout.itemFlags(PageLayout.itemId(page, root.offset())));
        assertEquals(0, count(page, PageLayout.LP_REDIRECT));
        assertTrue(f.heap.deadToAll(REL, root, Long.MAX_VALUE));

        f.assertRedoRebuildsTheFirstPage();
    }

    @Test
    void anAbortedHotUpdateLeavesTheOldVersionLiveAndUpdatable() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid root = f.heap.insert(REL, bytes("v0"), load);
        load.commit(true);
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, root, bytes("aborted"), tx, true, true);
        assertTrue(r.hot());
        tx.abort();
        assertEquals("v0", text(f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null).data()));
        ModifyResult again = hotUpdate(root, "v1");
        assertTrue(again.hot());
        assertEquals("v1", text(f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null).data()));
        assertEquals(List.of("v0", "v1"), f.heap.hotChain(REL, root).stream().map(t -> text(t.data())).toList());
        // VACUUM: the aborted version (reached by no chain now) and v0 go; the root redirects to v1.
        f.heap.prune(REL, Long.MAX_VALUE);
        MemorySegment page = f.buffers.pageOf(REL, 0);
        assertEquals(PageLayout.LP_REDIRECT, PageLayout.itemFlags(PageLayout.itemId(page, root.offset())));
        assertEquals(1, count(page, PageLayout.LP_UNUSED));
        HeapTuple live = f.heap.fetchIndexed(REL, root, f.begin().snapshot(), null);
        assertNotNull(live);
        assertEquals("v1", text(live.data()));
        assertEquals("v1", text(f.heap.fetchLatest(REL, root, f.begin().snapshot(), null).data()));
        // A new row takes the unused item id.
        FakeTransactions.FakeTransaction ins = f.begin();
        Tid reused = f.heap.insert(REL, bytes("new"), ins);
        ins.commit(true);
        assertEquals(0, reused.block());
        assertTrue(reused.offset() <= 3, "reused " + reused);
        assertEquals(List.of("v1", "new"), f.committedRows().stream().sorted((a, b) -> a.equals("v1") ? -1 : 1).toList());
    }
}
