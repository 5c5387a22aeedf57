package org.tuskdb.api.sql;

import org.tuskdb.api.DatabaseException;

/**
 * What the process hosting a session offers the engine: interrupts (cancel, terminate,
 * shutdown) and interruptible waits. The engine calls {@link #checkForInterrupts()} at its
 * safe points, as PostgreSQL's CHECK_FOR_INTERRUPTS.
 */
public interface SessionHost {
    /**
     * Throws when an interrupt is pending: 57014 for a cancel request (the flag is cleared), a
     * FATAL 57P01 when the session is being terminated.
     */
    void checkForInterrupts() throws DatabaseException;

    /** Sleeps, waking early only to throw the pending interrupt as checkForInterrupts does. */
    void sleep(long nanos) throws DatabaseException;

    /**
     * statement_timeout (PostgreSQL's enable_statement_timeout): unless a timer already runs,
     * starts one that, after {@code millis}, makes the next {@link #checkForInterrupts()} throw
     * 57014 "canceling statement due to statement timeout". A host without timers ignores it.
     *
     * @since 1.3
     */
    default void enableStatementTimeout(long millis) {
    }

    /**
     * Stops the statement timer, and forgets a timeout that fired but was not yet thrown. Cheap
     * when no timer runs.
     *
     * @since 1.3
     */
    default void disableStatementTimeout() {
    }
}
