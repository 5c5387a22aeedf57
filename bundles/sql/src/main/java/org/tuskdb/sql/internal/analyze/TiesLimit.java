package org.tuskdb.sql.internal.analyze;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@link Query#limit()} of FETCH FIRST n ROWS WITH TIES: the row count, marked so that the planner
 * makes a Limit that also returns the rows tied with the last on the ORDER BY keys (PostgreSQL's
 * LIMIT_OPTION_WITH_TIES). It evaluates as its count.
 */
public final class TiesLimit extends Expression {
    private final Expression count;

    public TiesLimit(Expression count) {
        this.count = count;
    }

    public Expression count() { return count; }

    @Override public PgType type() { return count.type(); }
    @Override public Value eval(Value[] row, EvalContext ctx) { return count.eval(row, ctx); }
    @Override public boolean isConstant() { return count.isConstant(); }
}
