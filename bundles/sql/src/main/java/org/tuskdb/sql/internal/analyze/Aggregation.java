package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.AggregateFunction;

/**
 * GROUP BY / aggregates of a query level: the input rows are grouped by {@code keys}; each
 * output row is {@code [key values..., aggregate results...]}, which HAVING, the target list
 * and ORDER BY then read.
 */
public record Aggregation(List<Expression> keys, List<AggCall> aggregates, Expression having) {

    /**
     * One aggregate call: the function, its (coerced) arguments over the input row, DISTINCT,
     * FILTER (null: none) and the ORDER BY inside the call (empty: input order).
     */
    public record AggCall(AggregateFunction function, Expression[] args, boolean distinct, Expression filter,
                          List<SortExpr> order) {
        public AggCall(AggregateFunction function, Expression[] args, boolean distinct) {
            this(function, args, distinct, null, List.of());
        }
    }

    /** A sort key given as an expression (inside an aggregate call or a window's ORDER BY). */
    public record SortExpr(Expression expr, boolean descending, boolean nullsFirst) {}
}
