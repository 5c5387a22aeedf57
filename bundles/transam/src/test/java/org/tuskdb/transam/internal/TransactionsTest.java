package org.tuskdb.transam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

class TransactionsTest {
    @TempDir
    Path data;

    private TestServer server;
    private FakeWal wal;
    private TransactionManagerImpl p1;
    private TransactionManagerImpl p2;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(data);
        wal = new FakeWal();
        p1 = server.process(1, wal);
        p2 = server.process(2, wal);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static Transaction begin(TransactionManager m, IsolationLevel level) {
        return m.begin(level, false, Interruptible.NONE);
    }

    @Test
    void xidIsAssignedOnlyOnFirstWrite() {
        long next = p1.nextXid();
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        t.snapshot();
        assertEquals(0, t.topXid());
        assertEquals(next, p1.nextXid());
        long xid = t.xid();
        assertEquals(next, xid);
        assertEquals(xid, t.xid());
        assertEquals(xid, t.topXid());
        assertEquals(next + 1, p1.nextXid());
        assertTrue(t.isCurrentTransaction(xid));
        t.commit(true);
        assertEquals(XidStatus.COMMITTED, p2.status(xid));
        assertEquals(1, wal.records(XactRecords.COMMIT).size());
    }

    @Test
    void readOnlyCommitWritesNoWalAndReadOnlyRefusesXid() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        t.snapshot();
        t.commit(true);
        assertTrue(wal.records.isEmpty());
        assertTrue(wal.commitWaits.isEmpty());
        Transaction ro = p1.begin(IsolationLevel.READ_COMMITTED, true, Interruptible.NONE);
        DatabaseException e = assertThrows(DatabaseException.class, ro::xid);
        assertEquals("25006", e.sqlState());
        ro.abort();
    }

    @Test
    void commitLogsWaitsThenPublishesInThatOrder() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long xid = t.xid();
        List<String> events = new ArrayList<>();
        t.onEnd(committed -> events.add("end " + committed + " " + p2.status(xid)));
        t.commit(false);
        FakeWal.Rec commit = wal.records(XactRecords.COMMIT).get(0);
        assertEquals(xid, commit.xid());
        assertEquals(commit.endLsn(), wal.commitWaits.get(0)[0]);
        assertEquals(0, wal.commitWaits.get(0)[1]);
        assertEquals(List.of("end true COMMITTED"), events);
        // asynchronous commit: the clog page may not be written before the WAL is flushed there
        assertEquals(commit.endLsn(), p2.commitLsn(xid));
    }

    @Test
    void recentXminShortcutNeverHidesARunningTransaction() {
        Transaction old = begin(p1, IsolationLevel.READ_COMMITTED);
        long oldXid = old.xid();
        Transaction mine = begin(p2, IsolationLevel.READ_COMMITTED);
        long myXid = mine.xid();
        mine.snapshot();
        // Both still run: neither may fall below p2's RecentXmin, its own xid included.
        assertEquals(XidStatus.IN_PROGRESS, p2.status(oldXid));
        assertEquals(XidStatus.IN_PROGRESS, p2.status(myXid));
        old.commit(true);
        TransactionManagerImpl p3 = server.process(3, wal);
        Transaction later = begin(p3, IsolationLevel.READ_COMMITTED);
        later.snapshot();
        assertEquals(XidStatus.COMMITTED, p3.status(oldXid));
        assertEquals(XidStatus.IN_PROGRESS, p3.status(myXid));
        // A transaction that starts after p3's last snapshot is above any RecentXmin it has.
        Transaction fresh = begin(p1, IsolationLevel.READ_COMMITTED);
        long freshXid = fresh.xid();
        assertEquals(XidStatus.IN_PROGRESS, p3.status(freshXid));
        fresh.abort();
        later.commit(true);
        mine.commit(true);
    }

    @Test
    void pruneHorizonIsNeverNewerThanOldestXmin() {
        Transaction holder = begin(p1, IsolationLevel.REPEATABLE_READ);
        holder.snapshot();
        Transaction writer = begin(p2, IsolationLevel.READ_COMMITTED);
        writer.xid();
        writer.snapshot();
        long horizon = p2.pruneHorizon();
        assertTrue(horizon <= p2.oldestXmin(), horizon + " > " + p2.oldestXmin());
        writer.commit(true);
        holder.commit(true);
        Transaction next = begin(p2, IsolationLevel.READ_COMMITTED);
        next.snapshot();
        // After everyone ended, the next snapshot's horizon moves up to the fresh one.
        assertTrue(p2.pruneHorizon() > horizon);
        assertTrue(p2.pruneHorizon() <= p2.oldestXmin());
        next.commit(true);
    }

    @Test
    void snapshotExcludesRunningAndIncludesCommitted() {
        Transaction writer = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = writer.xid();
        Transaction reader = begin(p2, IsolationLevel.READ_COMMITTED);
        Snapshot before = reader.snapshot();
        assertTrue(before.isInProgress(x));
        assertEquals(XidStatus.IN_PROGRESS, p2.status(x));
        writer.commit(true);
        assertTrue(before.isInProgress(x), "a snapshot does not change");
        reader.startStatement();
        Snapshot after = reader.snapshot();
        assertFalse(after.isInProgress(x));
        assertEquals(XidStatus.COMMITTED, p2.status(x));
        assertTrue(after.isInProgress(p2.nextXid()), "xids not yet assigned are in progress");
        reader.commit(true);
    }

    @Test
    void snapshotDoesNotListOwnXid() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = t.xid();
        Transaction other = begin(p2, IsolationLevel.READ_COMMITTED);
        long y = other.xid();
        other.commit(true); // latestCompleted > x, so x < xmax
        t.startStatement();
        XidSnapshot s = (XidSnapshot) t.snapshot();
        assertFalse(s.isInProgress(x));
        assertTrue(t.isCurrentTransaction(x));
        assertFalse(s.isInProgress(y));
        t.abort();
    }

    @Test
    void readCommittedSeesEarlierCommitsPerStatementRepeatableReadDoesNot() {
        Transaction rc = begin(p2, IsolationLevel.READ_COMMITTED);
        Transaction rr = begin(server.process(3, wal), IsolationLevel.REPEATABLE_READ);
        Snapshot rc1 = rc.snapshot();
        Snapshot rr1 = rr.snapshot();
        assertSame(rc1, rc.snapshot(), "same statement, same snapshot");

        Transaction w = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = w.xid();
        w.commit(true);

        rc.startStatement();
        rr.startStatement();
        assertFalse(rc.snapshot().isInProgress(x));
        assertTrue(rr.snapshot().isInProgress(x));
        assertEquals(rr1.xmax(), rr.snapshot().xmax());

        rr.commandCounterIncrement();
        Snapshot rr2 = rr.snapshot();
        assertEquals(1, rr2.commandId(), "the transaction snapshot follows the current command");
        assertEquals(0, rr1.commandId(), "snapshots already handed out are immutable");
        assertNotSame(rr1, rr2);
        rc.commit(true);
        rr.commit(true);
    }

    @Test
    void commandIdStartsAtZeroAndIncrements() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        assertEquals(0, t.commandId());
        assertEquals(0, t.snapshot().commandId());
        t.commandCounterIncrement();
        assertEquals(1, t.commandId());
        assertEquals(1, t.snapshot().commandId(), "READ COMMITTED within one statement follows the command too");
        t.commit(true);
        Transaction u = begin(p1, IsolationLevel.READ_COMMITTED);
        assertEquals(0, u.commandId());
        u.abort();
    }

    @Test
    void abortMarksAbortedAndRunsEndActions() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = t.xid();
        List<Boolean> ends = new ArrayList<>();
        t.onEnd(ends::add);
        t.abort();
        t.abort();
        assertEquals(List.of(false), ends);
        assertEquals(XidStatus.ABORTED, p2.status(x));
        assertEquals(1, wal.records(XactRecords.ABORT).size());
        assertTrue(wal.commitWaits.isEmpty(), "abort waits for no flush");
        Transaction reader = begin(p2, IsolationLevel.READ_COMMITTED);
        assertFalse(reader.snapshot().isInProgress(x));
        reader.commit(true);
    }

    @Test
    void oneTransactionAtATimePerProcess() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        assertThrows(IllegalStateException.class, () -> begin(p1, IsolationLevel.READ_COMMITTED));
        t.commit(true);
        begin(p1, IsolationLevel.READ_COMMITTED).abort();
    }

    @Test
    void releasedSubtransactionCommitsWithItsParent() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        t.beginSubtransaction();
        assertEquals(1, t.nestingLevel());
        long sub = t.xid();
        long top = t.topXid();
        assertTrue(top != 0 && sub > top, "the parent gets its xid first");
        t.releaseSubtransaction();
        assertEquals(0, t.nestingLevel());
        assertEquals(top, t.xid());
        assertTrue(t.isCurrentTransaction(sub));

        Transaction reader = begin(p2, IsolationLevel.READ_COMMITTED);
        Snapshot running = reader.snapshot();
        assertTrue(running.isInProgress(sub));
        assertEquals(XidStatus.IN_PROGRESS, p2.status(sub));
        t.commit(true);
        assertEquals(XidStatus.COMMITTED, p2.status(sub));
        assertTrue(running.isInProgress(sub));
        reader.startStatement();
        assertFalse(reader.snapshot().isInProgress(sub));
        XactRecords.XidList rec = XactRecords.XidList.decode(wal.records(XactRecords.COMMIT).get(0).data());
        assertEquals(top, rec.top());
        assertEquals(List.of(sub), java.util.Arrays.stream(rec.xids()).boxed().toList());
        reader.commit(true);
    }

    @Test
    void rolledBackSubtransactionIsAbortedAtOnce() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long top = t.xid();
        t.beginSubtransaction();
        long sub = t.xid();
        t.beginSubtransaction();
        long inner = t.xid();
        t.releaseSubtransaction(); // inner becomes part of sub
        t.rollbackSubtransaction(); // rolls back sub and inner
        assertEquals(0, t.nestingLevel());
        assertFalse(t.isCurrentTransaction(sub));
        assertFalse(t.isCurrentTransaction(inner));
        assertTrue(t.isCurrentTransaction(top));
        assertEquals(XidStatus.ABORTED, p2.status(sub));
        assertEquals(XidStatus.ABORTED, p2.status(inner));
        assertEquals(XidStatus.IN_PROGRESS, p2.status(top));

        t.beginSubtransaction();
        long again = t.xid();
        assertTrue(again > inner);
        t.releaseSubtransaction();
        t.commit(true);
        assertEquals(XidStatus.COMMITTED, p2.status(again));
        assertEquals(XidStatus.ABORTED, p2.status(sub));
        XactRecords.XidList rec = XactRecords.XidList.decode(wal.records(XactRecords.COMMIT).get(0).data());
        assertEquals(List.of(again), java.util.Arrays.stream(rec.xids()).boxed().toList());
    }

    @Test
    void rollingBackASubtransactionKeepsTheParentXidItAssignedLazily() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        t.beginSubtransaction(); // SAVEPOINT before the first write: the top has no xid yet
        long sub = t.xid();
        long top = t.topXid();
        assertTrue(top != 0 && sub > top);
        t.rollbackSubtransaction();
        assertTrue(t.isCurrentTransaction(top), "the top's xid survives ROLLBACK TO");
        assertFalse(t.isCurrentTransaction(sub));
        assertEquals(top, t.xid());
        t.commit(true);
        assertEquals(XidStatus.COMMITTED, p2.status(top));
        assertEquals(XidStatus.ABORTED, p2.status(sub));
    }

    @Test
    void checkpointWaitsForACommitBetweenItsRecordAndPgXact() throws Exception {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long xid = t.xid();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        wal.commitGate = gate;
        java.util.concurrent.CompletableFuture<Void> commit =
                java.util.concurrent.CompletableFuture.runAsync(() -> t.commit(true));
        while (wal.records(XactRecords.COMMIT).isEmpty()) {
            Thread.sleep(1); // the commit record is in, pg_xact not yet
        }
        java.util.concurrent.CompletableFuture<Void> checkpoint =
                java.util.concurrent.CompletableFuture.runAsync(() -> p2.transam().checkpoint());
        Thread.sleep(200);
        assertFalse(checkpoint.isDone(), "the checkpoint waits for the commit to reach pg_xact");
        gate.countDown();
        commit.get(5, java.util.concurrent.TimeUnit.SECONDS);
        checkpoint.get(5, java.util.concurrent.TimeUnit.SECONDS);
        wal.commitGate = null;
        assertEquals(XidStatus.COMMITTED, p2.status(xid));
    }

    @Test
    void overflowedSubxidsAreResolvedThroughTheSubtransMap() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long top = t.xid();
        long[] subs = new long[TransamLayout.SUBXID_CACHE + 10];
        for (int i = 0; i < subs.length; i++) {
            t.beginSubtransaction();
            subs[i] = t.xid();
            t.releaseSubtransaction();
        }
        Transaction other = begin(p2, IsolationLevel.READ_COMMITTED);
        other.xid();
        other.commit(true); // moves latestCompleted past every sub
        Transaction reader = begin(server.process(3, wal), IsolationLevel.REPEATABLE_READ);
        XidSnapshot s = (XidSnapshot) reader.snapshot();
        assertTrue(s.overflowed());
        for (long sub : subs) {
            assertTrue(s.isInProgress(sub), "sub " + sub);
            assertTrue(p2.transam().isRunning(sub));
        }
        t.commit(true);
        for (long sub : subs) {
            assertTrue(s.isInProgress(sub), "the old snapshot still sees sub " + sub + " running");
            assertEquals(XidStatus.COMMITTED, p2.status(sub));
            assertFalse(p2.transam().isRunning(sub));
        }
        Transaction later = begin(p2, IsolationLevel.READ_COMMITTED);
        XidSnapshot fresh = (XidSnapshot) later.snapshot();
        assertFalse(fresh.overflowed());
        assertFalse(fresh.isInProgress(subs[subs.length - 1]));
        assertFalse(fresh.isInProgress(top));
        later.commit(true);
        reader.commit(true);
    }

    @Test
    void oldestXminIsTheOldestRunningXidOrSnapshot() {
        Transaction rr = begin(p2, IsolationLevel.REPEATABLE_READ);
        Transaction w = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = w.xid();
        assertEquals(x, p1.oldestXmin());
        Transaction w2 = begin(server.process(3, wal), IsolationLevel.READ_COMMITTED);
        w2.xid();
        w2.commit(true);
        rr.snapshot(); // xmin = x, since x runs
        w.commit(true);
        assertEquals(x, p1.oldestXmin(), "the repeatable-read snapshot still needs x");
        rr.commit(true);
        assertEquals(p1.nextXid(), p1.oldestXmin());
    }

    @Test
    void waitForTransactionReturnsWhenItEnds() throws Exception {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = t.xid();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> p2.waitForTransaction(x, Interruptible.NONE));
        assertThrows(TimeoutException.class, () -> waiter.get(100, TimeUnit.MILLISECONDS));
        t.commit(true);
        waiter.get(5, TimeUnit.SECONDS);
        p2.waitForTransaction(x, Interruptible.NONE);
        p2.waitForTransaction(TransactionManager.FROZEN_XID, Interruptible.NONE);
    }

    @Test
    void waitForTransactionHonoursInterrupts() {
        Transaction t = begin(p1, IsolationLevel.READ_COMMITTED);
        long x = t.xid();
        DatabaseException cancel = DatabaseException.error("57014", "canceling statement due to user request");
        long[] calls = {0};
        DatabaseException e = assertThrows(DatabaseException.class, () -> p2.waitForTransaction(x, () -> {
            if (++calls[0] > 3) {
                throw cancel;
            }
        }));
        assertSame(cancel, e);
        t.abort();
    }

    @Test
    void specialXidsHaveFixedStatus() {
        assertEquals(XidStatus.COMMITTED, p1.status(TransactionManager.BOOTSTRAP_XID));
        assertEquals(XidStatus.COMMITTED, p1.status(TransactionManager.FROZEN_XID));
        assertEquals(XidStatus.ABORTED, p1.status(TransactionManager.INVALID_XID));
        assertEquals(XidStatus.IN_PROGRESS, p1.status(p1.nextXid() + 5));
    }

    @Test
    void concurrentCommittersNeverLoseAnXidOrAStatus() throws Exception {
        int perThread = 300;
        List<CompletableFuture<long[]>> runs = new ArrayList<>();
        for (int slot = 0; slot < 4; slot++) {
            TransactionManagerImpl m = server.process(slot, wal);
            runs.add(CompletableFuture.supplyAsync(() -> {
                long[] mine = new long[perThread];
                for (int i = 0; i < perThread; i++) {
                    Transaction t = m.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
                    mine[i] = t.xid();
                    Snapshot s = t.snapshot();
                    if (s.isInProgress(mine[i]) != (mine[i] >= s.xmax())) {
                        throw new AssertionError("own xid listed in own snapshot");
                    }
                    if (i % 3 == 0) {
                        t.abort();
                    } else {
                        t.commit(true);
                    }
                }
                return mine;
            }));
        }
        java.util.Set<Long> all = new java.util.HashSet<>();
        for (CompletableFuture<long[]> run : runs) {
            long[] xids = run.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < xids.length; i++) {
                assertTrue(all.add(xids[i]), "xid handed out twice");
                assertEquals(i % 3 == 0 ? XidStatus.ABORTED : XidStatus.COMMITTED, p1.status(xids[i]));
            }
        }
        assertEquals(p1.nextXid(), p1.oldestXmin());
    }
}
