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

    /** In a grouping-set branch: the keys of the other sets (read as NULL here), raw and bound. */
    private List<Expr> nulledRaw = List.of();
    private List<Expression> nulledKeys = List.of();
    /** In a grouping-set branch: every key of the statement, for GROUPING(); null outside grouping sets. */
    private List<Expr> allRaw;

    void groupingSet(List<Expr> nulledRaw, List<Expression> nulledKeys, List<Expr> allRaw) {
        this.nulledRaw = nulledRaw;
        this.nulledKeys = nulledKeys;
        this.allRaw = allRaw;
    }

    /** A key of another grouping set equal to e as written: a NULL of its type; else null. */
    Expression nulledMatch(Expr e) {
        for (int i = 0; i < nulledRaw.size(); i++) {
            if (RawExprs.equal(nulledRaw.get(i), e)) {
                return nullOf(nulledKeys.get(i));
            }
        }
        return null;
    }

    private static Expression nullOf(Expression key) {
        return new org.tuskdb.sql.internal.expr.Const(null, key.type(), key.typmod());
    }

    /**
     * GROUPING(args): bit i (from the right, the last argument lowest) set when that argument is
     * not grouped in this set; an argument that is no GROUP BY key is 42803.
     */
    Integer groupingBits(List<Expr> args) {
        int bits = 0;
        for (Expr a : args) {
            boolean grouped = match(a) >= 0;
            boolean other = !grouped && allRaw != null && GroupingSets.indexOf(allRaw, a) >= 0;
            if (!grouped && !other) {
                return null;
            }
            bits = (bits << 1) | (other ? 1 : 0);
        }
        return bits;
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
        for (Expression k : nulledKeys) {
            if (k == e || k instanceof ColumnVar kv && e instanceof ColumnVar ev && kv.index() == ev.index()) {
                return nullOf(k);
            }
        }
        throw DatabaseException.atPosition("42803", "column \"" + scope.relationNameOf(c) + "." + c.name()
            + "\" must appear in the GROUP BY clause or be used in an aggregate function", ps.position(location));
    }
}
