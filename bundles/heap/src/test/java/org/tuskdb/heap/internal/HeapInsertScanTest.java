package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecordBuilder;

class HeapInsertScanTest {
    private final HeapFixture f = new HeapFixture();

    @Test
    void insertedRowsComeBackInTidOrderAcrossManyPages() {
        FakeTransactions.FakeTransaction tx = f.begin();
        List<Tid> tids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            tids.add(f.heap.insert(REL, bytes("row " + i + " " + "x".repeat(i % 97)), tx));
        }
        tx.commit(true);
        assertTrue(f.heap.blockCount(REL) > 10, "blocks: " + f.heap.blockCount(REL));

        List<HeapTuple> seen = f.scan(f.begin().snapshot(), null);
        assertEquals(2000, seen.size());
        for (int i = 0; i < 2000; i++) {
            HeapTuple t = seen.get(i);
            assertEquals(tids.get(i), t.tid());
            assertEquals(tx.topXid(), t.xmin());
            assertEquals(0, t.xmax());
            assertArrayEquals(bytes("row " + i + " " + "x".repeat(i % 97)), t.data());
        }
        assertEquals(0, f.buffers.pins(), "pins leaked");
    }

    @Test
    void firstInsertOfEachPageIsLoggedAsPageInit() {
        FakeTransactions.FakeTransaction tx = f.begin();
        for (int i = 0; i < 300; i++) {
            f.heap.insert(REL, new byte[200], tx);
        }
        long inits = 0;
        for (RecordingWal.Recorded r : f.wal.records()) {
            assertEquals(ResourceManagerIds.HEAP, r.rmgr());
            assertEquals(tx.topXid(), r.xid());
            boolean init = (r.info() & HeapWalRecords.INIT_PAGE) != 0;
            assertEquals(init, (r.flags()[0] & WalRecordBuilder.WILL_INIT) != 0);
            assertTrue((r.flags()[0] & WalRecordBuilder.STANDARD) != 0);
            inits += init ? 1 : 0;
        }
        assertEquals(300, f.wal.records().size());
        assertEquals(f.heap.blockCount(REL), inits);
        // every page's LSN is the end of the last record that changed it
        RecordingWal.Recorded last = f.wal.records().getLast();
        assertEquals(last.endLsn(), org.tuskdb.api.storage.PageLayout.lsn(f.buffers.pageOf(REL, last.block(0).block())));
    }

    @Test
    void tooBigRowIsRejectedWith54000AndTheLargestFits() {
        FakeTransactions.FakeTransaction tx = f.begin();
        int max = f.heap.maxTupleSize();
        DatabaseException e = assertThrows(DatabaseException.class, () -> f.heap.insert(REL, new byte[max + 1], tx));
        assertEquals("54000", e.sqlState());
        assertEquals("row is too big: size " + (max + 1 + TupleHeader.SIZE) + ", maximum size " + (max + TupleHeader.SIZE),
                e.getMessage());
        Tid tid = f.heap.insert(REL, new byte[max], tx);
        assertEquals(1, tid.offset());
        assertEquals("54000", assertThrows(DatabaseException.class,
                () -> f.heap.update(REL, tid, new byte[max + 1], tx, true)).sqlState());
    }

    @Test
    void scanHoldsAtMostOnePinAndCloseDropsIt() {
        FakeTransactions.FakeTransaction tx = f.begin();
        for (int i = 0; i < 500; i++) {
            f.heap.insert(REL, new byte[100], tx);
        }
        tx.commit(true);
        try (HeapScan s = f.heap.scan(REL, f.begin().snapshot(), null)) {
            assertNotNull(s.next());
            assertEquals(1, f.buffers.pins());
            assertEquals(0, f.buffers.locksHeldByThisThread());
        }
        assertEquals(0, f.buffers.pins());
    }

    @Test
    void scanChecksForInterruptsPerPage() {
        FakeTransactions.FakeTransaction tx = f.begin();
        for (int i = 0; i < 500; i++) {
            f.heap.insert(REL, new byte[100], tx);
        }
        tx.commit(true);
        int[] checks = {0};
        FakeTransactions.FakeTransaction reader = new FakeTransactions.FakeTransaction(f.txm,
                org.tuskdb.api.xact.IsolationLevel.READ_COMMITTED, true) {
            @Override
            public org.tuskdb.api.xact.Interruptible interrupts() {
                return () -> {
                    if (++checks[0] == 3) {
                        throw DatabaseException.error("57014", "canceling statement due to user request");
                    }
                };
            }
        };
        DatabaseException e = assertThrows(DatabaseException.class, () -> f.scan(reader.snapshot(), reader));
        assertEquals("57014", e.sqlState());
        assertEquals(0, f.buffers.pins());
    }

    @Test
    void insertInReadOnlyTransactionFails() {
        FakeTransactions.FakeTransaction ro = f.txm.begin(org.tuskdb.api.xact.IsolationLevel.READ_COMMITTED, true,
                org.tuskdb.api.xact.Interruptible.NONE);
        assertEquals("25006", assertThrows(DatabaseException.class, () -> f.heap.insert(REL, new byte[1], ro)).sqlState());
        assertEquals(0, f.heap.blockCount(REL));
    }
}
