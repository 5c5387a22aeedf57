package org.tuskdb.heap.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/**
 * A transaction manager with statuses a test can set: xids from 3 up, IN_PROGRESS when
 * assigned, snapshots built from the running set. waitForTransaction checks that the waiter
 * holds no buffer content lock (the heap's rule) and waits until the status changes.
 */
final class FakeTransactions implements TransactionManager {
    private final Map<Long, XidStatus> statuses = new ConcurrentHashMap<>();
    private final FakeBufferPool buffers;
    private long next = FIRST_NORMAL_XID;
    final AtomicInteger statusCalls = new AtomicInteger();
    final AtomicInteger waits = new AtomicInteger();
    /** Commit LSNs a test sets (asynchronous commits not yet flushed); absent = 0. */
    final Map<Long, Long> commitLsns = new ConcurrentHashMap<>();

    FakeTransactions(FakeBufferPool buffers) {
        this.buffers = buffers;
    }

    @Override
    public FakeTransaction begin(IsolationLevel isolation, boolean readOnly, Interruptible interrupts) {
        return new FakeTransaction(this, isolation, readOnly);
    }

    FakeTransaction begin() {
        return begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
    }

    synchronized long assign() {
        long x = next++;
        statuses.put(x, XidStatus.IN_PROGRESS);
        return x;
    }

    synchronized void setStatus(long xid, XidStatus status) {
        statuses.put(xid, status);
        notifyAll();
    }

    @Override
    public XidStatus status(long xid) {
        statusCalls.incrementAndGet();
        if (xid < FIRST_NORMAL_XID) {
            return xid == INVALID_XID ? XidStatus.ABORTED : XidStatus.COMMITTED;
        }
        return statuses.getOrDefault(xid, XidStatus.ABORTED);
    }

    @Override
    public long commitLsn(long xid) {
        return commitLsns.getOrDefault(xid, 0L);
    }

    @Override
    public void waitForTransaction(long xid, Interruptible interrupts) {
        if (buffers.locksHeldByThisThread() != 0) {
            throw new AssertionError("waiting for a transaction with a buffer locked");
        }
        waits.incrementAndGet();
        synchronized (this) {
            while (statuses.get(xid) == XidStatus.IN_PROGRESS) {
                try {
                    wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw DatabaseException.error("57014", "canceling statement due to user request");
                }
                interrupts.checkForInterrupts();
            }
        }
    }

    /** A snapshot now: running xids and everything not yet assigned are in progress. */
    synchronized FakeSnapshot snapshot(int commandId) {
        Set<Long> running = new HashSet<>();
        long xmin = next;
        for (Map.Entry<Long, XidStatus> e : statuses.entrySet()) {
            if (e.getValue() == XidStatus.IN_PROGRESS) {
                running.add(e.getKey());
                xmin = Math.min(xmin, e.getKey());
            }
        }
        return new FakeSnapshot(xmin, next, commandId, Set.copyOf(running));
    }

    @Override
    public long newOid() {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized long nextXid() {
        return next;
    }

    @Override
    public long oldestXmin() {
        return snapshot(0).xmin();
    }

    record FakeSnapshot(long xmin, long xmax, int commandId, Set<Long> running) implements Snapshot {
        @Override
        public boolean isInProgress(long xid) {
            return xid >= xmax || running.contains(xid);
        }

        /** The same snapshot seen by a later command of its transaction. */
        FakeSnapshot withCommandId(int cid) {
            return new FakeSnapshot(xmin, xmax, cid, running);
        }
    }

    /** One top-level transaction without subtransactions; snapshot() takes a fresh snapshot each call. */
    static class FakeTransaction implements Transaction {
        private final FakeTransactions txm;
        private final IsolationLevel isolation;
        private final boolean readOnly;
        private long xid;
        private int cid;

        FakeTransaction(FakeTransactions txm, IsolationLevel isolation, boolean readOnly) {
            this.txm = txm;
            this.isolation = isolation;
            this.readOnly = readOnly;
        }

        @Override
        public IsolationLevel isolation() {
            return isolation;
        }

        @Override
        public boolean readOnly() {
            return readOnly;
        }

        @Override
        public long xid() {
            if (readOnly) {
                throw DatabaseException.error("25006", "cannot execute in a read-only transaction");
            }
            if (xid == 0) {
                xid = txm.assign();
            }
            return xid;
        }

        @Override
        public long topXid() {
            return xid;
        }

        @Override
        public boolean isCurrentTransaction(long x) {
            return x != 0 && x == xid;
        }

        @Override
        public int commandId() {
            return cid;
        }

        @Override
        public void commandCounterIncrement() {
            cid++;
        }

        @Override
        public FakeSnapshot snapshot() {
            return txm.snapshot(cid);
        }

        @Override
        public void startStatement() {
        }

        @Override
        public void beginSubtransaction() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseSubtransaction() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rollbackSubtransaction() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nestingLevel() {
            return 0;
        }

        @Override
        public void commit(boolean synchronousCommit) {
            if (xid != 0) {
                txm.setStatus(xid, XidStatus.COMMITTED);
            }
        }

        @Override
        public void abort() {
            if (xid != 0) {
                txm.setStatus(xid, XidStatus.ABORTED);
            }
        }

        @Override
        public void onEnd(Consumer<Boolean> action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Interruptible interrupts() {
            return Interruptible.NONE;
        }
    }
}
