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
                         List<Aggregation.SortExpr> orderBy, PgType type,
                         org.tuskdb.sql.internal.ast.WindowFrame<Expression> frame) {
    /** With the default frame. */
    public WindowCall(String name, AggregateFunction aggregate, Expression[] args, List<Expression> partitionBy,
                      List<Aggregation.SortExpr> orderBy, PgType type) {
        this(name, aggregate, args, partitionBy, orderBy, type, null);
    }

    /** The same call over another frame (null: the default). */
    public WindowCall withFrame(org.tuskdb.sql.internal.ast.WindowFrame<Expression> f) {
        return new WindowCall(name, aggregate, args, partitionBy, orderBy, type, f);
    }
}
