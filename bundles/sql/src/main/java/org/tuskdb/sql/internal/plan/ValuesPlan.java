package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/** VALUES (...), (...): each row's expressions evaluated in turn (PostgreSQL's ValuesScan). */
public final class ValuesPlan extends Plan {
    private static final Value[] NO_INPUT = new Value[0];
    private final List<Expression[]> rows;

    public ValuesPlan(List<Expression[]> rows) {
        this.rows = rows;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        return new RowCursor() {
            private int next;

            @Override
            public Value[] next() {
                if (next >= rows.size()) {
                    return null;
                }
                Expression[] exprs = rows.get(next++);
                Value[] out = new Value[exprs.length];
                for (int i = 0; i < exprs.length; i++) {
                    out[i] = exprs[i].eval(NO_INPUT, ctx);
                }
                return out;
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public java.util.List<Expression[]> explainRows() { return rows; }
}
