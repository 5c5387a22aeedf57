package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;

import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.xact.XidStatus;

class HeapVisibilityTest {
    private final HeapFixture f = new HeapFixture();

    private int infomask(Tid tid) {
        MemorySegment page = f.buffers.pageOf(REL, tid.block());
        return TupleHeader.infomask(page, HeapAccessService.itemStart(page, tid.offset()));
    }

    @Test
    void ownInsertIsSeenFromTheNextCommandOn() {
        FakeTransactions.FakeTransaction tx = f.begin();
        f.heap.insert(REL, bytes("a"), tx);
        assertEquals(List.of(), f.rows(tx), "same command must not see its own insert");
        tx.commandCounterIncrement();
        assertEquals(List.of("a"), f.rows(tx));
        assertEquals(List.of(), f.committedRows(), "others do not see it while running");
    }

    @Test
    void ownDeleteHidesTheRowFromLaterCommandsOnly() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        tx.commandCounterIncrement();
        FakeTransactions.FakeSnapshot before = tx.snapshot();
        assertEquals(ModifyResult.Status.OK, f.heap.delete(REL, a, tx, true).status());
        assertEquals(List.of("a"), f.rows(tx), "the deleting command still sees it");
        tx.commandCounterIncrement();
        assertEquals(List.of(), f.rows(tx));
        assertEquals(1, f.scan(before, tx).size(), "a snapshot of an earlier command still sees it");
    }

    @Test
    void insertsOfCommittedAbortedAndRunningTransactions() {
        FakeTransactions.FakeTransaction committed = f.begin();
        f.heap.insert(REL, bytes("committed"), committed);
        FakeTransactions.FakeTransaction aborted = f.begin();
        f.heap.insert(REL, bytes("aborted"), aborted);
        FakeTransactions.FakeTransaction running = f.begin();
        f.heap.insert(REL, bytes("running"), running);
        FakeTransactions.FakeTransaction late = f.begin();
        f.heap.insert(REL, bytes("late"), late);
        committed.commit(true);
        aborted.abort();
        FakeTransactions.FakeSnapshot snap = f.begin().snapshot();
        late.commit(true); // after the snapshot: still in progress for it
        assertEquals(List.of("committed"), f.scan(snap, null).stream().map(t -> HeapFixture.text(t.data())).toList());
        assertEquals(List.of("committed", "late"), f.committedRows());
    }

    @Test
    void deletesOfCommittedAbortedAndRunningTransactions() {
        FakeTransactions.FakeTransaction loader = f.begin();
        Tid byCommitted = f.heap.insert(REL, bytes("deleted-committed"), loader);
        Tid byAborted = f.heap.insert(REL, bytes("deleted-aborted"), loader);
        Tid byRunning = f.heap.insert(REL, bytes("deleted-running"), loader);
        Tid locked = f.heap.insert(REL, bytes("locked"), loader);
        loader.commit(true);

        FakeTransactions.FakeTransaction d1 = f.begin();
        f.heap.delete(REL, byCommitted, d1, true);
        d1.commit(true);
        FakeTransactions.FakeTransaction d2 = f.begin();
        f.heap.delete(REL, byAborted, d2, true);
        d2.abort();
        FakeTransactions.FakeTransaction d3 = f.begin();
        f.heap.delete(REL, byRunning, d3, true);
        FakeTransactions.FakeTransaction locker = f.begin();
        assertEquals(ModifyResult.Status.OK, f.heap.lockTuple(REL, locked, RowLockMode.UPDATE, locker, true).status());

        assertEquals(List.of("deleted-aborted", "deleted-running", "locked"), f.committedRows());
        // the deleter sees its own delete from its next command on; the locker still sees its row
        d3.commandCounterIncrement();
        assertEquals(List.of("deleted-aborted", "locked"), f.rows(d3));
        assertEquals(List.of("deleted-aborted", "deleted-running", "locked"), f.rows(locker));
    }

    @Test
    void hintBitsAreSetOnceThenClogIsNotAskedAgain() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        Tid b = f.heap.insert(REL, bytes("b"), tx);
        FakeTransactions.FakeTransaction gone = f.begin();
        Tid c = f.heap.insert(REL, bytes("c"), gone);
        tx.commit(true);
        gone.abort();
        assertEquals(0, infomask(a) & TupleHeader.XMIN_COMMITTED);

        assertEquals(2, f.committedRows().size());
        assertNotEquals(0, infomask(a) & TupleHeader.XMIN_COMMITTED);
        assertNotEquals(0, infomask(b) & TupleHeader.XMIN_COMMITTED);
        assertNotEquals(0, infomask(c) & TupleHeader.XMIN_INVALID);
        assertEquals(1, f.buffers.hintMarks(REL, 0), "one markDirtyHint per page");

        int calls = f.txm.statusCalls.get();
        assertEquals(2, f.committedRows().size());
        assertEquals(calls, f.txm.statusCalls.get(), "hinted tuples need no status lookup");
        assertEquals(1, f.buffers.hintMarks(REL, 0), "no new hints, no new markDirtyHint");
    }

    @Test
    void commitHintWaitsUntilTheCommitRecordIsFlushedButAbortHintDoesNot() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        FakeTransactions.FakeTransaction gone = f.begin();
        Tid c = f.heap.insert(REL, bytes("c"), gone);
        tx.commit(false);
        gone.abort();
        f.txm.commitLsns.put(tx.topXid(), f.wal.flushedPosition() + 64); // asynchronous commit, not yet flushed
        assertEquals(List.of("a"), f.committedRows());
        assertEquals(0, infomask(a) & TupleHeader.XMIN_COMMITTED, "commit may not be durable yet");
        assertNotEquals(0, infomask(c) & TupleHeader.XMIN_INVALID);
        f.txm.commitLsns.put(tx.topXid(), f.wal.flushedPosition());
        assertEquals(List.of("a"), f.committedRows());
        assertNotEquals(0, infomask(a) & TupleHeader.XMIN_COMMITTED);
    }

    @Test
    void deleterHintsAreSetToo() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        Tid b = f.heap.insert(REL, bytes("b"), tx);
        tx.commit(true);
        FakeTransactions.FakeTransaction d = f.begin();
        f.heap.delete(REL, a, d, true);
        d.commit(true);
        FakeTransactions.FakeTransaction d2 = f.begin();
        f.heap.delete(REL, b, d2, true);
        d2.abort();
        assertEquals(List.of("b"), f.committedRows());
        assertNotEquals(0, infomask(a) & TupleHeader.XMAX_COMMITTED);
        assertNotEquals(0, infomask(b) & TupleHeader.XMAX_INVALID);
    }

    @Test
    void fetchChecksVisibilityAndFetchVersionDoesNot() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        assertNull(f.heap.fetch(REL, a, f.begin().snapshot(), null));
        assertNotNull(f.heap.fetchVersion(REL, a));
        assertNull(f.heap.fetch(REL, new Tid(0, 99), tx.snapshot(), tx));
        assertNull(f.heap.fetch(REL, new Tid(7, 1), tx.snapshot(), tx));
        tx.commit(true);
        assertEquals("a", HeapFixture.text(f.heap.fetch(REL, a, f.begin().snapshot(), null).data()));
    }

    @Test
    void bootstrapAndFrozenXidsAreAlwaysVisible() {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), tx);
        tx.abort();
        MemorySegment page = f.buffers.pageOf(REL, 0);
        long t = HeapAccessService.itemStart(page, a.offset());
        TupleHeader.setXmin(page, t, org.tuskdb.api.xact.TransactionManager.BOOTSTRAP_XID);
        assertEquals(List.of("a"), f.committedRows());
        assertTrue(f.txm.status(tx.topXid()) == XidStatus.ABORTED);
    }
}
