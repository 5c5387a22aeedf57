package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * An analyzed SELECT or VALUES (PostgreSQL's Query): what to read, which rows to keep, what to
 * compute, in which order, how many. The planner decides how.
 *
 * @param source the relation in FROM, null when there is none
 * @param valuesRows for VALUES: one array of expressions per row; the targets then read columns
 *                   of these rows
 * @param targets the result expressions; the first {@code visible} are returned, the rest are
 *                sort keys only (resjunk)
 * @param sort keys by target index
 * @param rowLock FOR UPDATE / SHARE, or null
 * @param usedColumns for a table source: the columns any expression reads
 */
public record Query(Relation source, List<Expression[]> valuesRows, Expression where, List<Expression> targets,
                    List<ResultColumn> columns, int visible, List<SortKey> sort, boolean distinct, Expression limit,
                    Expression offset, org.tuskdb.api.heap.RowLockMode rowLock, boolean[] usedColumns)
    implements AnalyzedStatement {

    public record SortKey(int target, boolean descending, boolean nullsFirst) {}
}
