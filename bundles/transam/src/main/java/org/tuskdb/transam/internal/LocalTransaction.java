package org.tuskdb.transam.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;

/**
 * One top-level transaction of this process and its subtransaction stack (PostgreSQL's xact.c
 * TransactionState chain), used by one thread.
 *
 * <p>Local bookkeeping: {@code xids[0..xidCount)} are the tree's live xids in ascending order
 * (assignment always appends the newest, and ROLLBACK TO removes a suffix: everything a level
 * and its finished children assigned comes after {@code levelStart[level]}); {@code
 * levelXid[l]} is level l's own xid (0 until assigned).
 */
final class LocalTransaction implements Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTransaction.class);
    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private final TransactionManagerImpl manager;
    private final Transam transam;
    private final int slot;
    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final Interruptible interrupts;
    /** The lock manager this transaction's xid locks were taken with (null: none present). */
    private final LockManager locks;

    private long[] xids = new long[4];
    private int xidCount;
    private long[] levelXid = new long[4];
    private int[] levelStart = new int[4];
    private int level;

    private int commandId;
    private XidSnapshot transactionSnapshot;
    private XidSnapshot statementSnapshot;
    /** The snapshot last handed out, and the one it is a view of. */
    private XidSnapshot view;
    private XidSnapshot viewBase;
    private final List<Consumer<Boolean>> endActions = new ArrayList<>(2);
    private boolean ended;

    LocalTransaction(TransactionManagerImpl manager, Transam transam, int slot, IsolationLevel isolation,
                     boolean readOnly, Interruptible interrupts, LockManager locks) {
        this.manager = manager;
        this.transam = transam;
        this.slot = slot;
        this.isolation = isolation == IsolationLevel.READ_UNCOMMITTED ? IsolationLevel.READ_COMMITTED : isolation;
        this.readOnly = readOnly;
        this.interrupts = interrupts == null ? Interruptible.NONE : interrupts;
        this.locks = locks;
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
        long mine = levelXid[level];
        if (mine != 0) {
            return mine;
        }
        checkActive();
        if (readOnly) {
            throw DatabaseException.error(READ_ONLY_SQL_TRANSACTION, "cannot execute a write in a read-only transaction");
        }
        for (int l = 0; l <= level; l++) {
            if (levelXid[l] == 0) {
                long xid = transam.assignXid(slot, l == 0 ? 0 : levelXid[0]);
                levelXid[l] = xid;
                if (xidCount == xids.length) {
                    xids = Arrays.copyOf(xids, xidCount * 2);
                }
                xids[xidCount++] = xid;
                // Deeper levels had no xids yet (parents are assigned first): their own xids,
                // which ROLLBACK TO removes, begin after this one.
                for (int k = l + 1; k <= level; k++) {
                    levelStart[k] = xidCount;
                }
                if (locks != null) {
                    // Nobody else can hold it: never waits. Others wait for us by locking it SHARE.
                    locks.lock(LockTag.transaction(xid), LockMode.EXCLUSIVE, 0, interrupts);
                }
            }
        }
        return levelXid[level];
    }

    @Override
    public long topXid() {
        return levelXid[0];
    }

    @Override
    public boolean isCurrentTransaction(long xid) {
        return xid != 0 && Arrays.binarySearch(xids, 0, xidCount, xid) >= 0;
    }

    @Override
    public int commandId() {
        return commandId;
    }

    @Override
    public void commandCounterIncrement() {
        if (commandId == Integer.MAX_VALUE) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "cannot have more than 2^31-1 commands in a transaction");
        }
        commandId++;
    }

    @Override
    public Snapshot snapshot() {
        checkActive();
        XidSnapshot base;
        if (isolation.usesTransactionSnapshot()) {
            if (transactionSnapshot == null) {
                transactionSnapshot = transam.procs.snapshot(slot, commandId);
            }
            base = transactionSnapshot;
        } else {
            if (statementSnapshot == null) {
                statementSnapshot = transam.procs.snapshot(slot, commandId);
            }
            base = statementSnapshot;
        }
        if (view == null || viewBase != base || view.commandId() != commandId) {
            view = base.withCommandId(commandId);
            viewBase = base;
        }
        return view;
    }

    @Override
    public void startStatement() {
        statementSnapshot = null;
    }

    @Override
    public void beginSubtransaction() {
        checkActive();
        if (level + 1 == levelXid.length) {
            levelXid = Arrays.copyOf(levelXid, levelXid.length * 2);
            levelStart = Arrays.copyOf(levelStart, levelStart.length * 2);
        }
        level++;
        levelXid[level] = 0;
        levelStart[level] = xidCount;
    }

    @Override
    public void releaseSubtransaction() {
        checkActive();
        if (level == 0) {
            throw new IllegalStateException("no subtransaction to release");
        }
        // Its xids stay live (in xids[], the subxid cache and, if overflowed, the subtrans map)
        // and commit or abort with the parent. Its xid lock stays held until the top ends.
        level--;
    }

    @Override
    public void rollbackSubtransaction() {
        checkActive();
        if (level == 0) {
            throw new IllegalStateException("no subtransaction to roll back");
        }
        int start = levelStart[level];
        if (xidCount > start) {
            transam.logAbort(levelXid[0], xids, start, xidCount);
            for (int i = start; i < xidCount; i++) {
                transam.clog.setStatus(xids[i], Clog.ABORTED, 0);
            }
            transam.procs.removeSubxids(slot, xids, start, xidCount);
            if (locks != null) {
                for (int i = start; i < xidCount; i++) {
                    locks.unlock(LockTag.transaction(xids[i]), LockMode.EXCLUSIVE);
                }
            }
            xidCount = start;
        }
        levelXid[level] = 0;
        level--;
    }

    @Override
    public int nestingLevel() {
        return level;
    }

    /**
     * Commit ordering: commit record → WAL durable (per strategy) → pg_xact COMMITTED → leave
     * the running table → end actions → release locks. Once the record is inserted the
     * transaction cannot be rolled back; a failure from there on is a PANIC (the process must
     * exit so that crash-restart recovers), as in PostgreSQL's commit critical section.
     */
    @Override
    public void commit(boolean synchronousCommit) {
        checkActive();
        long top = levelXid[0];
        if (top != 0) {
            if (slot >= 0) {
                transam.procs.beginDelayCheckpoint(slot, top);
            }
            long end;
            try {
                end = transam.logCommit(top, xids, 1, xidCount);
            } catch (RuntimeException e) {
                if (slot >= 0) {
                    transam.procs.endDelayCheckpoint(slot);
                }
                throw e;
            }
            ended = true;
            try {
                if (transam.wal != null) {
                    transam.wal.awaitCommit(end, synchronousCommit);
                }
                transam.clog.setTreeStatus(top, xids, 1, xidCount, Clog.COMMITTED, end);
                if (slot >= 0) {
                    transam.procs.endDelayCheckpoint(slot);
                }
                transam.procs.endTransaction(slot, xids[xidCount - 1]);
            } catch (RuntimeException e) {
                String state = e instanceof DatabaseException d ? d.sqlState() : SqlState.INTERNAL_ERROR;
                throw new DatabaseException(DatabaseException.Severity.PANIC, state,
                        "could not complete the commit of transaction " + top + ": " + e.getMessage(), null, null, 0, e);
            }
        } else {
            ended = true;
            if (slot >= 0) {
                transam.procs.clearXmin(slot);
            }
        }
        finish(true);
    }

    @Override
    public void abort() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            long top = levelXid[0];
            if (top != 0) {
                try {
                    transam.logAbort(top, xids, 0, xidCount);
                    transam.clog.setTreeStatus(top, xids, 1, xidCount, Clog.ABORTED, 0);
                } finally {
                    transam.procs.endTransaction(slot, xids[xidCount - 1]);
                }
            } else if (slot >= 0) {
                transam.procs.clearXmin(slot);
            }
        } finally {
            finish(false);
        }
    }

    /**
     * End actions run before the locks are released, as PostgreSQL's AtEOXact_Inval and
     * smgrDoPendingDeletes run before its ResourceOwnerRelease: a session waiting for the lock on
     * a dropped table must find the catalog change announced and the files gone when it wakes.
     */
    private void finish(boolean committed) {
        for (Consumer<Boolean> action : endActions) {
            try {
                action.accept(committed);
            } catch (RuntimeException e) {
                LOG.warn("an end-of-transaction action failed after {}", committed ? "commit" : "abort", e);
            }
        }
        endActions.clear();
        if (locks != null) {
            try {
                locks.releaseAll();
            } catch (RuntimeException e) {
                LOG.warn("releasing the locks of a finished transaction failed", e);
            }
        }
        manager.ended(this);
    }

    @Override
    public void onEnd(Consumer<Boolean> action) {
        checkActive();
        endActions.add(action);
    }

    @Override
    public Interruptible interrupts() {
        return interrupts;
    }

    boolean ended() {
        return ended;
    }

    private void checkActive() {
        if (ended) {
            throw new IllegalStateException("the transaction has ended");
        }
    }

    @Override
    public String toString() {
        return "transaction " + (levelXid[0] == 0 ? "(no xid)" : levelXid[0]) + " level " + level + " cid " + commandId;
    }
}
