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
}
