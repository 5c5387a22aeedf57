package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/** Computes the target list (result columns and sort-only columns) from each input row. */
public final class ProjectPlan extends Plan {
    private final Plan input;
    private final Expression[] targets;

    public ProjectPlan(Plan input, Expression[] targets) {
        this.input = input;
        this.targets = targets;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        return () -> {
            Value[] row = in.next();
            if (row == null) {
                return null;
            }
            Value[] out = new Value[targets.length];
            for (int i = 0; i < targets.length; i++) {
                out[i] = targets[i].eval(row, ctx);
            }
            return out;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression[] explainTargets() { return targets; }
}
