package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * An analyzed SELECT, VALUES or set operation (PostgreSQL's Query): what to read, which rows to
 * keep, what to compute, in which order, how many. The planner decides how.
 *
 * @param source the relation in FROM when it is the only one, else null
 * @param valuesRows for VALUES: one array of expressions per row; the targets then read columns
 *                   of these rows
 * @param where the WHERE condition as a whole (also split into {@code quals})
 * @param targets the result expressions; the first {@code visible} are returned, the rest are
 *                sort keys only (resjunk)
 * @param sort keys by target index
 * @param rowLock FOR UPDATE / SHARE, or null
 * @param usedColumns for a table source: the columns any expression reads
 * @param from the FROM clause, null without one
 * @param quals WHERE's conjuncts
 * @param width the width of the FROM part's rows
 * @param aggregation GROUP BY / aggregates, or null; targets then read its output rows
 * @param distinctOn for DISTINCT ON: the target indexes of its expressions, else null
 * @param setOperation for a set operation: its two sides; targets then read its rows
 * @param windows window function calls, whose results the WindowAgg appends to its input rows
 * @param srfs set-returning functions of the select list, whose current values the ProjectSet
 *             appends after the windows' (a row per value, the shorter sets padded with NULLs)
 * @param modifyingCtes the top-level statement's data-modifying CTEs in WITH order (each run once,
 *                      to completion, before the query; see {@link FromNode.CteScanRel}); else empty
 */
public record Query(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                    List<ResultColumn> columns, int visible, List<SortKey> sort, boolean distinct, Expression limit,
                    Expression offset, org.tuskdb.sql.internal.ast.RowLock rowLock, boolean[] usedColumns,
                    FromNode from, List<FromNode.Conjunct> quals, int width, Aggregation aggregation,
                    int[] distinctOn, SetOperation setOperation, List<WindowCall> windows, List<SrfCall> srfs,
                    List<ModifyingCte> modifyingCtes)
    implements AnalyzedStatement {

    public Query(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                 List<ResultColumn> columns, int visible, List<SortKey> sort, boolean distinct, Expression limit,
                 Expression offset, org.tuskdb.sql.internal.ast.RowLock rowLock, boolean[] usedColumns,
                 FromNode from, List<FromNode.Conjunct> quals, int width, Aggregation aggregation,
                 int[] distinctOn, SetOperation setOperation, List<WindowCall> windows, List<SrfCall> srfs) {
        this(source, valuesRows, where, targets, columns, visible, sort, distinct, limit, offset, rowLock, usedColumns,
            from, quals, width, aggregation, distinctOn, setOperation, windows, srfs, List.of());
    }

    /** The same query running {@code ctes} first. */
    public Query withModifyingCtes(List<ModifyingCte> ctes) {
        return new Query(source, valuesRows, where, targets, columns, visible, sort, distinct, limit, offset, rowLock,
            usedColumns, from, quals, width, aggregation, distinctOn, setOperation, windows, srfs, List.copyOf(ctes));
    }

    public Query(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                 List<ResultColumn> columns, int visible, List<SortKey> sort, boolean distinct, Expression limit,
                 Expression offset, org.tuskdb.sql.internal.ast.RowLock rowLock, boolean[] usedColumns,
                 FromNode from, List<FromNode.Conjunct> quals, int width, Aggregation aggregation,
                 int[] distinctOn, SetOperation setOperation, List<WindowCall> windows) {
        this(source, valuesRows, where, targets, columns, visible, sort, distinct, limit, offset, rowLock, usedColumns,
            from, quals, width, aggregation, distinctOn, setOperation, windows, List.of());
    }

    /** A set-returning function call in the select list and its arguments (over the level's rows). */
    public record SrfCall(org.tuskdb.sql.internal.function.TableFunctionDef function, Expression[] args) {}

    public Query(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                 List<ResultColumn> columns, int visible, List<SortKey> sort, boolean distinct, Expression limit,
                 Expression offset, org.tuskdb.sql.internal.ast.RowLock rowLock, boolean[] usedColumns) {
        this(source, valuesRows, where, targets, columns, visible, sort, distinct, limit, offset, rowLock, usedColumns,
            null, List.of(), 0, null, null, null, List.of(), List.of());
    }

    public record SortKey(int target, boolean descending, boolean nullsFirst) {}
}
