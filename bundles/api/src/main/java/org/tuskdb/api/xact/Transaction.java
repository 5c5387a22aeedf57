package org.tuskdb.api.xact;

import java.util.function.Consumer;

/**
 * One top-level transaction of a session with its stack of subtransactions (savepoints), used
 * by one thread. An xid is assigned only when the transaction first writes ({@link #xid()}), as
 * PostgreSQL does, so read-only transactions cost no xid, no WAL and no lock.
 */
public interface Transaction {
    IsolationLevel isolation();

    boolean readOnly();

    /**
     * The xid of the current (innermost) subtransaction, assigning one (and its parents') on
     * first use. Assigning takes the exclusive lock on the xid that other transactions wait on.
     * Throws 25006 in a read-only transaction.
     */
    long xid();

    /** The top-level xid, or 0 when none has been assigned. */
    long topXid();

    /** True when {@code xid} is this transaction's top-level xid or one of its subtransactions' not rolled back. */
    boolean isCurrentTransaction(long xid);

    /** The command id of the current command (cmin/cmax of the versions it writes). */
    int commandId();

    /** Makes the changes of the current command visible to the next (PostgreSQL's CommandCounterIncrement). */
    void commandCounterIncrement();

    /**
     * The snapshot of the current statement: under READ COMMITTED a new one at the first call
     * after each {@link #startStatement()}; under REPEATABLE READ the first one taken, for the
     * whole transaction. Its command id is the current one.
     */
    Snapshot snapshot();

    /** A new statement begins (READ COMMITTED takes a new snapshot at its first {@link #snapshot()}). */
    void startStatement();

    /** SAVEPOINT: begins a subtransaction. */
    void beginSubtransaction();

    /** RELEASE SAVEPOINT: the innermost subtransaction's work becomes its parent's. */
    void releaseSubtransaction();

    /** ROLLBACK TO SAVEPOINT: the innermost subtransaction's work is rolled back and it ends. */
    void rollbackSubtransaction();

    /** 0 at the top level, 1 inside one savepoint, ... */
    int nestingLevel();

    /**
     * Commits: logs the commit record (when an xid was assigned), waits as the WAL strategy and
     * {@code synchronousCommit} require, records COMMITTED in pg_xact, leaves the ProcArray,
     * runs the end actions with {@code true}, then releases every lock (so waiters for a lock of
     * this transaction see what its end actions did: catalog invalidation, unlinked files).
     */
    void commit(boolean synchronousCommit);

    /** Rolls back (safe to call after any error, and twice); end actions run with {@code false}. */
    void abort();

    /** Adds an action run once the transaction has ended; the argument says whether it committed. */
    void onEnd(Consumer<Boolean> action);

    /** How waits in this transaction check for interrupts. */
    Interruptible interrupts();
}
