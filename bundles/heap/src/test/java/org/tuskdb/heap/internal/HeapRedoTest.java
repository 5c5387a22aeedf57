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
        // PD_HAS_FREE_LINES is a hint too: an insert that finds no unused item id clears it
        PageLayout.setFlags(c, PageLayout.flags(c) & ~PageLayout.PD_HAS_FREE_LINES);
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

    /**
     * insertAll (COPY's multi-insert): one MULTI_INSERT record per page it fills, the first on a
     * page others had half filled, the next ones initializing theirs; replay rebuilds the same
     * pages, twice changes nothing, and the tids it returned are where the rows are.
     */
    @Test
    void multiInsertReplaysToTheSamePages() {
        FakeTransactions.FakeTransaction load = f.begin();
        for (int i = 0; i < 30; i++) {
            f.heap.insert(REL, bytes("single " + i), load);
        }
        byte[][] rows = new byte[600][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = bytes("multi " + i + " " + "m".repeat(i % 90));
        }
        Tid[] tids = f.heap.insertAll(REL, rows, 500, load);
        Tid[] more = f.heap.insertAll(REL, new byte[][] {bytes("a"), bytes("b"), bytes("c")}, 3, load);
        load.commit(true);
        FakeTransactions.FakeTransaction reader = f.begin();
        for (int i = 0; i < 500; i++) {
            assertEquals("multi " + i + " " + "m".repeat(i % 90),
                    HeapFixture.text(f.heap.fetch(REL, tids[i], reader.snapshot(), reader).data()), "row " + i);
        }
        assertEquals("c", HeapFixture.text(f.heap.fetch(REL, more[2], reader.snapshot(), reader).data()));
        List<RecordingWal.Recorded> records = f.wal.records();
        long multi = records.stream().filter(r -> (r.info() & HeapWalRecords.OPMASK) == HeapWalRecords.MULTI_INSERT).count();
        long pages = f.heap.blockCount(REL);
        assertEquals(pages + 1, multi, "one record per page the first batch filled (the first page shared), one for the second");
        assertTrue(records.stream().anyMatch(r -> r.info() == (HeapWalRecords.MULTI_INSERT | HeapWalRecords.INIT_PAGE)));
        assertTrue(records.stream().anyMatch(r -> r.info() == HeapWalRecords.MULTI_INSERT));

        FakeBufferPool replayed = replay(new FakeBufferPool(), records);
        for (long b = 0; b < pages; b++) {
            assertArrayEquals(withoutHints(f.buffers.pageOf(REL, b)), withoutHints(replayed.pageOf(REL, b)), "block " + b);
        }
        List<byte[]> once = new ArrayList<>();
        for (long b = 0; b < pages; b++) {
            once.add(replayed.pageOf(REL, b).toArray(ValueLayout.JAVA_BYTE));
        }
        replay(replayed, records);
        for (long b = 0; b < pages; b++) {
            assertArrayEquals(once.get((int) b), replayed.pageOf(REL, b).toArray(ValueLayout.JAVA_BYTE), "block " + b);
        }
        HeapAccessService again = new HeapAccessService(null, replayed, new RecordingWal(), f.txm);
        int seen = 0;
        try (var scan = again.scan(REL, f.begin().snapshot(), null)) {
            for (var t = scan.next(); t != null; t = scan.next()) {
                seen++;
            }
        }
        assertEquals(533, seen);
    }
}
