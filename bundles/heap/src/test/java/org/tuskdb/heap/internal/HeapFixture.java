package org.tuskdb.heap.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;

/** The heap over the fakes, with helpers. */
final class HeapFixture {
    static final RelFileLocator REL = new RelFileLocator(RelFileLocator.POSTGRES_DB_OID, 16384);

    final FakeBufferPool buffers = new FakeBufferPool();
    final RecordingWal wal = new RecordingWal();
    final FakeTransactions txm = new FakeTransactions(buffers);
    final HeapAccessService heap = new HeapAccessService(null, buffers, wal, txm);

    FakeTransactions.FakeTransaction begin() {
        return txm.begin();
    }

    List<HeapTuple> scan(Snapshot snapshot, Transaction tx) {
        List<HeapTuple> out = new ArrayList<>();
        try (HeapScan s = heap.scan(REL, snapshot, tx)) {
            for (HeapTuple t = s.next(); t != null; t = s.next()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Contents of what {@code tx}'s current command sees. */
    List<String> rows(FakeTransactions.FakeTransaction tx) {
        return scan(tx.snapshot(), tx).stream().map(t -> text(t.data())).toList();
    }

    /** Contents of what a new transaction sees. */
    List<String> committedRows() {
        return rows(begin());
    }

    /**
     * Replays every recorded WAL record onto empty buffers and checks that block 0 of {@link #REL}
     * comes out as the original page (hint bits masked), with no pin left on the original.
     */
    void assertRedoRebuildsTheFirstPage() {
        FakeBufferPool replayed = new FakeBufferPool();
        HeapResourceManager rmgr = new HeapResourceManager();
        for (RecordingWal.Recorded r : wal.records()) {
            rmgr.redo(r, new FakeRedoContext(replayed, r));
        }
        org.junit.jupiter.api.Assertions.assertEquals(heap.blockCount(REL),
                replayed.blockCount(REL, org.tuskdb.api.storage.ForkNumber.MAIN));
        org.junit.jupiter.api.Assertions.assertArrayEquals(HeapRedoTest.withoutHints(buffers.pageOf(REL, 0)),
                HeapRedoTest.withoutHints(replayed.pageOf(REL, 0)));
        org.junit.jupiter.api.Assertions.assertEquals(0, buffers.pins());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
