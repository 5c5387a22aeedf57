package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.ViewDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.parser.Parser;

/**
 * PostgreSQL's automatically updatable views (rewriteTargetView): a view whose query reads one
 * table or updatable view, without DISTINCT, WITH, GROUP BY, HAVING, set operations, LIMIT /
 * OFFSET, aggregates, window or set-returning functions, takes INSERT / UPDATE / DELETE as its
 * base table does. The stored query is analyzed over the base table's row, so each view column
 * is an expression over that row: the DML's names bind to those expressions ({@link #scope}),
 * the view's WHERE is AND-ed to the statement's, and a column that is a plain base column is
 * the one an INSERT or SET writes (others: 0A000). A view over a view resolves level by level,
 * each level's columns over the same base row. Checked here, 55000 with PostgreSQL's DETAIL and
 * HINT for a view that is not updatable.
 */
public final class UpdatableView {
    /**
     * A view resolved to its base table: per view column its expression over the base row and
     * the base column it is (-1: not updatable); the WHERE conditions of every level (null for
     * none); the checks WITH CHECK OPTION asks, innermost first; the view's column defaults.
     */
    record Resolved(ViewDescriptor view, TableDescriptor table, List<Scope.Column> columns, int[] baseColumn,
                    Expression condition, List<ModifyQuery.ViewCheck> levels, List<ModifyQuery.ViewCheck> checks, Expression[] defaults) {}

    private UpdatableView() {}

    /** The view's resolution for the statement {@code verb} ("insert into", "update", "delete from"). */
    static Resolved resolve(ViewDescriptor v, String verb, int location, ParseState ps, ExpressionAnalyzer expressions,
                            Analyzer analyzer) {
        List<Parser.Parsed> parsed = Parser.parse(v.query());
        if (parsed.size() != 1 || !(parsed.get(0).statement() instanceof Statement.Select sel)) {
            throw notUpdatable(v, verb, "Views that do not select from a single table or view are not automatically "
                + "updatable.");
        }
        String reason = reason(sel);
        if (reason != null) {
            throw notUpdatable(v, verb, reason);
        }
        Statement.RangeVar rv = ((Statement.FromTable) sel.from().get(0)).rel();
        Relation base = ps.lookup(rv.schema(), rv.name(), LockMode.ROW_EXCLUSIVE, location, false, 0);
        Resolved inner = null;
        TableDescriptor table;
        if (base instanceof ViewDescriptor bv) {
            if (!bv.triggers().isEmpty()) {
                throw DatabaseException.error("0A000", "changing view \"" + v.name() + "\" through view \""
                    + bv.name() + "\" with triggers is not supported yet");
            }
            inner = resolve(bv, verb, location, ps, expressions, analyzer);
            table = inner.table();
        } else if (base instanceof TableDescriptor t && !t.systemCatalog() && t.matview() == null) {
            table = t;
        } else {
            throw notUpdatable(v, verb, "Views that do not select from a single table or view are not automatically "
                + "updatable.");
        }
        String refName = rv.alias() != null ? rv.alias() : rv.name();
        Scope level = new Scope(Scope.EMPTY);
        level.addBase(table, refName, rv.alias() == null ? rv.schema() : null, null, null, true, false);
        if (inner != null) {
            replaceEntry(level, refName, inner);
        }
        Scope saved = ps.scope();
        List<Expression> targets = new ArrayList<>();
        Expression where;
        try {
            ps.setScope(level);
            analyzer.targetList(sel.targets(), targets, new ArrayList<>());
            where = sel.where() == null ? null
                : expressions.toBoolean(expressions.transform(sel.where()), "WHERE", sel.where().location());
        } finally {
            ps.setScope(saved);
        }
        List<Scope.Column> columns = new ArrayList<>();
        int[] baseColumn = new int[v.columns().size()];
        for (int i = 0; i < baseColumn.length; i++) {
            Expression e = targets.get(i);
            baseColumn[i] = e instanceof ColumnVar cv && cv.index() < table.columns().size() ? cv.index() : -1;
            columns.add(new Scope.Column(v.columns().get(i).name(), e, baseColumn[i] < 0 ? new int[0] : new int[] {0},
                baseColumn[i] < 0 ? new int[0] : new int[] {baseColumn[i]}));
        }
        List<ModifyQuery.ViewCheck> levels = new ArrayList<>(inner == null ? List.of() : inner.levels());
        levels.add(new ModifyQuery.ViewCheck(v.name(), where));
        List<ModifyQuery.ViewCheck> checks = new ArrayList<>(inner == null ? List.of() : inner.checks());
        if ("cascaded".equals(v.checkOption())) {
            for (ModifyQuery.ViewCheck c : levels) {
                if (checks.stream().noneMatch(k -> k.view().equals(c.view()))) {
                    checks.add(c);
                }
            }
        } else if ("local".equals(v.checkOption())) {
            checks.add(levels.get(levels.size() - 1));
        }
        Expression condition = and(inner == null ? null : inner.condition(), where);
        return new Resolved(v, table, List.copyOf(columns), baseColumn, condition, List.copyOf(levels),
            List.copyOf(checks), v.defaults());
    }

    /** The base table's entry in {@code level} replaced by the inner view's columns (its names, over the base row). */
    private static void replaceEntry(Scope level, String refName, Resolved inner) {
        Scope.Entry old = level.entries.get(0);
        Scope.Entry e = new Scope.Entry(refName, old.schema, inner.view(), inner.columns(), 0);
        level.entries.set(0, e);
        level.rangeTable.set(0, e);
        level.items.set(0, inner.columns());
    }

    /**
     * The scope of a statement on the view: the base table's slot bookkeeping, named as the
     * statement names the view, with the view's columns.
     */
    static Scope scope(Resolved r, Statement.RangeVar rv) {
        Scope level = new Scope(Scope.EMPTY);
        String refName = rv.alias() != null ? rv.alias() : r.view().name();
        level.addBase(r.table(), refName, rv.alias() == null ? rv.schema() : null, null, null, true, false);
        replaceEntry(level, refName, r);
        java.util.Arrays.fill(level.bases.get(0).used, true);
        return level;
    }

    static Expression and(Expression a, Expression b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new org.tuskdb.sql.internal.expr.BoolExpr(org.tuskdb.sql.internal.expr.BoolExpr.Op.AND,
            new Expression[] {a, b});
    }

    /** A base relation's column names and which of them a view over it may write. */
    public record BaseColumns(List<String> names, boolean[] updatable) {}

    /**
     * pg_column_is_updatable for information_schema, from a view's stored text alone: per view
     * column, whether it is a column of an updatable base column; null when the view is not
     * automatically updatable. {@code base} describes the FROM relation (null: not a table or
     * updatable view).
     */
    public static boolean[] columnsUpdatable(String text, int width,
                                             java.util.function.Function<Statement.RangeVar, BaseColumns> base) {
        List<Parser.Parsed> parsed;
        try {
            parsed = Parser.parse(text);
        } catch (DatabaseException e) {
            return null;
        }
        if (parsed.size() != 1 || !(parsed.get(0).statement() instanceof Statement.Select sel) || reason(sel) != null) {
            return null;
        }
        BaseColumns b = base.apply(((Statement.FromTable) sel.from().get(0)).rel());
        if (b == null) {
            return null;
        }
        List<Boolean> out = new ArrayList<>();
        for (Statement.ResTarget t : sel.targets()) {
            if (t.expr() instanceof Expr.Star) {
                for (boolean u : b.updatable()) {
                    out.add(u);
                }
            } else if (t.expr() instanceof Expr.ColumnRef ref) {
                int i = b.names().indexOf(ref.names().get(ref.names().size() - 1));
                out.add(i >= 0 && b.updatable()[i]);
            } else {
                out.add(false);
            }
        }
        boolean[] result = new boolean[width];
        for (int i = 0; i < width && i < out.size(); i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    /** view_query_is_auto_updatable's reason, in its order; null when the query qualifies. */
    static String reason(Statement.Select sel) {
        if (sel.distinct() || sel.distinctOn() != null && !sel.distinctOn().isEmpty()) {
            return "Views containing DISTINCT are not automatically updatable.";
        }
        if (sel.with() != null) {
            return "Views containing WITH are not automatically updatable.";
        }
        if (sel.groupBy() != null && !sel.groupBy().isEmpty()) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (sel.having() != null) {
            return "Views containing HAVING are not automatically updatable.";
        }
        if (sel.setOp() != null) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (sel.limit() != null || sel.offset() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (sel.targets() != null) {
            for (Statement.ResTarget t : sel.targets()) {
                if (RawExprs.containsAggregate(t.expr())) {
                    return "Views that return aggregate functions are not automatically updatable.";
                }
            }
            for (Statement.ResTarget t : sel.targets()) {
                if (RawExprs.find(t.expr(), e -> e instanceof Expr.FuncCall f && f.over() != null) != null) {
                    return "Views that return window functions are not automatically updatable.";
                }
            }
        }
        if (sel.valuesLists() != null || sel.from() == null || sel.from().size() != 1
            || !(sel.from().get(0) instanceof Statement.FromTable)) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        return null;
    }

    /** 55000 cannot VERB view "v", with the reason and PostgreSQL's hint for the event. */
    static DatabaseException notUpdatable(ViewDescriptor v, String verb, String reason) {
        String[] hint = switch (verb) {
            case "insert into" -> new String[] {"inserting into", "INSERT"};
            case "update" -> new String[] {"updating", "UPDATE"};
            default -> new String[] {"deleting from", "DELETE"};
        };
        return DatabaseException.error("55000", "cannot " + verb + " view \"" + v.name() + "\"").withDetail(reason)
            .withHint("To enable " + hint[0] + " the view, provide an INSTEAD OF " + hint[1]
                + " trigger or an unconditional ON " + hint[1] + " DO INSTEAD rule.");
    }

    /** 0A000 for a view column that is no base column, named as the statement did. */
    static DatabaseException notUpdatableColumn(String verb, String column, String view) {
        return DatabaseException.error("0A000", "cannot " + (verb.startsWith("insert") ? "insert into" : "update")
            + " column \"" + column + "\" of view \"" + view + "\"")
            .withDetail("View columns that are not columns of their base relation are not updatable.");
    }
}
