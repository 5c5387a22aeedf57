package org.tuskdb.sql.internal;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.sql.SessionHost;

/** A SessionHost whose cancel flag the test sets; sleeps are recorded, not slept. */
final class FakeHost implements SessionHost {
    volatile boolean cancelPending;
    long sleptNanos;
    int interruptChecks;

    @Override
    public void checkForInterrupts() {
        interruptChecks++;
        if (cancelPending) {
            cancelPending = false;
            throw DatabaseException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    @Override
    public void sleep(long nanos) {
        checkForInterrupts();
        sleptNanos += nanos;
    }
}
