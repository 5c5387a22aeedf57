package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.TSQUERY;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TsQueryValue;
import org.tuskdb.sql.internal.value.TsQueryValue.Node;

/**
 * tsquery's operators and functions (tsquery_op.c, tsquery_cleanup.c): tsquery_cmp's comparisons,
 * {@code &&}, {@code ||}, {@code !!}, {@code <->} and tsquery_phrase (an empty side yields the
 * other), numnode, and querytree (the query without its NOT branches, "T" when nothing is left).
 */
final class TsQueryFunctions {
    private TsQueryFunctions() {}

    static void register(FunctionRegistry r) {
        ComparisonOperators.comparisons(r, TSQUERY, TSQUERY);
        r.op("&&", TSQUERY, TSQUERY, TSQUERY, (a, b) -> join((TsQueryValue) a, (TsQueryValue) b, TsQueryValue.AND, 0));
        r.op("||", TSQUERY, TSQUERY, TSQUERY, (a, b) -> join((TsQueryValue) a, (TsQueryValue) b, TsQueryValue.OR, 0));
        r.op("<->", TSQUERY, TSQUERY, TSQUERY, (a, b) -> join((TsQueryValue) a, (TsQueryValue) b, TsQueryValue.PHRASE, 1));
        r.fn("tsquery_phrase", TSQUERY, List.of(TSQUERY, TSQUERY),
            (a, c) -> join((TsQueryValue) a[0], (TsQueryValue) a[1], TsQueryValue.PHRASE, 1));
        r.fn("tsquery_phrase", TSQUERY, List.of(TSQUERY, TSQUERY, PgType.INT4), (a, c) -> {
            long d = ((IntegerValue) a[2]).value();
            if (d < 0 || d > TsQueryValue.MAX_DISTANCE) {
                throw DatabaseException.error("22023", "distance in phrase operator must be an integer value between zero and "
                    + TsQueryValue.MAX_DISTANCE + " inclusive");
            }
            return join((TsQueryValue) a[0], (TsQueryValue) a[1], TsQueryValue.PHRASE, (int) d);
        });
        r.prefix("!!", TSQUERY, TSQUERY, (a, c) -> {
            TsQueryValue q = (TsQueryValue) a[0];
            return q.root() == null ? q : new TsQueryValue(Node.operator(TsQueryValue.NOT, 0, null, q.root()));
        });
        r.fn("numnode", PgType.INT4, List.of(TSQUERY), (a, c) -> IntegerValue.int4(((TsQueryValue) a[0]).size()));
        r.fn("querytree", PgType.TEXT, List.of(TSQUERY), (a, c) -> {
            TsQueryValue q = (TsQueryValue) a[0];
            if (q.root() == null) {
                return TextValue.text("");
            }
            Node n = withoutNot(q.root());
            return TextValue.text(n == null ? "T" : TsQueryValue.infix(n));
        });
    }

    private static TsQueryValue join(TsQueryValue a, TsQueryValue b, int op, int distance) {
        if (a.root() == null) {
            return b;
        }
        if (b.root() == null) {
            return a;
        }
        return new TsQueryValue(Node.operator(op, distance, a.root(), b.root()));
    }

    /** clean_NOT: NOT subtrees go; OR loses itself when a side goes, AND and PHRASE keep the other side. */
    private static Node withoutNot(Node n) {
        if (n.isOperand()) {
            return n;
        }
        if (n.op == TsQueryValue.NOT) {
            return null;
        }
        Node l = withoutNot(n.left);
        Node r = withoutNot(n.right);
        if (n.op == TsQueryValue.OR) {
            return l == null || r == null ? null : Node.operator(n.op, n.distance, l, r);
        }
        if (l == null) {
            return r;
        }
        if (r == null) {
            return l;
        }
        return Node.operator(n.op, n.distance, l, r);
    }
}
