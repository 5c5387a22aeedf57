package org.tuskdb.sql.internal.expr;

import java.util.List;

/**
 * Structural comparison of analyzed expressions (PostgreSQL's equal() on expression trees) and
 * the simple cases of predicate_implied_by (predtest.c): what index matching needs to see that a
 * query's {@code lower(email)} is an index's key expression, and that a query's WHERE implies a
 * partial index's predicate.
 *
 * <p>Index expressions and predicates are analyzed over the table's own row (column {@code i} is
 * {@code ColumnVar(i)}); a query may read the table at {@code offset} of a wider row (a join), so
 * a query column {@code offset + i} matches index column {@code i}.
 */
public final class ExpressionMatch {
    private ExpressionMatch() {}

    /** Whether {@code query} (columns at {@code offset}) is the same expression as {@code index}'s. */
    public static boolean same(Expression query, Expression index, int offset) {
        if (query == index && offset == 0) {
            return true;
        }
        return switch (index) {
            case ColumnVar v -> query instanceof ColumnVar q && q.index() == v.index() + offset;
            case Const c -> query instanceof Const q && q.type() == c.type() && q.typmod() == c.typmod()
                && (q.value() == null ? c.value() == null : c.value() != null && q.value().equals(c.value()));
            case CastExpr c -> query instanceof CastExpr q && q.type() == c.type() && q.typmod() == c.typmod()
                && same(q.arg(), c.arg(), offset);
            case FuncExpr f -> query instanceof FuncExpr q && q.function().name().equals(f.function().name())
                && q.function().argTypes().equals(f.function().argTypes())
                && q.function().returnType() == f.function().returnType() && all(q.args(), f.args(), offset);
            case NullTest n -> query instanceof NullTest q && q.negated() == n.negated() && same(q.arg(), n.arg(), offset);
            case BooleanTest b -> query instanceof BooleanTest q && q.negated() == b.negated()
                && java.util.Objects.equals(q.expected(), b.expected()) && same(q.arg(), b.arg(), offset);
            case BoolExpr b -> query instanceof BoolExpr q && q.op() == b.op() && all(q.args(), b.args(), offset);
            case CoalesceExpr c -> query instanceof CoalesceExpr q && q.type() == c.type() && all(q.args(), c.args(), offset);
            default -> false;
        };
    }

    private static boolean all(Expression[] a, Expression[] b, int offset) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i], offset)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the implicit-AND list {@code clauses} (columns at {@code offset}) proves
     * {@code predicate} true: every conjunct of the predicate is one of the clauses, or an
     * {@code x IS NOT NULL} that a strict operator clause on x proves (a comparison that is true
     * is not NULL, so neither is its argument), or a comparison with a constant that a tighter one
     * proves ({@link #rangeImplies}), as predicate_implied_by does for these cases.
     */
    public static boolean implies(List<Expression> clauses, Expression predicate, int offset) {
        if (predicate instanceof BoolExpr b && b.op() == BoolExpr.Op.AND) {
            for (Expression a : b.args()) {
                if (!implies(clauses, a, offset)) {
                    return false;
                }
            }
            return true;
        }
        for (Expression c : clauses) {
            if (same(c, predicate, offset)) {
                return true;
            }
            if (c instanceof BoolExpr b && b.op() == BoolExpr.Op.AND && implies(List.of(b.args()), predicate, offset)) {
                return true;
            }
            if (rangeImplies(c, predicate, offset)) {
                return true;
            }
            if (predicate instanceof NullTest n && n.negated() && c instanceof FuncExpr f && f.function().strict()) {
                for (Expression a : f.args()) {
                    if (same(a, n.arg(), offset)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * predtest.c's btree rule for the simple case: {@code x op2 c2} implies {@code x op1 c1} for the
     * same x and constants of one type when every x passing the clause passes the predicate
     * ({@code n > 10} implies {@code n > 5}, {@code n = 7} implies {@code n >= 7}).
     */
    private static boolean rangeImplies(Expression clause, Expression predicate, int offset) {
        if (!(clause instanceof FuncExpr c && predicate instanceof FuncExpr p && c.args().length == 2
            && p.args().length == 2 && c.args()[1] instanceof Const c2 && p.args()[1] instanceof Const c1
            && c2.value() != null && c1.value() != null && c1.type() == c2.type()
            && c.function().argTypes().equals(p.function().argTypes()) && same(c.args()[0], p.args()[0], offset))) {
            return false;
        }
        int cmp = c2.value().compareTo(c1.value());
        String op2 = c.function().name();
        return switch (p.function().name()) {
            case ">" -> (op2.equals(">") && cmp >= 0) || ((op2.equals(">=") || op2.equals("=")) && cmp > 0);
            case ">=" -> (op2.equals(">") || op2.equals(">=") || op2.equals("=")) && cmp >= 0;
            case "<" -> (op2.equals("<") && cmp <= 0) || ((op2.equals("<=") || op2.equals("=")) && cmp < 0);
            case "<=" -> (op2.equals("<") || op2.equals("<=") || op2.equals("=")) && cmp <= 0;
            default -> false;
        };
    }

    /** Whether {@code clause} (columns at {@code offset}) is one of the conjuncts of {@code predicate}. */
    public static boolean impliedByPredicate(Expression clause, Expression predicate, int offset) {
        if (predicate instanceof BoolExpr b && b.op() == BoolExpr.Op.AND) {
            for (Expression a : b.args()) {
                if (impliedByPredicate(clause, a, offset)) {
                    return true;
                }
            }
            return false;
        }
        return same(clause, predicate, offset);
    }
}
