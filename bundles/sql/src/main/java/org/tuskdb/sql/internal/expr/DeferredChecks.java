package org.tuskdb.sql.internal.expr;

import java.util.function.Consumer;

/**
 * The transaction's deferred constraint checks (PostgreSQL's deferred AFTER trigger events):
 * each runs at COMMIT (or at SET CONSTRAINTS ... IMMEDIATE) with that statement's context, in the
 * order deferred; an error fails the COMMIT and rolls the transaction back. Rolled back with the
 * transaction, and with a savepoint's ROLLBACK TO.
 */
public interface DeferredChecks {
    /** Whether a DEFERRABLE constraint's checks are deferred now: SET CONSTRAINTS' mode, else its INITIALLY DEFERRED. */
    boolean deferred(String constraint, boolean initiallyDeferred);

    void defer(String constraint, Consumer<EvalContext> check);
}
