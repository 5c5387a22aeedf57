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

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
