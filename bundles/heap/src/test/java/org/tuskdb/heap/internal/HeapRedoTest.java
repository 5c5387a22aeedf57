package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.wal.ResourceManagerIds;

class HeapRedoTest {
    private final HeapFixture f = new HeapFixture();
    private final HeapResourceManager rmgr = new HeapResourceManager();

    /** Inserts, same-page and cross-page updates, deletes and locks, some committed, some not. */
    private void workload() {
        FakeTransactions.FakeTransaction load = f.begin();
        List<Tid> tids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            tids.add(f.heap.insert(REL, bytes("row " + i + " " + "y".repeat(i % 50)), load));
        }
        load.commit(true);
        FakeTransactions.FakeTransaction tx = f.begin();
        // rows on the last, not yet full page: updated in place
        f.heap.update(REL, tids.get(398), bytes("small"), tx, true);
        f.heap.update(REL, tids.get(397), bytes("small"), tx, true);
        for (int i = 0; i < 400; i += 7) {
            assertEquals(ModifyResult.Status.OK, f.heap.update(REL, tids.get(i), bytes("upd " + i + "z".repeat(300)), tx, true).status());
        }
        for (int i = 3; i < 400; i += 11) {
            ModifyResult r = f.heap.delete(REL, tids.get(i), tx, true);
            assertTrue(r.status() == ModifyResult.Status.OK || r.status() == ModifyResult.Status.SELF_MODIFIED);
        }
        for (int i = 5; i < 400; i += 13) {
            ModifyResult r = f.heap.lockTuple(REL, tids.get(i), RowLockMode.UPDATE, tx, true);
            assertTrue(r.status() == ModifyResult.Status.OK || r.status() == ModifyResult.Status.SELF_MODIFIED);
        }
        tx.commit(true);
        FakeTransactions.FakeTransaction aborted = f.begin();
        f.heap.update(REL, tids.get(1), bytes("never"), aborted, true);
        aborted.abort();
        f.committedRows(); // sets hint bits, which redo need not reproduce
    }

    private FakeBufferPool replay(FakeBufferPool target, List<RecordingWal.Recorded> records) {
        for (RecordingWal.Recorded r : records) {
            assertEquals(ResourceManagerIds.HEAP, r.rmgr());
            rmgr.redo(r, new FakeRedoContext(target, r));
            assertTrue(rmgr.describe(r).startsWith("Heap "));
        }
        return target;
    }

    /** The page with every tuple's hint bits cleared (they are not WAL-logged). */
    static byte[] withoutHints(MemorySegment page) {
        byte[] copy = page.toArray(ValueLayout.JAVA_BYTE);
        MemorySegment c = MemorySegment.ofArray(copy);
        for (int off = 1; off <= PageLayout.itemCount(c); off++) {
            int id = PageLayout.itemId(c, off);
            if (PageLayout.itemFlags(id) == PageLayout.LP_NORMAL) {
                long t = PageLayout.itemOffset(id);
                TupleHeader.setInfomask(c, t, TupleHeader.infomask(c, t) & ~TupleHeader.HINT_BITS);
            }
        }
        return copy;
    }

    @Test
    void replayOnEmptyBuffersRebuildsTheSamePages() {
        workload();
        List<RecordingWal.Recorded> records = f.wal.records();
        assertTrue(records.stream().anyMatch(r -> (r.info() & HeapWalRecords.OPMASK) == HeapWalRecords.UPDATE && r.hasBlock(1)),
                "workload must include a cross-page update");
        assertTrue(records.stream().anyMatch(r -> (r.info() & HeapWalRecords.OPMASK) == HeapWalRecords.UPDATE && !r.hasBlock(1)),
                "workload must include a same-page update");
        FakeBufferPool replayed = replay(new FakeBufferPool(), records);

        assertEquals(f.heap.blockCount(REL), replayed.blockCount(REL, org.tuskdb.api.storage.ForkNumber.MAIN));
        for (long b = 0; b < f.heap.blockCount(REL); b++) {
            assertArrayEquals(withoutHints(f.buffers.pageOf(REL, b)), withoutHints(replayed.pageOf(REL, b)), "block " + b);
        }

        // and the replayed heap answers queries the same way (reading, unlike redo, uses pg_xact)
        HeapAccessService again = new HeapAccessService(null, replayed, new RecordingWal(), f.txm);
        List<String> expected = f.committedRows();
        List<String> actual = new ArrayList<>();
        try (var scan = again.scan(REL, f.begin().snapshot(), null)) {
            for (var t = scan.next(); t != null; t = scan.next()) {
                actual.add(HeapFixture.text(t.data()));
            }
        }
        assertEquals(expected, actual);
        assertTrue(expected.size() > 300);
    }

    @Test
    void replayTwiceChangesNothing() {
        workload();
        List<RecordingWal.Recorded> records = f.wal.records();
        FakeBufferPool replayed = replay(new FakeBufferPool(), records);
        List<byte[]> once = new ArrayList<>();
        for (long b = 0; b < f.heap.blockCount(REL); b++) {
            once.add(replayed.pageOf(REL, b).toArray(ValueLayout.JAVA_BYTE));
        }
        // Records that do not init their page see the LSN and skip; init records rebuild
        // the page from scratch, and the following records bring it back to the same state.
        replay(replayed, records);
        for (long b = 0; b < f.heap.blockCount(REL); b++) {
            assertArrayEquals(once.get((int) b), replayed.pageOf(REL, b).toArray(ValueLayout.JAVA_BYTE), "block " + b);
        }
        assertEquals(0, replayed.pins());
    }
}
