package org.tuskdb.sql.internal.expr;

import java.util.function.Consumer;

/**
 * The transaction's deferred constraint checks (PostgreSQL's deferred AFTER trigger events):
 * each runs at COMMIT with the commit's context, in the order deferred; an error fails the COMMIT
 * and rolls the transaction back. Rolled back with the transaction.
 */
public interface DeferredChecks {
    void defer(Consumer<EvalContext> check);
}
