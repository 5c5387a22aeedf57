package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.DistinctExpr;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FieldSelectExpr;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.NullTest;
import org.tuskdb.sql.internal.expr.RowCompareExpr;
import org.tuskdb.sql.internal.expr.RowExpr;
import org.tuskdb.sql.internal.expr.RowPairExpr;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.SubPlanExpr;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Analysis of row constructors (parse_expr.c's row parts): {@code ROW(a, b)} / {@code (a, b)} as a
 * value (an anonymous record, fields f1, f2, ...), and comparisons between two of them
 * (make_row_comparison_op): {@code =} is the AND of the pairwise {@code =}, {@code <>} the OR of
 * the pairwise {@code <>}, {@code < <= > >=} a lexicographic {@link RowCompareExpr}; IS [NOT]
 * DISTINCT FROM the OR of the pairwise tests (make_row_distinct_op); IS [NOT] NULL the AND of the
 * fields' tests; {@code (a, b) IN ((1, 2), (3, 4))} the OR of row equalities;
 * {@code (a, b) op ANY / ALL / = (SELECT x, y ...)} compares with the subquery's rows as records.
 * Rows of unequal length are 42601 "unequal number of entries in row expressions".
 */
final class RowExpressions {
    private final ExpressionAnalyzer analyzer;
    private final ParseState ps;

    RowExpressions(ExpressionAnalyzer analyzer, ParseState ps) {
        this.analyzer = analyzer;
        this.ps = ps;
    }

    /** A row constructor as a value. */
    Expression value(Expr.Row r) {
        List<Expression> fields = fields(r);
        return rowExpr(fields);
    }

    private static RowExpr rowExpr(List<Expression> fields) {
        List<String> names = new ArrayList<>(fields.size());
        List<PgType> types = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            names.add("f" + (i + 1));
            types.add(fields.get(i).type());
        }
        return new RowExpr(fields.toArray(Expression[]::new), PgType.recordOf(names, types));
    }

    private List<Expression> fields(Expr.Row r) {
        List<Expression> fields = raw(r);
        fields.replaceAll(f -> Coercion.resolveUnknown(f, ps));
        return fields;
    }

    /** The fields as written, each {@code t.*} expanded to t's columns (transformRowExpr's expansion). */
    private List<Expression> raw(Expr.Row r) {
        List<Expression> fields = new ArrayList<>(r.args().size());
        for (Expr a : r.args()) {
            Expression e = analyzer.transform(a);
            if (a instanceof Expr.Star && e instanceof RowExpr whole) {
                fields.addAll(List.of(whole.fields()));
            } else if (a instanceof Expr.Star) {
                for (int i = 0; i < e.type().fieldCount(); i++) {
                    fields.add(new org.tuskdb.sql.internal.expr.FieldSelectExpr(e, i, e.type().fieldType(i)));
                }
            } else {
                fields.add(e);
            }
        }
        return fields;
    }

    /** {@code left op right} of two row constructors. */
    Expression compare(String op, Expr.Row left, Expr.Row right, int location) {
        return compare(op, raw(left), raw(right), location);
    }

    /** make_row_comparison_op over the analyzed fields of both sides. */
    Expression compare(String op, List<Expression> left, List<Expression> right, int location) {
        sameLength(left, right, location);
        if (left.isEmpty()) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cannot compare rows of zero length",
                ps.position(location));
        }
        int n = left.size();
        FuncExpr[] pairs = new FuncExpr[n];
        for (int i = 0; i < n; i++) {
            pairs[i] = analyzer.makeOperator(op, left.get(i), right.get(i), location);
            if (pairs[i].type() != PgType.BOOL) {
                throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                    "row comparison operator must yield type boolean, not type " + pairs[i].type().displayName(),
                    ps.position(location));
            }
        }
        if (n == 1) {
            return pairs[0];
        }
        switch (op) {
            case "=":
                return new BoolExpr(BoolExpr.Op.AND, pairs);
            case "<>":
                return new BoolExpr(BoolExpr.Op.OR, pairs);
            case "<", "<=", ">", ">=": {
                FunctionDef[] ops = new FunctionDef[n];
                FunctionDef[] equals = new FunctionDef[n];
                Expression[] l = new Expression[n];
                Expression[] r = new Expression[n];
                for (int i = 0; i < n; i++) {
                    ops[i] = pairs[i].function();
                    l[i] = pairs[i].args()[0];
                    r[i] = pairs[i].args()[1];
                    equals[i] = analyzer.resolveOperator("=", l[i].type(), r[i].type(), location);
                }
                return new RowCompareExpr(ops, equals, l, r);
            }
            default:
                throw DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION,
                    "could not determine interpretation of row comparison operator " + op, ps.position(location))
                    .withHint("Row comparison operators must be associated with btree operator families.");
        }
    }

    /** {@code left IS [NOT] DISTINCT FROM right} of two row constructors. */
    Expression distinct(Expr.Row left, Expr.Row right, boolean negated, int location) {
        return distinct(raw(left), raw(right), negated, location);
    }

    /**
     * Two whole rows ({@code OLD.* IS DISTINCT FROM NEW.*} in a trigger's WHEN, {@code a.* IS
     * DISTINCT FROM b.*}): field by field, as record_ne's IS DISTINCT FROM compares them.
     */
    Expression distinct(org.tuskdb.sql.internal.expr.RowExpr left, org.tuskdb.sql.internal.expr.RowExpr right,
                        boolean negated, int location) {
        return distinct(List.of(left.fields()), List.of(right.fields()), negated, location);
    }

    private Expression distinct(List<Expression> l, List<Expression> r, boolean negated, int location) {
        sameLength(l, r, location);
        Expression[] tests = new Expression[l.size()];
        for (int i = 0; i < tests.length; i++) {
            FunctionDef eq = analyzer.resolveOperator("=", l.get(i).type(), r.get(i).type(), location);
            tests[i] = new DistinctExpr(eq,
                Coercion.coerce(l.get(i), eq.argType(0), -1, Casts.Context.IMPLICIT, ps, location),
                Coercion.coerce(r.get(i), eq.argType(1), -1, Casts.Context.IMPLICIT, ps, location), false);
        }
        Expression any = tests.length == 0 ? new Const(BoolValue.FALSE, PgType.BOOL, -1)
            : tests.length == 1 ? tests[0] : new BoolExpr(BoolExpr.Op.OR, tests);
        return negated ? new BoolExpr(BoolExpr.Op.NOT, new Expression[] {any}) : any;
    }

    /** {@code row IS [NOT] NULL}: every field NULL (IS NULL) or every field not NULL (IS NOT NULL). */
    Expression nullTest(Expr.Row row, boolean negated) {
        List<Expression> fields = raw(row);
        if (fields.isEmpty()) {
            return new Const(BoolValue.TRUE, PgType.BOOL, -1);
        }
        Expression[] tests = new Expression[fields.size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = new NullTest(fields.get(i), negated);
        }
        return tests.length == 1 ? tests[0] : new BoolExpr(BoolExpr.Op.AND, tests);
    }

    /** {@code row [NOT] IN (list)}: the OR of row equalities (NOT IN: the AND of row inequalities). */
    Expression inList(Expr.InList in) {
        Expr.Row row = (Expr.Row) in.arg();
        String op = in.negated() ? "<>" : "=";
        Expression[] tests = new Expression[in.list().size()];
        for (int i = 0; i < tests.length; i++) {
            Expr item = in.list().get(i);
            if (item instanceof Expr.Row r) {
                tests[i] = compare(op, row, r, in.location());
            } else {
                tests[i] = analyzer.makeOperator(op, value(row), analyzer.transform(item), in.location());
            }
        }
        return tests.length == 1 ? tests[0] : new BoolExpr(in.negated() ? BoolExpr.Op.AND : BoolExpr.Op.OR, tests);
    }

    /**
     * {@code row op ANY / ALL (subquery)} (IN is {@code = ANY}): the subquery must give as many
     * columns as the row has fields; each of its rows is compared as a record.
     */
    Expression quantified(Expr.SubLink l, Query q, Plan plan, boolean correlated) {
        Expr.Row row = (Expr.Row) l.testExpr();
        checkWidth(row, q, l.location());
        Pair pair = pair(row, q, l.op(), l.location());
        if (pair.compare.type() != PgType.BOOL) {
            throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH,
                "op ANY/ALL (array) requires operator to yield boolean", ps.position(l.location()));
        }
        return new SubPlanExpr(l.kind(), plan, PgType.BOOL, -1, pair.test, pair.compare, correlated, false,
            pair.subType);
    }

    /** {@code row op (subquery)}: one row (none: NULL; more: 21000) compared as a record. */
    Expression compareSubquery(String op, Expr.Row row, Query q, Plan plan, boolean correlated,
                               int location) {
        checkWidth(row, q, location);
        Pair pair = pair(row, q, op, location);
        SubPlanExpr record = new SubPlanExpr(Expr.SubLinkKind.EXPR, plan, pair.subType, -1, null, null, correlated,
            false, pair.subType);
        return new RowPairExpr(pair.test, record, pair.compare);
    }

    private record Pair(Expression test, Expression compare, PgType subType) {}

    /**
     * The row as a record and the comparison over {@code [row record, subquery record]}; unknown
     * fields of the row take the type of the subquery's column.
     */
    private Pair pair(Expr.Row row, Query q, String op, int location) {
        List<Expression> fields = raw(row);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            ResultColumn c = q.columns().get(i);
            PgType t = c.type() == PgType.UNKNOWN ? PgType.TEXT : c.type();
            if (fields.get(i).type() == PgType.UNKNOWN) {
                fields.set(i, Coercion.coerce(fields.get(i), t, -1, Casts.Context.IMPLICIT, ps,
                    row.args().get(i).location()));
            }
            names.add("f" + (i + 1));
            types.add(t);
        }
        RowExpr test = rowExpr(fields);
        PgType subType = PgType.recordOf(names, types);
        List<Expression> l = new ArrayList<>();
        List<Expression> r = new ArrayList<>();
        ColumnVar left = new ColumnVar(0, test.type(), -1, "?");
        ColumnVar right = new ColumnVar(1, subType, -1, "?");
        for (int i = 0; i < fields.size(); i++) {
            l.add(new FieldSelectExpr(left, i, fields.get(i).type()));
            r.add(new FieldSelectExpr(right, i, types.get(i)));
        }
        return new Pair(test, compare(op, l, r, location), subType);
    }

    private void sameLength(List<Expression> left, List<Expression> right, int location) {
        if (left.size() != right.size()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions",
                ps.position(location));
        }
    }

    private void checkWidth(Expr.Row row, Query q, int location) {
        if (q.visible() != row.args().size()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR,
                q.visible() > row.args().size() ? "subquery has too many columns" : "subquery has too few columns",
                ps.position(location));
        }
    }
}
