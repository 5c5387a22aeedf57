package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * Puts a relation's rows into its slice {@code [lo, lo + width)} of the query level's wide rows
 * (the rest NULL), so the join above and every qual bound to wide-row indexes can read them.
 * A scan that is the only relation needs none. (Decoding straight into the wide row would save
 * the copy; a later optimization.)
 */
public final class PlaceAtPlan extends Plan {
    private final Plan input;
    private final int lo;
    private final int width;
    private final int total;

    public PlaceAtPlan(Plan input, int lo, int width, int total) {
        this.input = input;
        this.lo = lo;
        this.width = width;
        this.total = total;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        return () -> {
            Value[] row = in.next();
            if (row == null) {
                return null;
            }
            Value[] out = new Value[total];
            System.arraycopy(row, 0, out, lo, width);
            return out;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public int explainLo() { return lo; }
    public int explainWidth() { return width; }
    public int explainTotal() { return total; }
}
