package org.tuskdb.sql.internal.plan;

import java.util.Comparator;
import java.util.List;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * ORDER BY: reads all input rows, then returns them sorted (stable), in memory while they fit
 * in work_mem, else by an external merge sort over temporary files ({@link ExternalSort}); under
 * a LIMIT a top-N heap sort.
 */
public final class SortPlan extends Plan {
    private final Plan input;
    private final Comparator<Value[]> order;

    public SortPlan(Plan input, List<Query.SortKey> keys) {
        this.input = input;
        this.order = new RowComparator(keys);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        return openBounded(ctx, -1);
    }

    /**
     * Opens the sort when only its first {@code bound} rows will be read (a LIMIT above it; -1:
     * all), which lets it keep just those in a heap.
     */
    RowCursor openBounded(EvalContext ctx, long bound) {
        RowCursor in = input.open(ctx);
        ExternalSort sort = new ExternalSort(order, ctx, bound);
        Value[] row;
        while ((row = in.next()) != null) {
            sort.add(row);
            ctx.checkForInterrupts();
        }
        return sort.result();
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
}
