package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Value;

/** WHERE: passes the rows for which the condition is true (not false, not NULL). */
public final class FilterPlan extends Plan {
    private final Plan input;
    private final Expression condition;

    public FilterPlan(Plan input, Expression condition) {
        this.input = input;
        this.condition = condition;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        return () -> {
            Value[] row;
            while ((row = in.next()) != null) {
                Value v = condition.eval(row, ctx);
                if (v != null && ((BoolValue) v).value()) {
                    return row;
                }
                ctx.checkForInterrupts();
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression explainCondition() { return condition; }
}
