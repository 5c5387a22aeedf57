package org.tuskdb.transam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/** Restarts and crashes: a new TestServer on the same data directory is the next incarnation. */
class RecoveryTest {
    @TempDir
    Path data;

    private static Transaction begin(TransactionManager m) {
        return m.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
    }

    private static void deleteClog(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data.resolve("pg_xact"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void clogSurvivesARestartAfterCheckpoint() throws Exception {
        long committed;
        long aborted;
        byte[] state;
        FakeWal wal = new FakeWal();
        try (TestServer first = new TestServer(data)) {
            TransactionManagerImpl p = first.process(0, wal);
            Transaction c = begin(p);
            committed = c.xid();
            c.commit(true);
            Transaction a = begin(p);
            aborted = a.xid();
            a.abort();
            Transam checkpointer = first.transam(wal);
            checkpointer.checkpoint();
            state = checkpointer.checkpointState();
            assertTrue(wal.flushedPosition() >= wal.records(XactRecords.COMMIT).get(0).endLsn());
        }
        assertTrue(Files.exists(data.resolve("pg_xact").resolve("0000")));
        try (TestServer second = new TestServer(data)) {
            Transam startup = second.transam(null);
            startup.startRecovery(state);
            startup.endRecovery(0);
            TransactionManagerImpl p = second.process(0, new FakeWal());
            assertEquals(XidStatus.COMMITTED, p.status(committed));
            assertEquals(XidStatus.ABORTED, p.status(aborted));
            assertEquals(aborted + 1, p.nextXid());
            Transaction next = begin(p);
            assertEquals(aborted + 1, next.xid());
            assertEquals(XidStatus.IN_PROGRESS, p.status(next.topXid()));
            next.commit(true);
        }
    }

    @Test
    void redoOfCommitAndAbortRecordsRebuildsTheClog() throws Exception {
        FakeWal wal = new FakeWal();
        byte[] state;
        long committed;
        long abortedTop;
        long rolledBackSub;
        long committedSub;
        try (TestServer first = new TestServer(data)) {
            state = first.transam(null).checkpointState();
            TransactionManagerImpl p = first.process(0, wal);
            Transaction t = begin(p);
            committed = t.xid();
            t.beginSubtransaction();
            rolledBackSub = t.xid();
            t.rollbackSubtransaction();
            t.beginSubtransaction();
            committedSub = t.xid();
            t.releaseSubtransaction();
            t.commit(true);
            Transaction a = begin(p);
            abortedTop = a.xid();
            a.abort();
            // crash without checkpoint: pg_xact never written
        }
        assertFalse(Files.exists(data.resolve("pg_xact").resolve("0000")));
        try (TestServer second = new TestServer(data)) {
            Transam startup = second.transam(null);
            startup.startRecovery(state);
            XactResourceManagerDouble rmgr = new XactResourceManagerDouble(second.transam(null));
            long highest = 0;
            for (FakeWal.Rec r : wal.records) {
                rmgr.redo(r);
                highest = Math.max(highest, r.xid());
            }
            startup.endRecovery(highest);
            TransactionManagerImpl p = second.process(0, new FakeWal());
            assertEquals(XidStatus.COMMITTED, p.status(committed));
            assertEquals(XidStatus.COMMITTED, p.status(committedSub));
            assertEquals(XidStatus.ABORTED, p.status(rolledBackSub));
            assertEquals(XidStatus.ABORTED, p.status(abortedTop));
            assertTrue(p.nextXid() > abortedTop);
        }
    }

    /** Stands for the OSGi XactResourceManager, which needs a SharedMemory service. */
    private record XactResourceManagerDouble(Transam transam) {
        void redo(FakeWal.Rec r) {
            transam.redo(r);
        }
    }

    @Test
    void transactionsRunningAtACrashAreAbortedAfterwards() throws Exception {
        FakeWal wal = new FakeWal();
        byte[] state;
        long running;
        long sub;
        long committedBefore;
        try (TestServer first = new TestServer(data)) {
            TransactionManagerImpl p0 = first.process(0, wal);
            Transaction c = begin(p0);
            committedBefore = c.xid();
            c.commit(true);
            Transam checkpointer = first.transam(wal);
            checkpointer.checkpoint();
            state = checkpointer.checkpointState();
            Transaction t = begin(first.process(1, wal));
            running = t.xid();
            t.beginSubtransaction();
            sub = t.xid();
            t.releaseSubtransaction();
            // a record of the running transaction (a heap insert, say) reached the WAL
            wal.record(10, 0).xid(sub).insert();
            // crash: t never ends
        }
        try (TestServer second = new TestServer(data)) {
            Transam startup = second.transam(null);
            startup.startRecovery(state);
            long highest = 0;
            for (FakeWal.Rec r : wal.records) {
                if (r.lsn() > 0 && r.rmgr() == 1 && r.xid() > committedBefore) {
                    startup.redo(r);
                }
                highest = Math.max(highest, r.xid());
            }
            startup.endRecovery(highest);
            TransactionManagerImpl p = second.process(0, new FakeWal());
            assertEquals(XidStatus.ABORTED, p.status(running));
            assertEquals(XidStatus.ABORTED, p.status(sub));
            assertEquals(XidStatus.COMMITTED, p.status(committedBefore));
            assertTrue(p.nextXid() > sub, "xids seen in the WAL are never assigned again");
            Transaction t = begin(p);
            long fresh = t.xid();
            assertEquals(XidStatus.IN_PROGRESS, p.status(fresh));
            Transaction reader = begin(second.process(1, new FakeWal()));
            assertTrue(reader.snapshot().isInProgress(fresh));
            assertFalse(reader.snapshot().isInProgress(running));
            t.commit(true);
            assertEquals(XidStatus.COMMITTED, p.status(fresh));
            reader.commit(true);
        }
    }

    @Test
    void stalePgXactBitsPastTheNextXidAreCleared() throws Exception {
        FakeWal wal = new FakeWal();
        byte[] state;
        long lost;
        try (TestServer first = new TestServer(data)) {
            Transam t0 = first.transam(wal);
            state = t0.checkpointState();
            TransactionManagerImpl p = first.process(0, wal);
            Transaction t = begin(p);
            lost = t.xid();
            t.abort(); // the abort's pg_xact bit reaches disk, its record does not
            t0.checkpoint();
        }
        try (TestServer second = new TestServer(data)) {
            Transam startup = second.transam(null);
            startup.startRecovery(state); // the abort record is lost: next xid is `lost` again
            startup.endRecovery(0);
            TransactionManagerImpl p = second.process(0, new FakeWal());
            Transaction again = begin(p);
            assertEquals(lost, again.xid());
            assertEquals(XidStatus.IN_PROGRESS, p.status(lost), "not the lost transaction's ABORTED");
            again.commit(true);
            assertEquals(XidStatus.COMMITTED, p.status(lost));
        }
    }

    @Test
    void oidsAreNeverReusedAfterACrash() throws Exception {
        FakeWal wal = new FakeWal();
        byte[] state;
        Set<Long> handedOut = new HashSet<>();
        try (TestServer first = new TestServer(data)) {
            Transam t = first.transam(wal);
            assertEquals(TransactionManager.FIRST_NORMAL_OID, t.newOid());
            handedOut.add(TransactionManager.FIRST_NORMAL_OID);
            state = t.checkpointState();
            for (int i = 0; i < 3 * Transam.OID_PREFETCH; i++) {
                assertTrue(handedOut.add(t.newOid()));
            }
            assertEquals(4, wal.records(XactRecords.NEXTOID).size());
        }
        long max = handedOut.stream().mapToLong(Long::longValue).max().orElseThrow();
        try (TestServer second = new TestServer(data)) {
            Transam startup = second.transam(null);
            startup.startRecovery(state);
            // replay only the records after the checkpoint: the first NEXTOID came before it
            for (FakeWal.Rec r : wal.records(XactRecords.NEXTOID).subList(1, 4)) {
                startup.redo(r);
            }
            startup.endRecovery(0);
            long next = second.transam(null).newOid();
            assertTrue(next > max, next + " > " + max);
        }
        // a crash right after the checkpoint (nothing replayed) must not reuse either
        try (TestServer third = new TestServer(data)) {
            Transam startup = third.transam(null);
            startup.startRecovery(state);
            startup.endRecovery(0);
            long next = third.transam(null).newOid();
            assertFalse(next <= TransactionManager.FIRST_NORMAL_OID, "OID " + next + " was handed out before");
        }
    }

    @Test
    void freshDataDirectoryStartsAtTheFirstNormalIds() throws Exception {
        try (TestServer server = new TestServer(data)) {
            Transam startup = server.transam(null);
            startup.startRecovery(null);
            startup.endRecovery(0);
            assertEquals(TransactionManager.FIRST_NORMAL_XID, startup.nextXid());
            assertEquals(TransactionManager.FIRST_NORMAL_OID, startup.newOid());
        }
    }
}
