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

    /** One aggregate call: the function, its (coerced) arguments over the input row, DISTINCT. */
    public record AggCall(AggregateFunction function, Expression[] args, boolean distinct) {}
}
