package org.tuskdb.sql.internal.plan.explain;

import java.util.List;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.NullTest;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * Expressions back to text the way PostgreSQL's ruleutils prints them in EXPLAIN: operators
 * parenthesized {@code (id = 1)}, AND / OR lists {@code ((a > 1) AND (b < 2))}, constants bare
 * for non-negative integers, numerics and booleans, else quoted with their type
 * {@code 'x'::text}, casts {@code (x)::text}, parameters {@code $1}. Columns are named by
 * {@code names} (the input row of the node, qualified when the statement reads several
 * relations).
 */
final class Deparser {
    private final SessionStyle style;
    /** Names a subquery expression ("(SubPlan 1)", "$0") and registers its plan for the output. */
    private final java.util.function.BiFunction<org.tuskdb.sql.internal.plan.SubPlanExpr, String[], String> subplans;
    /** The input names of the enclosing query levels, innermost first (OuterRef). */
    final java.util.ArrayDeque<String[]> outer = new java.util.ArrayDeque<>();

    /** ruleutils' PRETTY_PAREN: parentheses only where precedence needs them (psql's \\d, pg_get_*(..., true)). */
    private final boolean pretty;

    Deparser(SessionStyle style,
             java.util.function.BiFunction<org.tuskdb.sql.internal.plan.SubPlanExpr, String[], String> subplans) {
        this(style, subplans, false);
    }

    Deparser(SessionStyle style,
             java.util.function.BiFunction<org.tuskdb.sql.internal.plan.SubPlanExpr, String[], String> subplans,
             boolean pretty) {
        this.style = style;
        this.subplans = subplans;
        this.pretty = pretty;
    }

    /** What ruleutils' deparse_expression shows at the top: an implicit cast there is not shown. */
    String top(Expression e, String[] names) {
        if (e instanceof CastExpr c && c.arg() instanceof Const k && k.value() != null && k.type() == PgType.TEXT
            && k.location() >= 0) {
            return constant(k.value(), c.type(), -1); // a literal coerced to a column's type: its length coercion not shown
        }
        if (e instanceof Const k) {
            return constant(k.value(), k.type(), -1);
        }
        return deparse(e instanceof CastExpr c && !c.explicit() ? c.arg() : e, names);
    }

    /** get_rule_expr_paren: {@code child} of {@code parent}, parenthesized when pretty and not simple there. */
    private String paren(Expression child, Expression parent, String[] names) {
        String s = deparse(child, names);
        return pretty && !simple(child, parent) ? "(" + s + ")" : s;
    }

    private static boolean isCast(Expression e) {
        return e instanceof CastExpr;
    }

    private static boolean operator(Expression e) {
        return e instanceof FuncExpr f && isOperator(f.function().name());
    }

    /** ruleutils' isSimpleNode with PRETTY_PAREN: whether {@code node} needs no parentheses under {@code parent}. */
    private static boolean simple(Expression node, Expression parent) {
        switch (node) {
            case ColumnVar v -> {
                return true;
            }
            case Const c -> {
                return true;
            }
            case ParamRef p -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.OuterRef o -> {
                return true;
            }
            case CastExpr c -> {
                return simple(c.arg(), c);
            }
            case org.tuskdb.sql.internal.expr.CaseExpr c -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.ArrayExpr a -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.RowExpr r -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.CoalesceExpr c -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.MinMaxExpr m -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.NullIfExpr n -> {
                return true;
            }
            case org.tuskdb.sql.internal.expr.SubscriptExpr s -> {
                return true;
            }
            case FuncExpr f when !isOperator(f.function().name()) -> {
                return true;
            }
            case FuncExpr f when f.args().length == 2 && parent instanceof FuncExpr pf && operator(pf)
                && pf.args().length == 2 -> {
                String op = f.function().name();
                String up = pf.function().name();
                boolean lo = op.equals("+") || op.equals("-");
                boolean hi = op.equals("*") || op.equals("/") || op.equals("%");
                boolean upLo = up.equals("+") || up.equals("-");
                boolean upHi = up.equals("*") || up.equals("/") || up.equals("%");
                if (!(lo || hi) || !(upLo || upHi)) {
                    return false;
                }
                if (hi && upLo) {
                    return true;
                }
                if (lo && upHi) {
                    return false;
                }
                return pf.args()[0] == node; // (a - b) - c, not a - (b - c)
            }
            case BoolExpr b -> {
                if (parent instanceof BoolExpr pb) {
                    return switch (b.op()) {
                        case NOT, AND -> pb.op() == BoolExpr.Op.AND || pb.op() == BoolExpr.Op.OR;
                        case OR -> pb.op() == BoolExpr.Op.OR;
                    };
                }
                return underOwnSeparators(parent);
            }
            case FuncExpr f -> {
                return underOwnSeparators(parent);
            }
            case NullTest n -> {
                return underOwnSeparators(parent);
            }
            case org.tuskdb.sql.internal.expr.BooleanTest t -> {
                return underOwnSeparators(parent);
            }
            case org.tuskdb.sql.internal.expr.DistinctExpr d -> {
                return underOwnSeparators(parent);
            }
            case org.tuskdb.sql.internal.plan.SubPlanExpr s -> {
                return underOwnSeparators(parent);
            }
            default -> {
                return false;
            }
        }
    }

    /** A parent that separates its arguments itself (a function's parentheses, AND / OR, CASE's keywords). */
    private static boolean underOwnSeparators(Expression parent) {
        return parent instanceof FuncExpr f && !isOperator(f.function().name()) || parent instanceof BoolExpr
            || parent instanceof org.tuskdb.sql.internal.expr.SubscriptExpr
            || parent instanceof org.tuskdb.sql.internal.expr.ArrayExpr
            || parent instanceof org.tuskdb.sql.internal.expr.RowExpr
            || parent instanceof org.tuskdb.sql.internal.expr.CoalesceExpr
            || parent instanceof org.tuskdb.sql.internal.expr.MinMaxExpr
            || parent instanceof org.tuskdb.sql.internal.expr.NullIfExpr
            || parent instanceof org.tuskdb.sql.internal.expr.CaseExpr;
    }

    /** An implicit-AND list, as a node's Filter / Index Cond / Hash Cond line shows it. */
    String quals(List<Expression> conjuncts, String[] names) {
        if (conjuncts.size() == 1) {
            return deparse(conjuncts.get(0), names);
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < conjuncts.size(); i++) {
            if (i > 0) {
                b.append(" AND ");
            }
            b.append(deparse(conjuncts.get(i), names));
        }
        return b.append(')').toString();
    }

    String deparse(Expression e, String[] names) {
        switch (e) {
            case ColumnVar v -> {
                return v.index() < names.length && names[v.index()] != null ? names[v.index()] : v.name();
            }
            case Const c -> {
                return constant(c.value(), c.type(), c.typmod());
            }
            case ParamRef p -> {
                return "$" + (p.index() + 1);
            }
            case org.tuskdb.sql.internal.plan.SubPlanExpr sp -> {
                return subplans.apply(sp, names);
            }
            case org.tuskdb.sql.internal.expr.OuterRef o -> {
                String[] up = null;
                java.util.Iterator<String[]> it = outer.iterator();
                for (int i = 0; i < o.levelsUp() && it.hasNext(); i++) {
                    up = it.next();
                }
                if (up == null) {
                    return "?";
                }
                return deparse(o.inner(), up);
            }
            case CastExpr c -> {
                String arg = deparse(c.arg(), names);
                if (c.arg() instanceof Const k && k.value() != null && k.type() == PgType.TEXT && k.location() >= 0) {
                    return constant(k.value(), c.type(), c.typmod()); // a literal read at run time: 'x'::type
                }
                if (c.type() == PgType.DATE && c.arg() instanceof FuncExpr f && f.args().length == 0
                    && f.function().name().equals("now")) {
                    return "CURRENT_DATE"; // what the analyzer makes of CURRENT_DATE
                }
                if (pretty) {
                    return paren(c.arg(), c, names) + "::" + c.type().displayName(c.typmod());
                }
                return (arg.startsWith("(") && arg.endsWith(")") ? arg : "(" + arg + ")") + "::"
                    + c.type().displayName(c.typmod());
            }
            case BoolExpr b -> {
                if (b.op() == BoolExpr.Op.NOT) {
                    return pretty ? "NOT " + paren(b.args()[0], b, names) : "(NOT " + deparse(b.args()[0], names) + ")";
                }
                StringBuilder s = new StringBuilder(pretty ? "" : "(");
                for (int i = 0; i < b.args().length; i++) {
                    if (i > 0) {
                        s.append(b.op() == BoolExpr.Op.AND ? " AND " : " OR ");
                    }
                    s.append(paren(b.args()[i], b, names));
                }
                return pretty ? s.toString() : s.append(')').toString();
            }
            case NullTest n -> {
                String s = paren(n.arg(), n, names) + (n.negated() ? " IS NOT NULL" : " IS NULL");
                return pretty ? s : "(" + s + ")";
            }
            case FuncExpr f -> {
                String name = f.function().name();
                Expression[] args = f.args();
                if (isOperator(name)) {
                    String s = args.length == 2 ? paren(args[0], f, names) + " " + name + " " + paren(args[1], f, names)
                        : name + " " + paren(args[0], f, names);
                    return pretty ? s : "(" + s + ")";
                }
                return call(name, args, names);
            }
            case org.tuskdb.sql.internal.expr.CaseExpr c -> {
                StringBuilder s = new StringBuilder("CASE");
                if (c.arg() != null) {
                    s.append(' ').append(deparse(c.arg(), names));
                }
                for (int i = 0; i < c.conditions().length; i++) {
                    Expression w = c.conditions()[i];
                    // a simple CASE's "CaseTest = v" shows as its v
                    if (c.arg() != null && w instanceof FuncExpr f && f.args().length == 2
                        && f.args()[0] instanceof org.tuskdb.sql.internal.expr.CaseTest) {
                        w = f.args()[1];
                    }
                    s.append(" WHEN ").append(deparse(w, names)).append(" THEN ").append(deparse(c.results()[i], names));
                }
                s.append(" ELSE ").append(c.otherwise() == null ? constant(null, c.type(), c.typmod())
                    : deparse(c.otherwise(), names));
                return s.append(" END").toString();
            }
            case org.tuskdb.sql.internal.expr.CoalesceExpr c -> {
                return call("COALESCE", c.args(), names);
            }
            case org.tuskdb.sql.internal.expr.MinMaxExpr m -> {
                return call(m.greatest() ? "GREATEST" : "LEAST", m.args(), names);
            }
            case org.tuskdb.sql.internal.expr.NullIfExpr n -> {
                return call("NULLIF", new Expression[] {n.left(), n.right()}, names);
            }
            case org.tuskdb.sql.internal.expr.BooleanTest t -> {
                String what = t.expected() == null ? "UNKNOWN" : t.expected() ? "TRUE" : "FALSE";
                return "(" + deparse(t.arg(), names) + (t.negated() ? " IS NOT " : " IS ") + what + ")";
            }
            case org.tuskdb.sql.internal.expr.DistinctExpr d -> {
                if (pretty && !d.negated()) { // get_rule_expr of a DistinctExpr: its parentheses only without PRETTY_PAREN
                    return paren(d.left(), d, names) + " IS DISTINCT FROM " + paren(d.right(), d, names);
                }
                String s = "(" + deparse(d.left(), names) + " IS DISTINCT FROM " + deparse(d.right(), names) + ")";
                return d.negated() ? "(NOT " + s + ")" : s;
            }
            case org.tuskdb.sql.internal.expr.ScalarArrayOpExpr a -> {
                String s = paren(a.left(), a, names) + " " + a.op().name() + (a.all() ? " ALL (" : " ANY (")
                    + paren(a.array(), a, names) + ")";
                return pretty ? s : "(" + s + ")";
            }
            case org.tuskdb.sql.internal.expr.ArrayExpr a -> {
                String c = call("ARRAY", a.elements(), names);
                return "ARRAY[" + c.substring("ARRAY(".length(), c.length() - 1) + "]";
            }
            case org.tuskdb.sql.internal.expr.SubscriptExpr x -> {
                String arr = deparse(x.array(), names);
                if (!(x.array() instanceof ColumnVar)) {
                    arr = "(" + arr + ")";
                }
                String lo = x.lower() == null ? "" : deparse(x.lower(), names);
                return arr + "[" + (x.slice() ? lo + ":" + (x.upper() == null ? "" : deparse(x.upper(), names)) : lo) + "]";
            }
            case org.tuskdb.sql.internal.expr.RowCompareExpr r -> {
                return "(" + call("ROW", r.left(), names) + " " + r.ops()[0].name() + " " + call("ROW", r.right(), names) + ")";
            }
            case org.tuskdb.sql.internal.expr.RowExpr r -> {
                return call("ROW", r.fields(), names);
            }
            default -> {
                return "?";
            }
        }
    }

    private String call(String name, Expression[] args, String[] names) {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(deparse(args[i], names));
        }
        return s.append(')').toString();
    }

    private static boolean isOperator(String name) {
        return !name.isEmpty() && !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
    }

    /** get_const_expr: bare non-negative integers, numerics and booleans; else a quoted literal with its type. */
    String constant(Value v, PgType type, int typmod) {
        if (v == null) {
            return "NULL::" + type.displayName(typmod);
        }
        if (v instanceof BoolValue b) {
            return b.value() ? "true" : "false";
        }
        String text = v.toText(style);
        if (type == PgType.INT4 && !text.startsWith("-") && !text.isEmpty()
            && text.chars().allMatch(Character::isDigit)) {
            return text;
        }
        // a numeric bare only when it looks like a float (an integer-looking one would read back as int4)
        if (type == PgType.NUMERIC && typmod < 0 && !text.isEmpty() && Character.isDigit(text.charAt(0))
            && text.indexOf('.') >= 0 && text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            return text;
        }
        return "'" + text.replace("'", "''") + "'::" + type.displayName(typmod);
    }
}
