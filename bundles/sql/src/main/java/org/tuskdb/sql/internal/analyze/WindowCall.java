package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.AggregateFunction;
import org.tuskdb.sql.internal.value.PgType;

/**
 * A window function call: row_number, rank, dense_rank, lag, lead (name, aggregate null) or an
 * aggregate over the window (aggregate set), with PARTITION BY / ORDER BY over the window
 * input rows and the default frame (RANGE UNBOUNDED PRECEDING to CURRENT ROW with its peers;
 * the whole partition without ORDER BY).
 */
public record WindowCall(String name, AggregateFunction aggregate, Expression[] args, List<Expression> partitionBy,
                         List<Aggregation.SortExpr> orderBy, PgType type) {}
