package org.tuskdb.sql.internal.plan;

import java.util.HashSet;
import java.util.Set;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/** DISTINCT ON: the first row (in input order, which a Sort below fixes) of each set of keys. */
public final class DistinctOnPlan extends Plan {
    private final Plan input;
    private final int[] keys;

    public DistinctOnPlan(Plan input, int[] keys) {
        this.input = input;
        this.keys = keys;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        Set<GroupKey> seen = new HashSet<>();
        return () -> {
            Value[] row;
            while ((row = in.next()) != null) {
                Value[] k = new Value[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    k[i] = row[keys[i]];
                }
                if (seen.add(new GroupKey(k))) {
                    return row;
                }
                ctx.checkForInterrupts();
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public int[] explainKeys() { return keys; }
}
