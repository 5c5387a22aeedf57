package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * An analyzed INSERT, UPDATE or DELETE (PostgreSQL's Query with a result relation).
 *
 * @param valuesRows INSERT ... VALUES: one expression per table column for each row (defaults
 *                   filled in, coerced to the column types)
 * @param source     INSERT ... SELECT: the query producing the rows
 * @param projection INSERT ... SELECT: per table column, an expression over the source row
 * @param where      UPDATE / DELETE: the condition, or null
 * @param newRow     UPDATE: per table column, the new value as an expression over the old row
 * @param returning  RETURNING expressions over the new (INSERT, UPDATE) or old (DELETE) row;
 *                   empty when there is no RETURNING
 * @param columns    RETURNING's result columns, null without RETURNING
 * @param onConflict INSERT ... ON CONFLICT, or null
 * @param join       UPDATE ... FROM / DELETE ... USING: the join producing the target rows, or null;
 *                   then where, newRow and returning are over its wide rows
 * @param foreignKeys the FOREIGN KEYs the statement enforces ({@link ForeignKeyBinder})
 * @param modifyingCtes the data-modifying CTEs of its WITH, run before it ({@link Query#modifyingCtes})
 * @param systemColumns whether the target's rows carry the system column slots after its columns
 *                   (catalog/SystemColumns), which where and returning may read
 * @param merge      MERGE: its WHEN clauses in order (then join is the target joined to the
 *                   source, where the ON condition and newRow the columns any UPDATE assigns); else empty
 * @param viewChecks a statement on an automatically updatable view: the WITH CHECK OPTION
 *                   conditions each new row must pass (over the base table's row); else empty
 */
public record ModifyQuery(Kind kind, TableDescriptor table, List<Expression[]> valuesRows, Query source,
                          Expression[] projection, Expression where, Expression[] newRow, List<Expression> returning,
                          List<ResultColumn> columns, OnConflictSpec onConflict, JoinSource join,
                          ForeignKeyGraph foreignKeys, List<ModifyingCte> modifyingCtes, boolean systemColumns,
                          List<MergeClause> merge, List<ViewCheck> viewChecks)
    implements AnalyzedStatement {
    /** A WITH CHECK OPTION condition and the view its 44000 names. */
    public record ViewCheck(String view, Expression condition) {}

    public enum Kind { INSERT, UPDATE, DELETE, MERGE }

    /**
     * One WHEN clause of MERGE: for matched or unmatched source rows, its condition (null for
     * none) and action (null for DO NOTHING); {@code row} is UPDATE's new row or INSERT's row, per
     * table column an expression over the join's wide row.
     */
    public record MergeClause(boolean matched, Expression condition, Kind action, Expression[] row) {}

    public ModifyQuery(Kind kind, TableDescriptor table, List<Expression[]> valuesRows, Query source,
                       Expression[] projection, Expression where, Expression[] newRow, List<Expression> returning,
                       List<ResultColumn> columns, OnConflictSpec onConflict, JoinSource join,
                       ForeignKeyGraph foreignKeys, List<ModifyingCte> modifyingCtes, boolean systemColumns) {
        this(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict, join,
            foreignKeys, modifyingCtes, systemColumns, List.of(), List.of());
    }

    public ModifyQuery(Kind kind, TableDescriptor table, List<Expression[]> valuesRows, Query source,
                       Expression[] projection, Expression where, Expression[] newRow, List<Expression> returning,
                       List<ResultColumn> columns, OnConflictSpec onConflict, JoinSource join,
                       ForeignKeyGraph foreignKeys) {
        this(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict, join,
            foreignKeys, List.of(), false);
    }

    /** The same statement running {@code ctes} first. */
    public ModifyQuery withModifyingCtes(List<ModifyingCte> ctes) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns,
            onConflict, join, foreignKeys, List.copyOf(ctes), systemColumns, merge, viewChecks);
    }

    /**
     * The FROM tree (target first, a {@link FromNode.ModifyTarget} whose slice ends with the row's
     * tid), WHERE's conjuncts, and the wide row's width.
     */
    public record JoinSource(FromNode from, List<FromNode.Conjunct> quals, int width, int tidSlot) {}

    public ModifyQuery(Kind kind, TableDescriptor table, List<Expression[]> valuesRows, Query source,
                       Expression[] projection, Expression where, Expression[] newRow, List<Expression> returning,
                       List<ResultColumn> columns, OnConflictSpec onConflict) {
        this(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict, null,
            ForeignKeyGraph.NONE);
    }

    public ModifyQuery(Kind kind, TableDescriptor table, List<Expression[]> valuesRows, Query source,
                       Expression[] projection, Expression where, Expression[] newRow, List<Expression> returning,
                       List<ResultColumn> columns) {
        this(kind, table, valuesRows, source, projection, where, newRow, returning, columns, null);
    }

    public ModifyQuery withOnConflict(OnConflictSpec spec) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns, spec, join,
            foreignKeys, modifyingCtes, systemColumns, merge, viewChecks);
    }

    public ModifyQuery withJoin(JoinSource j) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict,
            j, foreignKeys, modifyingCtes, systemColumns, merge, viewChecks);
    }

    public ModifyQuery withForeignKeys(ForeignKeyGraph g) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict,
            join, g, modifyingCtes, systemColumns, merge, viewChecks);
    }

    /** The same statement with the target's system column slots (or without). */
    public ModifyQuery withSystemColumns(boolean system) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns, onConflict,
            join, foreignKeys, modifyingCtes, system, merge, viewChecks);
    }

    /** The same statement as a MERGE of {@code clauses}. */
    public ModifyQuery withMerge(List<MergeClause> clauses) {
        return new ModifyQuery(Kind.MERGE, table, valuesRows, source, projection, where, newRow, returning, columns,
            onConflict, join, foreignKeys, modifyingCtes, systemColumns, List.copyOf(clauses), viewChecks);
    }

    /** The same statement checking {@code checks} on each new row (a view's WITH CHECK OPTION). */
    public ModifyQuery withViewChecks(List<ViewCheck> checks) {
        return new ModifyQuery(kind, table, valuesRows, source, projection, where, newRow, returning, columns,
            onConflict, join, foreignKeys, modifyingCtes, systemColumns, merge, List.copyOf(checks));
    }
}
