package org.tuskdb.sql.internal.expr;

import java.util.List;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.Value;

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
            case ScalarArrayOpExpr a -> query instanceof ScalarArrayOpExpr q && q.all() == a.all()
                && q.op().name().equals(a.op().name()) && q.op().argTypes().equals(a.op().argTypes())
                && same(q.left(), a.left(), offset) && same(q.array(), a.array(), offset);
            case ArrayExpr a -> query instanceof ArrayExpr q && q.type() == a.type()
                && all(q.elements(), a.elements(), offset);
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
        if (predicate instanceof BoolExpr b && b.op() == BoolExpr.Op.OR) {
            for (Expression a : b.args()) {
                if (implies(clauses, a, offset)) {
                    return true; // one arm proven proves the OR
                }
            }
        }
        for (Expression c : clauses) {
            if (same(c, predicate, offset)) {
                return true;
            }
            if (c instanceof BoolExpr b && b.op() == BoolExpr.Op.OR && everyArmImplies(b.args(), predicate, offset)) {
                return true;
            }
            if (equalityImplies(c, predicate, offset)) {
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

    private static boolean everyArmImplies(Expression[] arms, Expression predicate, int offset) {
        for (Expression a : arms) {
            if (!implies(List.of(a), predicate, offset)) {
                return false;
            }
        }
        return true;
    }

    /**
     * IN lists (predtest.c expands a constant array of {@code x = ANY} into an OR of equalities):
     * a clause {@code x = c} or {@code x IN (c, ...)} implies a predicate {@code x IN (...)} holding
     * every c, and a clause {@code x IN (c, ...)} implies a predicate that each {@code x = c} implies.
     */
    private static boolean equalityImplies(Expression clause, Expression predicate, int offset) {
        if (clause instanceof ScalarArrayOpExpr a && !a.all() && a.op().name().equals("=")) {
            Value[] values = constants(a.array());
            if (values == null || values.length == 0) {
                return false;
            }
            for (Value v : values) {
                if (v == null || !equalityImplies(a.left(), a.op(), v, predicate, offset)) {
                    return false;
                }
            }
            return true;
        }
        return clause instanceof FuncExpr f && f.args().length == 2 && f.function().name().equals("=")
            && f.args()[1] instanceof Const k && k.value() != null
            && !(predicate instanceof FuncExpr) // x = c against x = c is same(); ranges are rangeImplies'
            && equalityImplies(f.args()[0], f.function(), k.value(), predicate, offset);
    }

    /** Whether {@code x = v} (operator {@code eq}; x at {@code offset}) proves {@code predicate}. */
    private static boolean equalityImplies(Expression x, FunctionDef eq, Value v, Expression predicate, int offset) {
        switch (predicate) {
            case FuncExpr p when p.args().length == 2 && p.function().name().equals("=")
                && p.function().argTypes().equals(eq.argTypes()) && p.args()[1] instanceof Const k -> {
                return k.value() != null && sameValue(k.value(), v) && same(x, p.args()[0], offset);
            }
            case ScalarArrayOpExpr p when !p.all() && p.op().name().equals("=")
                && p.op().argTypes().equals(eq.argTypes()) && same(x, p.left(), offset) -> {
                Value[] values = constants(p.array());
                if (values != null) {
                    for (Value w : values) {
                        if (w != null && sameValue(w, v)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case BoolExpr b when b.op() == BoolExpr.Op.OR -> {
                for (Expression a : b.args()) {
                    if (equalityImplies(x, eq, v, a, offset)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean sameValue(Value a, Value b) {
        return a.type() == b.type() && a.compareTo(b) == 0;
    }

    /** The elements of a constant array (ARRAY[constants] or a folded array constant), or null. */
    private static Value[] constants(Expression array) {
        if (array instanceof ArrayExpr a) {
            Value[] out = new Value[a.elements().length];
            for (int i = 0; i < out.length; i++) {
                if (!(a.elements()[i] instanceof Const c)) {
                    return null;
                }
                out[i] = c.value();
            }
            return out;
        }
        if (array instanceof Const c && c.value() instanceof org.tuskdb.sql.internal.value.ArrayValue v) {
            Value[] out = new Value[v.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = v.get(i);
            }
            return out;
        }
        return null;
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
