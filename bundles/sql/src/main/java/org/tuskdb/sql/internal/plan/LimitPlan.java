package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Value;

/** LIMIT / OFFSET, evaluated once when the node starts (they may be parameters). */
public final class LimitPlan extends Plan {
    private static final Value[] NO_INPUT = new Value[0];
    private final Plan input;
    private final Expression limit;
    private final Expression offset;

    public LimitPlan(Plan input, Expression limit, Expression offset) {
        this.input = input;
        this.limit = limit;
        this.offset = offset;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        long skip = 0;
        long count = Long.MAX_VALUE;
        if (offset != null) {
            Value v = offset.eval(NO_INPUT, ctx);
            if (v != null) {
                skip = ((IntegerValue) v).value();
                if (skip < 0) {
                    throw DatabaseException.error("2201X", "OFFSET must not be negative");
                }
            }
        }
        if (limit != null) {
            Value v = limit.eval(NO_INPUT, ctx);
            if (v != null) {
                count = ((IntegerValue) v).value();
                if (count < 0) {
                    throw DatabaseException.error("2201W", "LIMIT must not be negative");
                }
            }
        }
        // only limit + offset rows of a sort are needed: it may keep just those (top-N heapsort)
        RowCursor in = input instanceof SortPlan sort && count > 0 && count < (1L << 30) && skip < (1L << 30)
            ? sort.openBounded(ctx, skip + count) : input.open(ctx);
        long toSkip = skip;
        long max = count;
        return new RowCursor() {
            private long skipped;
            private long returned;

            @Override
            public Value[] next() {
                if (returned >= max) {
                    return null;
                }
                while (skipped < toSkip) {
                    if (in.next() == null) {
                        return null;
                    }
                    skipped++;
                }
                Value[] row = in.next();
                if (row != null) {
                    returned++;
                }
                return row;
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public Expression explainLimit() { return limit; }
    public Expression explainOffset() { return offset; }
}
