package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.ParamRef;

/**
 * The order PostgreSQL's restriction lists come in before order_qual_clauses sorts them by cost:
 * a top-level {@code expr = constant} or {@code expr = expr} conjunct goes into an equivalence class instead of the
 * list (distribute_qual_to_rels) and comes back only when generate_base_implied_equalities adds
 * it after every other qual. So {@code WHERE n = 2 AND n > 1} filters as
 * {@code ((n > 1) AND (n = '2'::numeric))}, which EXPLAIN shows.
 */
final class EquivalenceOrder {
    private EquivalenceOrder() {}

    /** Moves the equivalence-class equalities of {@code conjuncts} after the others, each group in its order. */
    static void equalitiesLast(Expression[] conjuncts) {
        int n = 0;
        for (Expression e : conjuncts) {
            n += equality(e) ? 1 : 0;
        }
        if (n == 0 || n == conjuncts.length) {
            return;
        }
        Expression[] out = new Expression[conjuncts.length];
        int others = 0;
        int eq = conjuncts.length - n;
        for (Expression e : conjuncts) {
            out[equality(e) ? eq++ : others++] = e;
        }
        System.arraycopy(out, 0, conjuncts, 0, out.length);
    }

    /** {@code expr = const} (or a parameter), or {@code expr = expr}, over columns with nothing volatile. */
    private static boolean equality(Expression e) {
        if (!(e instanceof FuncExpr f) || f.args().length != 2 || !f.function().name().equals("=")
            || f.function().volatility() == 'v') {
            return false;
        }
        Expression l = f.args()[0];
        Expression r = f.args()[1];
        return (constant(l) || readsColumn(l)) && (constant(r) || readsColumn(r)) && (readsColumn(l) || readsColumn(r));
    }

    private static boolean constant(Expression e) {
        return e instanceof Const || e instanceof ParamRef || e instanceof CastExpr c && constant(c.arg());
    }

    private static boolean readsColumn(Expression e) {
        return switch (e) {
            case ColumnVar v -> true;
            case CastExpr c -> readsColumn(c.arg());
            case FuncExpr f -> {
                boolean any = false;
                for (Expression a : f.args()) {
                    any |= readsColumn(a);
                }
                yield any && f.function().volatility() != 'v';
            }
            default -> false;
        };
    }
}
