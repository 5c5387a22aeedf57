package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;

/**
 * A node of an executable plan. Plans are immutable and reusable (a prepared statement keeps
 * its plan); {@link #open} creates the per-execution state.
 */
public abstract class Plan {
    public abstract RowCursor open(EvalContext ctx);
}
