package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.AclItems;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;

/**
 * transformMergeStmt: MERGE becomes a ModifyQuery of kind MERGE over the join of the target
 * (first in the wide row, with its tid, as UPDATE ... FROM's) and the source: a RIGHT JOIN on
 * the ON condition, so a source row without a target row arrives with the target's slice null,
 * or an inner join when no WHEN NOT MATCHED clause needs those rows. Each WHEN clause's condition
 * and values are expressions over that wide row; in a NOT MATCHED clause the target's names are
 * out of reach (42P01 with PostgreSQL's hint), as its namespace for those clauses holds only the
 * source. The UPDATE and INSERT lists are DmlAnalyzer's, so coercion, defaults, generated and
 * identity columns behave as in UPDATE and INSERT.
 */
final class MergeAnalyzer {
    private final ParseState ps;
    private final ExpressionAnalyzer expressions;
    private final Analyzer analyzer;
    private final DmlAnalyzer dml;

    MergeAnalyzer(ParseState ps, ExpressionAnalyzer expressions, Analyzer analyzer) {
        this.ps = ps;
        this.expressions = expressions;
        this.analyzer = analyzer;
        this.dml = new DmlAnalyzer(ps, expressions, analyzer);
    }

    ModifyQuery analyze(Statement.Merge s) {
        boolean inserts = false;
        boolean updates = false;
        boolean deletes = false;
        boolean unmatched = false;
        for (Statement.MergeWhen w : s.whens()) {
            inserts |= w.action() == Statement.MergeAction.INSERT;
            updates |= w.action() == Statement.MergeAction.UPDATE;
            deletes |= w.action() == Statement.MergeAction.DELETE;
            unmatched |= !w.matched();
        }
        int privileges = (inserts ? AclItems.INSERT : 0) | (updates ? AclItems.UPDATE : 0)
            | (deletes ? AclItems.DELETE : 0);
        TableDescriptor t = target(s.target(), privileges);
        ps.requirePrivileges(t.oid(), AclItems.SELECT); // the join reads the target
        Statement.RangeVar rv = s.target();
        String refName = rv.alias() == null ? t.name() : rv.alias();
        if (refName.equals(sourceName(s.source()))) {
            throw DatabaseException.error("42712", "name \"" + refName + "\" specified more than once")
                .withDetail("The name is used both as MERGE target table and data source.");
        }
        Scope level = new Scope(Scope.EMPTY);
        Scope.Entry targetEntry = level.addBase(t, refName, rv.alias() == null ? rv.schema() : null, null, null, true,
            false);
        java.util.Arrays.fill(level.bases.get(0).used, true);
        level.width++; // the tid slot
        FromNode from = new FromNode.ModifyTarget(0, t, 0, level.width);
        ps.setScope(level);
        FromNode.Join cross = (FromNode.Join) analyzer.addModifyFromItems(List.of(s.source()), level, from,
            s.location());
        List<FromNode.Conjunct> on = analyzer.whereConjuncts(s.on(), level);
        List<FromNode.Conjunct> quals = List.of();
        FromNode join;
        if (unmatched) {
            join = new FromNode.Join(Statement.JoinKind.RIGHT, cross.left(), cross.right(), List.copyOf(on),
                cross.lo(), cross.hi(), cross.bases());
        } else {
            join = cross; // only matched rows matter: the ON conjuncts filter the cross join, as WHERE would
            quals = List.copyOf(on);
        }
        List<ModifyQuery.MergeClause> clauses = new ArrayList<>();
        Expression[] updated = DmlAnalyzer.unchangedRow(t);
        boolean[] unconditional = new boolean[2];
        for (Statement.MergeWhen w : s.whens()) {
            int side = w.matched() ? 0 : 1;
            if (unconditional[side]) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                    "unreachable WHEN clause specified after unconditional WHEN clause");
            }
            unconditional[side] = w.condition() == null;
        }
        for (Statement.MergeWhen w : s.whens()) {
            if (!w.matched()) {
                hide(level, targetEntry);
            }
            try {
                clauses.add(clause(t, w, updated));
            } finally {
                if (!w.matched()) {
                    unhide(level, targetEntry);
                }
            }
        }
        Expression where = FromNode.conjunction(on);
        ModifyQuery m = new ModifyQuery(ModifyQuery.Kind.MERGE, t, null, null, null, where, updated, List.of(), null,
            null, null, ForeignKeyBinder.bind(t, inserts, deletes, updates, ps));
        int tidSlot = level.bases.get(0).width;
        return m.withJoin(new ModifyQuery.JoinSource(analyzer.usedColumnsOf(join, level), quals, level.width, tidSlot))
            .withMerge(clauses);
    }

    /** The name a source FROM item is known by (null when it has none of its own). */
    private static String sourceName(Statement.FromItem f) {
        return switch (f) {
            case Statement.FromTable t -> t.rel().alias() != null ? t.rel().alias() : t.rel().name();
            case Statement.FromSubquery q -> q.alias();
            default -> null;
        };
    }

    private TableDescriptor target(Statement.RangeVar rv, int privileges) {
        if (!ps.tablesAvailable()) {
            throw StorageContext.notAvailable();
        }
        Relation r = ps.lookup(rv.schema(), rv.name(), LockMode.ROW_EXCLUSIVE, rv.location(), false, privileges);
        if (r instanceof org.tuskdb.sql.internal.catalog.ViewDescriptor) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot execute MERGE on relation \"" + r.name() + "\"")
                .withDetail("This operation is not supported for views.");
        }
        if (!(r instanceof TableDescriptor t) || t.matview() != null) {
            throw DatabaseException.error("42809", "cannot execute MERGE on relation \"" + r.name() + "\"")
                .withDetail(r instanceof TableDescriptor ? "This operation is not supported for materialized views."
                    : "This operation is not supported for sequences.");
        }
        if (t.systemCatalog()) {
            throw DatabaseException.atPosition(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"" + t.name() + "\" is a system catalog", ps.position(rv.location()));
        }
        return t;
    }

    /** The target's names out of reach while a WHEN NOT MATCHED clause is analyzed. */
    private static void hide(Scope level, Scope.Entry target) {
        level.entries.remove(target);
        level.hidden.add(target);
        level.items.remove(target.columns);
    }

    private static void unhide(Scope level, Scope.Entry target) {
        level.hidden.remove(target);
        level.entries.add(0, target);
        level.items.add(0, target.columns);
    }

    private ModifyQuery.MergeClause clause(TableDescriptor t, Statement.MergeWhen w, Expression[] updated) {
        Expression condition = w.condition() == null ? null
            : expressions.toBoolean(expressions.transform(w.condition()), "WHEN", w.condition().location());
        return switch (w.action()) {
            case NOTHING -> new ModifyQuery.MergeClause(w.matched(), condition, null, null);
            case DELETE -> new ModifyQuery.MergeClause(true, condition, ModifyQuery.Kind.DELETE, null);
            case UPDATE -> {
                Expression[] newRow = DmlAnalyzer.unchangedRow(t);
                dml.assignSet(t, w.set(), newRow);
                for (int i = 0; i < newRow.length; i++) {
                    if (!(newRow[i] instanceof ColumnVar v && v.index() == i)) {
                        updated[i] = newRow[i]; // what UPDATE OF triggers and generated columns see as assigned
                    }
                }
                yield new ModifyQuery.MergeClause(true, condition, ModifyQuery.Kind.UPDATE, newRow);
            }
            case INSERT -> new ModifyQuery.MergeClause(false, condition, ModifyQuery.Kind.INSERT, insertRow(t, w));
        };
    }

    /** INSERT [(cols)] VALUES (...) | DEFAULT VALUES: one expression per table column. */
    private Expression[] insertRow(TableDescriptor t, Statement.MergeWhen w) {
        Expression[] row = DmlAnalyzer.defaultsRow(t);
        if (w.values() == null) {
            return row;
        }
        List<Integer> targets = dml.insertTargets(t, w.columns(), w.columnLocations());
        List<Expr> values = ps.expandVariableStars(w.values());
        if (w.columns() == null && values.size() < targets.size()) {
            targets = targets.subList(0, values.size());
        }
        if (values.size() > targets.size()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                ps.position(values.get(targets.size()).location()));
        }
        if (values.size() < targets.size()) {
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                ps.position(w.columnLocations().get(values.size())));
        }
        List<Relation.Column> cols = t.columns();
        for (int k = 0; k < values.size(); k++) {
            int i = targets.get(k);
            Expr e = values.get(k);
            row[i] = e instanceof Expr.SetToDefault || DmlAnalyzer.overridesIdentity(t, i, w.overriding())
                ? DmlAnalyzer.defaultOf(t, i)
                : dml.assign(expressions.transform(DmlAnalyzer.notGenerated(t, i, e)), cols.get(i), e.location());
        }
        return row;
    }
}
