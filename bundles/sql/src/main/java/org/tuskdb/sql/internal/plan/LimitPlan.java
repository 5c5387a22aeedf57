package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * LIMIT / OFFSET, evaluated once when the node starts (they may be parameters); with WITH TIES
 * the rows after the count that equal the last counted one on the sort keys follow it.
 */
public final class LimitPlan extends Plan {
    private static final Value[] NO_INPUT = new Value[0];
    private final Plan input;
    private final Expression limit;
    private final Expression offset;

    /** WITH TIES: the ORDER BY keys a row must equal the last counted one on to be returned too; else null. */
    private final RowComparator ties;

    public LimitPlan(Plan input, Expression limit, Expression offset) {
        this(input, limit, offset, null);
    }

    /** FETCH FIRST limit ROWS WITH TIES over rows sorted by {@code ties}' keys. */
    LimitPlan(Plan input, Expression limit, Expression offset, RowComparator ties) {
        this.input = input;
        this.limit = limit;
        this.offset = offset;
        this.ties = ties;
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
            if (v == null && ties != null) {
                throw DatabaseException.error("2201W", "row count cannot be null in FETCH FIRST ... WITH TIES clause");
            }
            if (v != null) {
                count = ((IntegerValue) v).value();
                if (count < 0) {
                    throw DatabaseException.error("2201W", "LIMIT must not be negative");
                }
            }
        }
        // only limit + offset rows of a sort are needed: it may keep just those (top-N heapsort)
        RowCursor in = ties == null && input instanceof SortPlan sort && count > 0 && count < (1L << 30) && skip < (1L << 30)
            ? sort.openBounded(ctx, skip + count) : input.open(ctx);
        long toSkip = skip;
        long max = count;
        return new RowCursor() {
            private long skipped;
            private long returned;
            /** WITH TIES: the last row counted, once the count is reached (later rows must tie with it). */
            private Value[] last;

            @Override
            public Value[] next() {
                if (returned >= max) {
                    if (ties == null || last == null) {
                        return null;
                    }
                    Value[] row = in.next();
                    if (row == null || ties.compare(row, last) != 0) {
                        last = null;
                        return null;
                    }
                    return row;
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
                    if (ties != null && returned == max) {
                        last = row.clone();
                    }
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
