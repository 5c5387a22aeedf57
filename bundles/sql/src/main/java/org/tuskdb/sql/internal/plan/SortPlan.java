package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * ORDER BY: reads all input rows, then returns them sorted (stable). In memory for now;
 * spilling past work_mem comes with the executor issue.
 */
public final class SortPlan extends Plan {
    private final Plan input;
    private final Comparator<Value[]> order;

    public SortPlan(Plan input, List<Query.SortKey> keys) {
        this.input = input;
        Comparator<Value[]> c = null;
        for (Query.SortKey k : keys) {
            Comparator<Value[]> one = (a, b) -> compare(a[k.target()], b[k.target()], k.descending(), k.nullsFirst());
            c = c == null ? one : c.thenComparing(one);
        }
        this.order = c;
    }

    private static int compare(Value a, Value b, boolean descending, boolean nullsFirst) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int r = a.compareTo(b);
        return descending ? -r : r;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        List<Value[]> rows = new ArrayList<>();
        Value[] row;
        while ((row = in.next()) != null) {
            rows.add(row);
            ctx.checkForInterrupts();
        }
        rows.sort(order);
        var it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
}
