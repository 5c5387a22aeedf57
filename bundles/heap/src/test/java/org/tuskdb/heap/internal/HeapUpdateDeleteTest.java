package org.tuskdb.heap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.heap.internal.HeapFixture.REL;
import static org.tuskdb.heap.internal.HeapFixture.bytes;
import static org.tuskdb.heap.internal.HeapFixture.text;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.ModifyResult.Status;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;

class HeapUpdateDeleteTest {
    private final HeapFixture f = new HeapFixture();

    private Tid committedRow(String s) {
        FakeTransactions.FakeTransaction tx = f.begin();
        Tid tid = f.heap.insert(REL, bytes(s), tx);
        tx.commit(true);
        return tid;
    }

    @Test
    void updateChainIsFollowedByFetchLatest() {
        Tid v1 = committedRow("v1");
        FakeTransactions.FakeSnapshot old = f.begin().snapshot();
        FakeTransactions.FakeTransaction t1 = f.begin();
        ModifyResult r1 = f.heap.update(REL, v1, bytes("v2"), t1, true);
        assertEquals(Status.OK, r1.status());
        t1.commit(true);
        FakeTransactions.FakeTransaction t2 = f.begin();
        ModifyResult r2 = f.heap.update(REL, r1.tid(), bytes("v3"), t2, true);
        assertEquals(Status.OK, r2.status());
        t2.commit(true);

        assertEquals(List.of("v3"), f.committedRows());
        FakeTransactions.FakeSnapshot now = f.begin().snapshot();
        HeapTuple latest = f.heap.fetchLatest(REL, v1, now, null);
        assertEquals("v3", text(latest.data()));
        assertEquals(r2.tid(), latest.tid());
        assertNull(f.heap.fetch(REL, v1, now, null));
        assertEquals("v1", text(f.heap.fetchLatest(REL, v1, old, null).data()), "an old snapshot stays on v1");
        HeapTuple first = f.heap.fetchVersion(REL, v1);
        assertEquals(t1.topXid(), first.xmax());
        assertEquals(0, f.buffers.pins());
    }

    /** HEAPTUPLE_DEAD: what index scans may mark dead in their indexes. */
    @Test
    void deadToAllOnlyForAbortedInsertsAndCommittedDeletesOlderThanTheHorizon() {
        Tid live = committedRow("live");
        assertTrue(!f.heap.deadToAll(REL, live, Long.MAX_VALUE), "a live row");

        FakeTransactions.FakeTransaction ins = f.begin();
        Tid aborted = f.heap.insert(REL, bytes("never"), ins);
        assertTrue(!f.heap.deadToAll(REL, aborted, Long.MAX_VALUE), "inserter still running");
        ins.abort();
        assertTrue(f.heap.deadToAll(REL, aborted, 0), "an aborted insert is dead whatever the horizon");

        Tid gone = committedRow("gone");
        FakeTransactions.FakeTransaction del = f.begin();
        assertEquals(Status.OK, f.heap.delete(REL, gone, del, true).status());
        assertTrue(!f.heap.deadToAll(REL, gone, Long.MAX_VALUE), "deleter still running");
        del.commit(true);
        long xmax = f.heap.fetchVersion(REL, gone).xmax();
        assertTrue(!f.heap.deadToAll(REL, gone, xmax), "a snapshot older than the delete may still see it");
        assertTrue(f.heap.deadToAll(REL, gone, xmax + 1));

        Tid locked = committedRow("locked");
        FakeTransactions.FakeTransaction locker = f.begin();
        assertEquals(Status.OK, f.heap.lockTuple(REL, locked, RowLockMode.UPDATE, locker, true).status());
        locker.commit(true);
        assertTrue(!f.heap.deadToAll(REL, locked, Long.MAX_VALUE), "a row lock is not a delete");

        Tid rolledBack = committedRow("kept");
        FakeTransactions.FakeTransaction undo = f.begin();
        f.heap.delete(REL, rolledBack, undo, true);
        undo.abort();
        assertTrue(!f.heap.deadToAll(REL, rolledBack, Long.MAX_VALUE), "the delete rolled back");
        assertTrue(!f.heap.deadToAll(REL, new Tid(99, 1), Long.MAX_VALUE), "no such page");
        assertEquals(0, f.buffers.pins());
    }

    @Test
    void fetchLatestStopsAtAnAbortedUpdate() {
        Tid v1 = committedRow("v1");
        FakeTransactions.FakeTransaction t1 = f.begin();
        f.heap.update(REL, v1, bytes("never"), t1, true);
        t1.abort();
        assertEquals("v1", text(f.heap.fetchLatest(REL, v1, f.begin().snapshot(), null).data()));
        assertEquals(List.of("v1"), f.committedRows());
        // and the row can be updated again
        FakeTransactions.FakeTransaction t2 = f.begin();
        assertEquals(Status.OK, f.heap.update(REL, v1, bytes("v2"), t2, true).status());
        t2.commit(true);
        assertEquals(List.of("v2"), f.committedRows());
    }

    @Test
    void ownUpdateIsSeenByLaterCommandsAndTwiceInOneCommandIsSelfModified() {
        Tid v1 = committedRow("v1");
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, v1, bytes("v2"), tx, true);
        assertEquals(List.of("v1"), f.rows(tx));
        ModifyResult again = f.heap.update(REL, v1, bytes("v2b"), tx, true);
        assertEquals(Status.SELF_MODIFIED, again.status());
        assertEquals(tx.topXid(), again.xmax());
        assertEquals(Status.INVISIBLE, f.heap.update(REL, r.tid(), bytes("v3"), tx, true).status(),
                "the new version was made by this very command");
        tx.commandCounterIncrement();
        assertEquals(List.of("v2"), f.rows(tx));
        assertEquals(Status.OK, f.heap.update(REL, r.tid(), bytes("v3"), tx, true).status());
        tx.commandCounterIncrement();
        assertEquals(List.of("v3"), f.rows(tx));
        tx.commit(true);
        assertEquals(List.of("v3"), f.committedRows());
    }

    @Test
    void deleteRemovesTheRowAndASecondDeleteSeesDeleted() {
        Tid a = committedRow("a");
        committedRow("b");
        FakeTransactions.FakeTransaction d = f.begin();
        assertEquals(ModifyResult.OK, f.heap.delete(REL, a, d, true));
        d.commit(true);
        assertEquals(List.of("b"), f.committedRows());
        ModifyResult again = f.heap.delete(REL, a, f.begin(), true);
        assertEquals(Status.DELETED, again.status());
        assertEquals(d.topXid(), again.xmax());
        assertEquals(Status.DELETED, f.heap.update(REL, a, bytes("x"), f.begin(), true).status());
    }

    @Test
    void concurrentUpdateWaitsThenReportsTheSuccessor() throws Exception {
        Tid v1 = committedRow("v1");
        FakeTransactions.FakeTransaction t1 = f.begin();
        ModifyResult mine = f.heap.update(REL, v1, bytes("t1"), t1, true);
        FakeTransactions.FakeTransaction t2 = f.begin();
        t2.xid();
        CompletableFuture<ModifyResult> other = CompletableFuture.supplyAsync(() -> f.heap.update(REL, v1, bytes("t2"), t2, true));
        Thread.sleep(50);
        assertTrue(!other.isDone(), "t2 must wait for t1");
        t1.commit(true);
        ModifyResult r = other.get(5, TimeUnit.SECONDS);
        assertEquals(Status.UPDATED, r.status());
        assertEquals(mine.tid(), r.tid());
        assertEquals(t1.topXid(), r.xmax());
        assertTrue(f.txm.waits.get() >= 1);

        // READ COMMITTED's recheck: lock the successor, read it, update it
        assertEquals(ModifyResult.OK, f.heap.lockTuple(REL, r.tid(), RowLockMode.UPDATE, t2, true));
        assertEquals("t1", text(f.heap.fetchVersion(REL, r.tid()).data()));
        assertEquals(Status.OK, f.heap.update(REL, r.tid(), bytes("t2"), t2, true).status());
        t2.commit(true);
        assertEquals(List.of("t2"), f.committedRows());
    }

    @Test
    void concurrentUpdateProceedsWhenTheOtherWriterAborts() throws Exception {
        Tid v1 = committedRow("v1");
        FakeTransactions.FakeTransaction t1 = f.begin();
        f.heap.delete(REL, v1, t1, true);
        FakeTransactions.FakeTransaction t2 = f.begin();
        CompletableFuture<ModifyResult> other = CompletableFuture.supplyAsync(() -> f.heap.update(REL, v1, bytes("t2"), t2, true));
        Thread.sleep(30);
        t1.abort();
        assertEquals(Status.OK, other.get(5, TimeUnit.SECONDS).status());
        t2.commit(true);
        assertEquals(List.of("t2"), f.committedRows());
    }

    @Test
    void lockedOrChangedRowGivesWouldBlockWithoutWait() {
        Tid a = committedRow("a");
        Tid b = committedRow("b");
        FakeTransactions.FakeTransaction locker = f.begin();
        assertEquals(ModifyResult.OK, f.heap.lockTuple(REL, a, RowLockMode.SHARE, locker, false));
        assertEquals(ModifyResult.OK, f.heap.lockTuple(REL, a, RowLockMode.UPDATE, locker, false), "re-lock by the holder");
        FakeTransactions.FakeTransaction updater = f.begin();
        assertEquals(Status.OK, f.heap.update(REL, b, bytes("b2"), updater, false).status());

        FakeTransactions.FakeTransaction other = f.begin();
        assertEquals(Status.WOULD_BLOCK, f.heap.update(REL, a, bytes("x"), other, false).status());
        assertEquals(Status.WOULD_BLOCK, f.heap.delete(REL, a, other, false).status());
        assertEquals(Status.WOULD_BLOCK, f.heap.lockTuple(REL, a, RowLockMode.KEY_SHARE, other, false).status());
        assertEquals(Status.WOULD_BLOCK, f.heap.lockTuple(REL, b, RowLockMode.UPDATE, other, false).status());
        assertEquals(0, f.buffers.pins());

        locker.commit(true); // a lock ends with its transaction; the row is not changed
        assertEquals(Status.OK, f.heap.update(REL, a, bytes("a2"), other, false).status());
    }

    @Test
    void lockerMayUpdateItsOwnLockedRow() {
        Tid a = committedRow("a");
        FakeTransactions.FakeTransaction tx = f.begin();
        assertEquals(ModifyResult.OK, f.heap.lockTuple(REL, a, RowLockMode.NO_KEY_UPDATE, tx, true));
        assertEquals(Status.OK, f.heap.update(REL, a, bytes("a2"), tx, true).status());
        tx.commit(true);
        assertEquals(List.of("a2"), f.committedRows());
    }

    @Test
    void invisibleTargetsAreReported() {
        FakeTransactions.FakeTransaction gone = f.begin();
        Tid a = f.heap.insert(REL, bytes("a"), gone);
        gone.abort();
        assertEquals(Status.INVISIBLE, f.heap.delete(REL, a, f.begin(), true).status());
        assertEquals(Status.INVISIBLE, f.heap.delete(REL, new Tid(0, 50), f.begin(), true).status());
        assertEquals(Status.INVISIBLE, f.heap.delete(REL, new Tid(9, 1), f.begin(), true).status());
    }

    @Test
    void updateMovesToAnotherPageWhenTheOldOneIsFull() {
        FakeTransactions.FakeTransaction load = f.begin();
        Tid first = null;
        while (f.heap.blockCount(REL) < 2) {
            Tid t = f.heap.insert(REL, new byte[1000], load);
            first = first == null ? t : first;
        }
        load.commit(true);
        FakeTransactions.FakeTransaction tx = f.begin();
        ModifyResult r = f.heap.update(REL, first, bytes("moved" + "m".repeat(995)), tx, true);
        assertEquals(Status.OK, r.status());
        assertNotEquals(first.block(), r.tid().block());
        RecordingWal.Recorded rec = f.wal.records().getLast();
        assertEquals(HeapWalRecords.UPDATE, rec.info() & HeapWalRecords.OPMASK);
        assertEquals(r.tid().block(), rec.block(0).block());
        assertEquals(first.block(), rec.block(1).block());
        tx.commit(true);
        assertEquals("moved" + "m".repeat(995), text(f.heap.fetchLatest(REL, first, f.begin().snapshot(), null).data()));
        assertEquals(0, f.buffers.pins());
    }
}
