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

    Deparser(SessionStyle style,
             java.util.function.BiFunction<org.tuskdb.sql.internal.plan.SubPlanExpr, String[], String> subplans) {
        this.style = style;
        this.subplans = subplans;
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
                return (arg.startsWith("(") && arg.endsWith(")") ? arg : "(" + arg + ")") + "::"
                    + c.type().displayName(c.typmod());
            }
            case BoolExpr b -> {
                if (b.op() == BoolExpr.Op.NOT) {
                    return "(NOT " + deparse(b.args()[0], names) + ")";
                }
                StringBuilder s = new StringBuilder("(");
                for (int i = 0; i < b.args().length; i++) {
                    if (i > 0) {
                        s.append(b.op() == BoolExpr.Op.AND ? " AND " : " OR ");
                    }
                    s.append(deparse(b.args()[i], names));
                }
                return s.append(')').toString();
            }
            case NullTest n -> {
                return "(" + deparse(n.arg(), names) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            }
            case FuncExpr f -> {
                String name = f.function().name();
                Expression[] args = f.args();
                if (isOperator(name)) {
                    if (args.length == 2) {
                        return "(" + deparse(args[0], names) + " " + name + " " + deparse(args[1], names) + ")";
                    }
                    return "(" + name + " " + deparse(args[0], names) + ")";
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
                String s = "(" + deparse(d.left(), names) + " IS DISTINCT FROM " + deparse(d.right(), names) + ")";
                return d.negated() ? "(NOT " + s + ")" : s;
            }
            case org.tuskdb.sql.internal.expr.ScalarArrayOpExpr a -> {
                return "(" + deparse(a.left(), names) + " " + a.op().name() + (a.all() ? " ALL (" : " ANY (")
                    + deparse(a.array(), names) + "))";
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
        if ((type == PgType.INT4 || type == PgType.NUMERIC) && !text.startsWith("-")
            && text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.') && !text.isEmpty()) {
            return typmod >= 0 && type == PgType.NUMERIC ? "'" + text + "'::" + type.displayName(typmod) : text;
        }
        return "'" + text.replace("'", "''") + "'::" + type.displayName(typmod);
    }
}
