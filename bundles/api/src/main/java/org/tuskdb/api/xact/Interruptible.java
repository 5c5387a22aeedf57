package org.tuskdb.api.xact;

/**
 * How a wait (for a lock, for another transaction) checks for the waiting session's interrupts:
 * a cancel request or termination makes {@link #checkForInterrupts()} throw, and the wait ends
 * with that exception. The engine passes its SessionHost's check; auxiliary processes pass
 * {@link #NONE}.
 */
@FunctionalInterface
public interface Interruptible {
    Interruptible NONE = () -> { };

    void checkForInterrupts();

    /**
     * The waiting session's lock_timeout in milliseconds (0: wait indefinitely), for waits that
     * are not given a timeout of their own: {@link TransactionManager#waitForTransaction}, which
     * the heap calls when a row is locked or being changed (PostgreSQL applies lock_timeout to
     * every heavyweight lock wait, including the one for a transaction's xid). Read when a wait
     * begins, so a SET lock_timeout applies from the next wait on.
     */
    default long lockTimeoutMillis() {
        return 0;
    }
}
