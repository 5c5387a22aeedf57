package org.tuskdb.transam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Transaction;

/** The xid locks others wait on, with a lock manager present. */
class TransactionLocksTest {
    @TempDir
    Path data;

    private TestServer server;
    private final FakeLockTable locks = new FakeLockTable();
    private TransactionManagerImpl p1;
    private TransactionManagerImpl p2;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(data);
        FakeWal wal = new FakeWal();
        p1 = new TransactionManagerImpl(server.transam(wal), 1, () -> locks.process(1));
        p2 = new TransactionManagerImpl(server.transam(wal), 2, () -> locks.process(2));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void assigningAnXidLocksItAndCommitReleasesEverything() {
        Transaction t = p1.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        long x = t.xid();
        assertEquals("1 lock " + x + " EXCLUSIVE", locks.log.get(0));
        t.commit(true);
        assertEquals("1 releaseAll", locks.log.get(locks.log.size() - 1));
    }

    @Test
    void waitingForAReleasedSubxidWaitsForItsTopLevelTransaction() throws Exception {
        Transaction t = p1.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        t.beginSubtransaction();
        long sub = t.xid();
        t.releaseSubtransaction();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> p2.waitForTransaction(sub, Interruptible.NONE));
        assertThrows(TimeoutException.class, () -> waiter.get(150, TimeUnit.MILLISECONDS));
        t.commit(true);
        waiter.get(5, TimeUnit.SECONDS);
        assertTrue(locks.log.contains("2 lock " + sub + " SHARE"));
    }

    @Test
    void rollingBackASubtransactionReleasesItsXidLockAtOnce() throws Exception {
        Transaction t = p1.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        t.xid();
        t.beginSubtransaction();
        long sub = t.xid();
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> p2.waitForTransaction(sub, Interruptible.NONE));
        assertThrows(TimeoutException.class, () -> waiter.get(150, TimeUnit.MILLISECONDS));
        t.rollbackSubtransaction();
        waiter.get(5, TimeUnit.SECONDS);
        assertTrue(locks.log.contains("1 unlock " + sub + " EXCLUSIVE"));
        t.abort();
    }
}
