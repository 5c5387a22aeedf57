package org.tuskdb.transam.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/**
 * The TransactionManager of one process (one ProcArray slot, so one top-level transaction at a
 * time). The OSGi component delegates here; tests construct it directly, one per "process".
 */
final class TransactionManagerImpl implements TransactionManager {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Transam transam;
    private final int slot;
    private final Supplier<LockManager> lockManager;
    private volatile LocalTransaction current;

    TransactionManagerImpl(Transam transam, int slot, Supplier<LockManager> lockManager) {
        this.transam = transam;
        this.slot = slot;
        this.lockManager = lockManager;
    }

    @Override
    public Transaction begin(IsolationLevel isolation, boolean readOnly, Interruptible interrupts) {
        LocalTransaction running = current;
        if (running != null && !running.ended()) {
            throw new IllegalStateException("this process already runs " + running);
        }
        LocalTransaction t = new LocalTransaction(this, transam, slot, isolation, readOnly, interrupts, lockManager.get());
        current = t;
        return t;
    }

    void ended(LocalTransaction t) {
        if (current == t) {
            current = null;
        }
    }

    @Override
    public XidStatus status(long xid) {
        return transam.status(xid);
    }

    /**
     * XactLockTableWait: lock the xid's tag SHARE (granted once its owner released its
     * EXCLUSIVE hold at transaction end, or at ROLLBACK TO for a subxid), unlock, and check it
     * really ended: the owner takes its lock just after publishing the xid, so a waiter can slip
     * in before it; then it polls briefly and tries again. A subxid of a released savepoint keeps
     * its lock until the top-level transaction ends, so waiting for it waits for the top. With
     * no lock manager it polls every millisecond. {@link Interruptible#lockTimeoutMillis()} (the
     * session's lock_timeout) bounds the whole wait: 55P03 "canceling statement due to lock
     * timeout"; deadlock detection and cancel apply inside the lock manager's wait.
     */
    @Override
    public void waitForTransaction(long xid, Interruptible interrupts) {
        Interruptible check = interrupts == null ? Interruptible.NONE : interrupts;
        LocalTransaction mine = current;
        if (mine != null && !mine.ended() && mine.isCurrentTransaction(xid)) {
            throw new IllegalStateException("transaction " + xid + " cannot wait for itself");
        }
        LockManager locks = lockManager.get();
        // lock_timeout covers the whole wait, however many times the xid lock is taken.
        long timeoutMillis = Math.max(0, check.lockTimeoutMillis());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (transam.isRunning(xid)) {
            if (locks != null) {
                long remaining = 0;
                if (timeoutMillis > 0) {
                    remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (remaining <= 0) {
                        throw lockTimeout();
                    }
                }
                LockTag tag = LockTag.transaction(xid);
                locks.lock(tag, LockMode.SHARE, remaining, check);
                locks.unlock(tag, LockMode.SHARE);
                if (!transam.isRunning(xid)) {
                    return;
                }
            }
            check.checkForInterrupts();
            if (timeoutMillis > 0 && System.nanoTime() - deadline >= 0) {
                throw lockTimeout();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The lock manager's wording (LockErrors.lockTimeout), for a timeout between two lock attempts. */
    private static DatabaseException lockTimeout() {
        return DatabaseException.error("55P03", "canceling statement due to lock timeout");
    }

    @Override
    public long newOid() {
        return transam.newOid();
    }

    @Override
    public long nextXid() {
        return transam.nextXid();
    }

    @Override
    public long oldestXmin() {
        return transam.procs.oldestXmin();
    }

    @Override
    public long pruneHorizon() {
        return transam.procs.pruneHorizon();
    }

    @Override
    public long backendXid(int slot) {
        return slot < 0 || slot >= transam.layout.procSlots ? INVALID_XID : transam.procs.topXid(slot);
    }

    @Override
    public long backendXmin(int slot) {
        return transam.procs.xmin(slot);
    }

    @Override
    public long commitLsn(long xid) {
        return xid < FIRST_NORMAL_XID ? 0 : transam.clog.pageLsn(xid);
    }

    Transam transam() {
        return transam;
    }
}
