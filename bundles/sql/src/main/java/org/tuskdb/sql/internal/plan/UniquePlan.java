package org.tuskdb.sql.internal.plan;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * SELECT DISTINCT: passes the first row of each group of rows equal in the result columns
 * (NULLs equal each other, as DISTINCT treats them), hashing on the values' equality.
 */
public final class UniquePlan extends Plan {
    private final Plan input;
    private final int columns;

    public UniquePlan(Plan input, int columns) {
        this.input = input;
        this.columns = columns;
    }

    private record Key(Value[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        Set<Key> seen = new HashSet<>();
        return () -> {
            Value[] row;
            while ((row = in.next()) != null) {
                if (seen.add(new Key(Arrays.copyOf(row, columns)))) {
                    return row;
                }
                ctx.checkForInterrupts();
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainInput() { return input; }
    public int explainColumns() { return columns; }
}
