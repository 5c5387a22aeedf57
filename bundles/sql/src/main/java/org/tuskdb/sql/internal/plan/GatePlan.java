package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's gating Result ("One-Time Filter"): a WHERE condition that reads no row of the
 * level (parameters of a generic plan, outer references, uncorrelated subqueries) is checked
 * once, before the first row; FALSE or NULL gives no rows and the input is never opened.
 */
public final class GatePlan extends Plan {
    private static final Value[] NO_ROW = new Value[0];
    private final Plan input;
    private final Expression condition;

    public GatePlan(Plan input, Expression condition) {
        this.input = input;
        this.condition = condition;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        return new RowCursor() {
            private RowCursor in;
            private boolean closed;

            @Override
            public Value[] next() {
                if (in == null) {
                    if (closed) {
                        return null;
                    }
                    Value v = condition.eval(NO_ROW, ctx);
                    if (v == null || !((BoolValue) v).value()) {
                        closed = true;
                        return null;
                    }
                    in = input.open(ctx);
                }
                return in.next();
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression explainCondition() { return condition; }
}
