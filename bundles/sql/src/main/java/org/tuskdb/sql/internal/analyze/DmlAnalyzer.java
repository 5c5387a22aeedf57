package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * transformInsertStmt / transformUpdateStmt / transformDeleteStmt: the target table (locked
 * RowExclusiveLock), assignment coercion of every value to its column's type and typmod
 * (transformAssignedExpr), defaults for columns not given, RETURNING.
 */
final class DmlAnalyzer {
    private final ParseState ps;
    private final ExpressionAnalyzer expressions;
    private final Analyzer analyzer;

    /** The statement's target when it is an automatically updatable view, else null. */
    private UpdatableView.Resolved view;

    DmlAnalyzer(ParseState ps, ExpressionAnalyzer expressions, Analyzer analyzer) {
        this.ps = ps;
        this.expressions = expressions;
        this.analyzer = analyzer;
    }

    /**
     * A target whose rows the statement reads needs SELECT too, as PostgreSQL's: a table's on the
     * columns it reads (WHERE, SET's values, RETURNING: {@link #targetColumns}); an updatable view's
     * whenever there is a WHERE or RETURNING.
     */
    private void readsTarget(TableDescriptor t, Expr where, List<Statement.ResTarget> returning) {
        if (view != null && (where != null || returning != null && !returning.isEmpty())) {
            ps.requirePrivileges(t.oid(), org.tuskdb.sql.internal.catalog.AclItems.SELECT);
        }
    }

    /** Column privileges of a table target: the target's scope (base 0) records what is read of it. */
    private void targetColumns(TableDescriptor t) {
        if (view == null && t.view() == null) {
            ps.checkColumns(t, ps.scope().bases.get(0));
        }
    }

    /** insertedCols / updatedCols: {@code privilege} on each column at the positions given. */
    private void writesColumns(TableDescriptor t, int privilege, List<Integer> positions) {
        if (view != null || t.view() != null) {
            return;
        }
        int[] attnums = new int[positions.size()];
        for (int k = 0; k < attnums.length; k++) {
            attnums[k] = t.attnum(positions.get(k));
        }
        ps.requireColumns(t.oid(), privilege, attnums);
    }

    private List<Integer> setPositions(TableDescriptor t, List<Statement.SetClause> set) {
        List<Integer> out = new ArrayList<>();
        for (Statement.SetClause c : set) {
            int i = t.columnIndex(c.column());
            if (i >= 0 && !out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private TableDescriptor target(Statement.RangeVar rv, String verb) {
        if (!ps.tablesAvailable()) {
            throw StorageContext.notAvailable();
        }
        int privilege = verb.startsWith("insert") ? org.tuskdb.sql.internal.catalog.AclItems.INSERT
            : verb.startsWith("update") ? org.tuskdb.sql.internal.catalog.AclItems.UPDATE
            : org.tuskdb.sql.internal.catalog.AclItems.DELETE;
        Relation r = ps.lookup(rv.schema(), rv.name(), LockMode.ROW_EXCLUSIVE, rv.location(), false, privilege);
        if (r instanceof org.tuskdb.sql.internal.catalog.SequenceDescriptor) {
            throw DatabaseException.error("42809", "cannot change sequence \"" + r.name() + "\"");
        }
        if (r instanceof org.tuskdb.sql.internal.catalog.ViewDescriptor v) {
            int event = verb.startsWith("insert") ? org.tuskdb.sql.internal.catalog.Trigger.INSERT
                : verb.startsWith("update") ? org.tuskdb.sql.internal.catalog.Trigger.UPDATE
                : org.tuskdb.sql.internal.catalog.Trigger.DELETE;
            if (v.triggers().firing(org.tuskdb.sql.internal.catalog.TriggerSet.INSTEAD, event, true).length > 0) {
                return TableDescriptor.ofView(v); // changed through its INSTEAD OF triggers
            }
            view = UpdatableView.resolve(v, verb, rv.location(), ps, expressions, analyzer);
            return view.table();
        }
        if (!(r instanceof TableDescriptor t)) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot " + verb + " view \"" + r.name() + "\"", ps.position(rv.location()))
                .withDetail("Views that do not select from a single table or view are not automatically updatable.");
        }
        if (t.systemCatalog()) {
            throw DatabaseException.atPosition(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"" + t.name() + "\" is a system catalog", ps.position(rv.location()));
        }
        if (t.matview() != null) {
            throw DatabaseException.error("42809", "cannot change materialized view \"" + t.name() + "\"");
        }
        return t;
    }

    /** What a view changed through INSTEAD OF triggers does not do yet. */
    private static void notOnView(TableDescriptor t, String what) {
        if (t.view() != null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, what + " on a view with INSTEAD OF triggers "
                + "is not supported yet");
        }
    }

    ModifyQuery insert(Statement.Insert s) {
        TableDescriptor t = target(s.table(), "insert into");
        readsTarget(t, null, s.returning());
        List<Relation.Column> cols = t.columns();
        List<Integer> targets = view == null ? insertTargets(t, s.columns(), s.columnLocations())
            : insertTargets(view.view().columns(), view.view().name(), s.columns(), s.columnLocations());
        List<Expression[]> valuesRows = null;
        Query source = null;
        Expression[] projection = null;
        if (s.source() == null) {
            valuesRows = new ArrayList<>();
            valuesRows.add(targetDefaults(t));
        } else if (s.source().valuesLists() != null && s.source().orderBy().isEmpty()) {
            valuesRows = new ArrayList<>();
            List<List<Expr>> lists = s.source().valuesLists().stream().map(ps::expandVariableStars).toList();
            int width = lists.get(0).size();
            if (s.columns() == null && width < targets.size()) {
                targets = targets.subList(0, width); // the rest take their defaults
            }
            for (List<Expr> raw : lists) {
                if (raw.size() != width) {
                    throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length",
                        ps.position(raw.get(0).location()));
                }
                checkWidth(raw.size(), targets.size(), raw, s);
                Expression[] row = targetDefaults(t);
                for (int k = 0; k < raw.size(); k++) {
                    int i = baseColumn(targets.get(k), "insert");
                    Expr e = raw.get(k);
                    row[i] = e instanceof Expr.SetToDefault || overridesIdentity(t, i, s) ? row[i]
                        : assign(expressions.transform(notGenerated(t, i, e)), cols.get(i), e.location());
                }
                valuesRows.add(row);
            }
        } else {
            List<Integer> into = targets;
            source = analyzer.analyzeInsertSource(s.source(),
                k -> k < into.size() ? cols.get(into.get(k)).type() : null);
            List<ResultColumn> out = source.columns();
            if (s.columns() == null && out.size() < targets.size()) {
                targets = targets.subList(0, out.size());
            }
            checkWidth(out.size(), targets.size(), null, s);
            projection = targetDefaults(t);
            for (int k = 0; k < out.size(); k++) {
                int i = baseColumn(targets.get(k), "insert");
                notGenerated(t, i, null);
                if (overridesIdentity(t, i, s)) {
                    continue;
                }
                projection[i] = assign(new ColumnVar(k, out.get(k).type(), out.get(k).typmod(), out.get(k).name()),
                    cols.get(i), sourceLocation(s.source(), k));
            }
        }
        ps.setScope(view != null ? UpdatableView.scope(view, s.table())
            : Scope.of(t, s.table().alias() == null ? s.table().schema() : null, s.table().alias(),
            ps.systemColumns()));
        targetColumns(t);
        writesColumns(t, org.tuskdb.sql.internal.catalog.AclItems.INSERT, s.source() == null ? List.of() : targets);
        if (s.onConflict() != null && s.onConflict().doUpdate() && view == null) {
            ps.requirePrivileges(t.oid(), org.tuskdb.sql.internal.catalog.AclItems.UPDATE);
            ps.checkColumns(t, null);
            writesColumns(t, org.tuskdb.sql.internal.catalog.AclItems.UPDATE, setPositions(t, s.onConflict().set()));
        }
        if (s.onConflict() != null) {
            notOnView(t, "ON CONFLICT");
        }
        OnConflictSpec onConflict = s.onConflict() == null ? null : new OnConflictAnalyzer(ps, expressions).analyze(t, s);
        ModifyQuery m = returning(ModifyQuery.Kind.INSERT, t, valuesRows, source, projection, null, null, s.returning())
            .withOnConflict(onConflict);
        if (view != null) {
            m = m.withViewChecks(view.checks());
        }
        return onConflict != null && onConflict.doUpdate()
            ? m.withForeignKeys(ForeignKeyBinder.bind(t, true, false, true, ps)) : m;
    }

    /**
     * INSERT's (and MERGE's INSERT's) target columns: all of the table's, or those named, in the
     * order given (42703 for an unknown one, 42701 for one named twice).
     */
    List<Integer> insertTargets(TableDescriptor t, List<String> columns, List<Integer> locations) {
        return insertTargets(t.columns(), t.name(), columns, locations);
    }

    /** ... of a relation's columns {@code cols} (a table's, or an updatable view's) named {@code relName}. */
    private List<Integer> insertTargets(List<Relation.Column> cols, String relName, List<String> columns,
                                        List<Integer> locations) {
        List<Integer> targets = new ArrayList<>();
        if (columns == null) {
            for (int i = 0; i < cols.size(); i++) {
                targets.add(i);
            }
            return targets;
        }
        for (int k = 0; k < columns.size(); k++) {
            String name = columns.get(k);
            int i = -1;
            for (int j = 0; j < cols.size() && i < 0; j++) {
                if (cols.get(j).name().equals(name)) {
                    i = j;
                }
            }
            if (i < 0) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN,
                    "column \"" + name + "\" of relation \"" + relName + "\" does not exist",
                    ps.position(locations.get(k)));
            }
            if (targets.contains(i)) {
                throw DatabaseException.atPosition("42701", "column \"" + name + "\" specified more than once",
                    ps.position(locations.get(k)));
            }
            targets.add(i);
        }
        return targets;
    }

    /**
     * The base table column an INSERT or SET writes for target column {@code k}: k itself on a
     * table; through an updatable view the base column its view column is (0A000 for an expression).
     */
    private int baseColumn(int k, String verb) {
        if (view == null) {
            return k;
        }
        int b = view.baseColumn()[k];
        if (b < 0) {
            throw UpdatableView.notUpdatableColumn(verb, view.view().columns().get(k).name(), view.view().name());
        }
        return b;
    }

    /**
     * INSERT's row before its values: the table's defaults, through a view the view's own column
     * defaults over them (ALTER VIEW ... SET DEFAULT), as rewriteTargetView applies them.
     */
    private Expression[] targetDefaults(TableDescriptor t) {
        Expression[] row = defaultsRow(t);
        if (view != null && view.defaults() != null) {
            for (int j = 0; j < view.defaults().length; j++) {
                if (view.defaults()[j] != null && view.baseColumn()[j] >= 0) {
                    row[view.baseColumn()[j]] = view.defaults()[j];
                }
            }
        }
        return row;
    }

    private static boolean overridesIdentity(TableDescriptor t, int i, Statement.Insert s) {
        return overridesIdentity(t, i, s.overriding());
    }

    /**
     * An explicit value for an identity column: GENERATED ALWAYS refuses it (428C9) unless
     * OVERRIDING SYSTEM VALUE; OVERRIDING USER VALUE replaces it by the default (true).
     */
    static boolean overridesIdentity(TableDescriptor t, int i, String overriding) {
        String identity = t.identity()[i];
        if (identity.isEmpty()) {
            return false;
        }
        if ("user".equals(overriding)) {
            return true;
        }
        if (identity.equals("a") && !"system".equals(overriding)) {
            String c = t.columns().get(i).name();
            throw DatabaseException.error("428C9", "cannot insert a non-DEFAULT value into column \"" + c + "\"")
                .withDetail("Column \"" + c + "\" is an identity column defined as GENERATED ALWAYS.")
                .withHint("Use OVERRIDING SYSTEM VALUE to override.");
        }
        return false;
    }

    /**
     * rewriteTargetListIU: a stored generated column takes only DEFAULT (it is computed when the
     * row is stored); any other value, INSERT ... SELECT's too, is 428C9. Returns {@code e}.
     */
    static Expr notGenerated(TableDescriptor t, int i, Expr e) {
        return notGenerated(t, i, e, false);
    }

    /** As above for INSERT, or ({@code update}) for the SET list of UPDATE and ON CONFLICT DO UPDATE. */
    static Expr notGenerated(TableDescriptor t, int i, Expr e, boolean update) {
        if (t.isGenerated(i) && !(e instanceof Expr.SetToDefault)) {
            String c = t.columns().get(i).name();
            throw DatabaseException.error("428C9", update ? "column \"" + c + "\" can only be updated to DEFAULT"
                : "cannot insert a non-DEFAULT value into column \"" + c + "\"")
                .withDetail("Column \"" + c + "\" is a generated column.");
        }
        return e;
    }

    private void checkWidth(int expressionsGiven, int columnsGiven, List<Expr> raw, Statement.Insert s) {
        if (expressionsGiven > columnsGiven) {
            int loc = raw != null ? raw.get(columnsGiven).location() : s.source().location();
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns",
                ps.position(loc));
        }
        if (expressionsGiven < columnsGiven) {
            int loc = s.columnLocations() != null ? s.columnLocations().get(expressionsGiven)
                : raw != null && !raw.isEmpty() ? raw.get(raw.size() - 1).location() : s.location();
            throw DatabaseException.atPosition(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions",
                ps.position(loc));
        }
    }

    static Expression[] defaultsRow(TableDescriptor t) {
        Expression[] row = new Expression[t.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = defaultOf(t, i);
        }
        return row;
    }

    static Expression defaultOf(TableDescriptor t, int i) {
        Expression d = t.defaults()[i];
        Relation.Column c = t.columns().get(i);
        return d != null ? d : new Const(null, c.type(), c.typmod());
    }

    ModifyQuery update(Statement.Update s) {
        TableDescriptor t = target(s.table(), "update");
        readsTarget(t, s.where(), s.returning());
        if (s.from() != null && !s.from().isEmpty()) {
            notOnView(t, "UPDATE ... FROM");
        }
        FromNode from = targetScope(t, s.table(), s.from(), s.location());
        targetColumns(t);
        Expression[] newRow = unchangedRow(t);
        assignSet(t, view == null ? s.set() : viewSet(s.set()), newRow);
        writesColumns(t, org.tuskdb.sql.internal.catalog.AclItems.UPDATE, setPositions(t, s.set()));
        if (from == null) {
            Expression where = where(s.where());
            return throughView(returning(ModifyQuery.Kind.UPDATE, t, null, null, null, where, newRow, s.returning()));
        }
        return joined(ModifyQuery.Kind.UPDATE, t, from, s.where(), newRow, s.returning());
    }

    /** UPDATE's new row before its SET list: each column its old value. */
    static Expression[] unchangedRow(TableDescriptor t) {
        List<Relation.Column> cols = t.columns();
        Expression[] newRow = new Expression[cols.size()];
        for (int i = 0; i < newRow.length; i++) {
            newRow[i] = new ColumnVar(i, cols.get(i).type(), cols.get(i).typmod(), cols.get(i).name());
        }
        return newRow;
    }

    /**
     * A SET list into {@code newRow} (UPDATE's, MERGE's UPDATE's): each value coerced to its
     * column, DEFAULT the column's default; 42703, 42601 for a column assigned twice, 428C9.
     */
    void assignSet(TableDescriptor t, List<Statement.SetClause> set, Expression[] newRow) {
        List<Relation.Column> cols = t.columns();
        boolean[] assigned = new boolean[cols.size()];
        boolean[] assignedWhole = new boolean[cols.size()];
        for (Statement.SetClause c : set) {
            int i = t.columnIndex(c.column());
            if (i < 0) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN,
                    "column \"" + c.column() + "\" of relation \"" + t.name() + "\" does not exist",
                    ps.position(c.location()));
            }
            if (!c.fields().isEmpty() && !assignedWhole[i] && !(c.value() instanceof Expr.SetToDefault)) {
                // SET p.f = v (PostgreSQL's FieldStore): fields of one column may be set by several clauses
                assigned[i] = true;
                newRow[i] = fieldStore(newRow[i], cols.get(i), c, 0);
                continue;
            }
            if (assigned[i]) {
                // the rewriter's error in PostgreSQL (process_matched_tle): no position
                throw DatabaseException.error(SqlState.SYNTAX_ERROR,
                    "multiple assignments to same column \"" + c.column() + "\"");
            }
            assigned[i] = true;
            assignedWhole[i] = true;
            notGenerated(t, i, c.value(), true);
            if (!(c.value() instanceof Expr.SetToDefault) && t.identity()[i].equals("a")) {
                throw DatabaseException.error("428C9", "column \"" + c.column() + "\" can only be updated to DEFAULT")
                    .withDetail("Column \"" + c.column() + "\" is an identity column defined as GENERATED ALWAYS.");
            }
            newRow[i] = c.value() instanceof Expr.SetToDefault ? defaultOf(t, i)
                : assign(expressions.transform(c.value()), cols.get(i), c.value().location());
        }
    }

    /**
     * transformAssignmentIndirection for {@code c.fields()} from {@code depth} on: {@code base} (the
     * column's value so far) with that field replaced by the clause's value, coerced to the field's
     * type (nested fields {@code p.q.f} recurse into the field's current value).
     */
    private Expression fieldStore(Expression base, Relation.Column column, Statement.SetClause c, int depth) {
        String field = c.fields().get(depth);
        PgType type = base.type();
        String path = depth == 0 ? column.name() : column.name() + "." + String.join(".", c.fields().subList(0, depth));
        if (!type.isComposite()) {
            throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH, "cannot assign to field \"" + field
                + "\" of column \"" + path + "\" because its type " + type.displayName() + " is not a composite type",
                ps.position(c.location()));
        }
        int f = type.fieldIndex(field);
        if (f < 0) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "cannot assign to field \"" + field
                + "\" of column \"" + path + "\" because there is no such column in data type " + type.displayName(),
                ps.position(c.location()));
        }
        Expression value = depth + 1 < c.fields().size()
            ? fieldStore(new org.tuskdb.sql.internal.expr.FieldSelectExpr(base, f, type.fieldType(f)), column, c, depth + 1)
            : assign(expressions.transform(c.value()), new Relation.Column(field, type.fieldType(f), type.fieldTypmod(f)),
                c.value().location());
        return new org.tuskdb.sql.internal.expr.FieldStoreExpr(base, f, value, type);
    }

    ModifyQuery delete(Statement.Delete s) {
        TableDescriptor t = target(s.table(), "delete from");
        readsTarget(t, s.where(), s.returning());
        if (s.using() != null && !s.using().isEmpty()) {
            notOnView(t, "DELETE ... USING");
        }
        FromNode from = targetScope(t, s.table(), s.using(), s.location());
        targetColumns(t);
        if (from == null) {
            Expression where = where(s.where());
            return throughView(returning(ModifyQuery.Kind.DELETE, t, null, null, null, where, null, s.returning()));
        }
        return joined(ModifyQuery.Kind.DELETE, t, from, s.where(), null, s.returning());
    }

    /**
     * Sets the scope of an UPDATE / DELETE: the target alone, or (UPDATE ... FROM, DELETE ...
     * USING) the target followed by the other FROM items in one wide row, as a SELECT's FROM list
     * (PostgreSQL's range table with the result relation first). The target's slice ends with a
     * slot for the row's tid. Returns the FROM tree, null for the target alone.
     */
    private FromNode targetScope(TableDescriptor t, Statement.RangeVar rv, List<Statement.FromItem> others,
                                 int location) {
        if (view != null) {
            if (!others.isEmpty()) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "UPDATE ... FROM / DELETE ... USING on an updatable view is not supported yet");
            }
            ps.setScope(UpdatableView.scope(view, rv));
            return null;
        }
        String schema = rv.alias() == null ? rv.schema() : null;
        if (others.isEmpty()) {
            ps.setScope(Scope.of(t, schema, rv.alias(), ps.systemColumns()));
            ps.scope().markAllUsed();
            return null;
        }
        Scope level = new Scope(Scope.EMPTY);
        level.addBase(t, rv.alias() == null ? t.name() : rv.alias(), schema, null, null, true, ps.systemColumns());
        java.util.Arrays.fill(level.bases.get(0).used, true);
        level.width++; // the tid slot
        FromNode from = new FromNode.ModifyTarget(0, t, 0, level.width);
        ps.setScope(level);
        return analyzer.addModifyFromItems(others, level, from, location);
    }

    private ModifyQuery joined(ModifyQuery.Kind kind, TableDescriptor t, FromNode from, Expr rawWhere,
                               Expression[] newRow, List<Statement.ResTarget> returning) {
        Scope level = ps.scope();
        List<FromNode.Conjunct> quals = analyzer.whereConjuncts(rawWhere, level);
        Expression where = null;
        if (quals.size() == 1) {
            where = quals.get(0).expr();
        } else if (quals.size() > 1) {
            Expression[] args = new Expression[quals.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = quals.get(i).expr();
            }
            where = new org.tuskdb.sql.internal.expr.BoolExpr(org.tuskdb.sql.internal.expr.BoolExpr.Op.AND, args);
        }
        ModifyQuery m = returning(kind, t, null, null, null, where, newRow, returning);
        int tidSlot = level.bases.get(0).width;
        return m.withJoin(new ModifyQuery.JoinSource(analyzer.usedColumnsOf(from, level), List.copyOf(quals),
            level.width, tidSlot));
    }

    private Expression where(Expr e) {
        Expression w = e == null ? null : expressions.toBoolean(expressions.transform(e), "WHERE", e.location());
        return view == null ? w : UpdatableView.and(view.condition(), w); // only the rows the view shows
    }

    /** UPDATE / DELETE through an updatable view: its WITH CHECK OPTION conditions too. */
    private ModifyQuery throughView(ModifyQuery m) {
        return view == null ? m : m.withViewChecks(view.checks());
    }

    /** A SET list naming view columns, as the base columns they are (42703, 0A000 for an expression column). */
    private List<Statement.SetClause> viewSet(List<Statement.SetClause> set) {
        List<Statement.SetClause> out = new ArrayList<>(set.size());
        List<Relation.Column> cols = view.view().columns();
        for (Statement.SetClause c : set) {
            int k = -1;
            for (int j = 0; j < cols.size() && k < 0; j++) {
                if (cols.get(j).name().equals(c.column())) {
                    k = j;
                }
            }
            if (k < 0) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + c.column()
                    + "\" of relation \"" + view.view().name() + "\" does not exist", ps.position(c.location()));
            }
            out.add(new Statement.SetClause(view.table().columns().get(baseColumn(k, "update")).name(), c.value(),
                c.location()));
        }
        return out;
    }

    private ModifyQuery returning(ModifyQuery.Kind kind, TableDescriptor t, List<Expression[]> valuesRows, Query source,
                                  Expression[] projection, Expression where, Expression[] newRow,
                                  List<Statement.ResTarget> returning) {
        ForeignKeyGraph keys = ForeignKeyBinder.bind(t, kind, ps);
        if (returning.isEmpty()) {
            return new ModifyQuery(kind, t, valuesRows, source, projection, where, newRow, List.of(), null)
                .withForeignKeys(keys).withSystemColumns(systemSlots(t));
        }
        List<Expression> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        analyzer.targetList(returning, targets, names);
        analyzer.resolveUnknowns(targets);
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            columns.add(new ResultColumn(names.get(i), targets.get(i).type(), targets.get(i).typmod()));
        }
        return new ModifyQuery(kind, t, valuesRows, source, projection, where, newRow, List.copyOf(targets),
            List.copyOf(columns)).withForeignKeys(keys).withSystemColumns(systemSlots(t));
    }

    /** Whether the target's slice of the current scope has the system column slots (SystemColumns). */
    private boolean systemSlots(TableDescriptor t) {
        Scope s = ps.scope();
        return !s.bases.isEmpty() && s.bases.get(0).width >= t.columns().size() + SystemColumns.SLOTS;
    }

    /**
     * Where an error about INSERT ... SELECT's output column k points: that column's expression
     * in the (leftmost) SELECT list as PostgreSQL's exprLocation, a * for what it expands to, the
     * SELECT itself otherwise.
     */
    private static int sourceLocation(Statement.Select sel, int k) {
        while (sel.setOp() != null) {
            sel = sel.setOp().left();
        }
        if (sel.targets() == null || sel.targets().isEmpty()) {
            return sel.location();
        }
        for (int j = 0; j < sel.targets().size(); j++) {
            Statement.ResTarget t = sel.targets().get(j);
            if (t.expr() instanceof Expr.Star) {
                return t.expr().location();
            }
            if (j == k) {
                return t.expr().location();
            }
        }
        return sel.location();
    }

    Expression assign(Expression e, Relation.Column c, int location) {
        return assign(e, c.type(), c.typmod(), c.name(), location, ps);
    }

    /** transformAssignedExpr: assignment coercion with PostgreSQL's 42804 wording. */
    static Expression assign(Expression e, PgType type, int typmod, String column, int location, ParseState ps) {
        PgType source = e.type();
        if (source != PgType.UNKNOWN && source != type) {
            Casts.Context c = Casts.context(source, type);
            if (c == null || c == Casts.Context.EXPLICIT) {
                throw DatabaseException.atPosition(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
                    + type.displayName() + " but expression is of type " + source.displayName(), ps.position(location))
                    .withHint("You will need to rewrite or cast the expression.");
            }
        }
        return Coercion.coerce(e, type, typmod, Casts.Context.ASSIGNMENT, ps, location);
    }
}
