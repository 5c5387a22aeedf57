package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The GROUP BY keys and aggregate calls of a query level while its target list, HAVING and
 * ORDER BY are analyzed: an expression equal to a key, or a column that is a key, becomes a
 * reference to the key's slot of the aggregate's output row; aggregate calls become references
 * to their result slots; any other column is 42803 (parseCheckAggregates).
 */
final class Grouping {
    final List<Expr> rawKeys;
    final List<Expression> keys;
    final List<Aggregation.AggCall> aggregates = new ArrayList<>();

    Grouping(List<Expr> rawKeys, List<Expression> keys) {
        this.rawKeys = rawKeys;
        this.keys = keys;
    }

    /** The key slot equal to e as written, or -1. */
    int match(Expr e) {
        for (int i = 0; i < rawKeys.size(); i++) {
            if (RawExprs.equal(rawKeys.get(i), e)) {
                return i;
            }
        }
        return -1;
    }

    Expression keyRef(int i) {
        Expression k = keys.get(i);
        return new ColumnVar(i, k.type(), k.typmod(), k instanceof ColumnVar v ? v.name() : "?column?");
    }

    Expression aggregateRef(Aggregation.AggCall call) {
        aggregates.add(call);
        return new ColumnVar(keys.size() + aggregates.size() - 1, call.function().resultType(), call.function().name());
    }

    /** A column read above the aggregation: its key slot, or 42803. */
    Expression column(Scope.Column c, Scope scope, ParseState ps, int location) {
        Expression e = c.expr();
        for (int i = 0; i < keys.size(); i++) {
            Expression k = keys.get(i);
            if (k == e || k instanceof ColumnVar kv && e instanceof ColumnVar ev && kv.index() == ev.index()) {
                return keyRef(i);
            }
        }
        throw DatabaseException.atPosition("42803", "column \"" + scope.relationNameOf(c) + "." + c.name()
            + "\" must appear in the GROUP BY clause or be used in an aggregate function", ps.position(location));
    }
}
