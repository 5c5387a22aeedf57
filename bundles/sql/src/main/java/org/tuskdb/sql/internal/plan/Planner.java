package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.analyze.ResultColumn;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * Query to plan. With no tables there is nothing to choose yet, so the shape is fixed:
 * source (Result, Values or a view scan) → Filter → Project → Unique → Sort → Limit. The
 * cost-based choices of the SQL issue (scan methods, join order) replace the source part.
 */
public final class Planner {
    private Planner() {}

    /** A plan and the columns it returns (the first {@code columns.size()} of each row). */
    public record PlannedQuery(Plan root, List<ResultColumn> columns) {}

    public static PlannedQuery plan(Query q) {
        Plan p;
        boolean qualInScan = false;
        if (q.source() instanceof org.tuskdb.sql.internal.catalog.TableDescriptor t) {
            p = new SeqScanPlan(t, q.where(), q.rowLock(), q.usedColumns());
            qualInScan = true;
        } else if (q.source() instanceof org.tuskdb.sql.internal.catalog.SystemView v) {
            p = new ViewScanPlan(v);
        } else if (q.valuesRows() != null) {
            p = new ValuesPlan(q.valuesRows());
        } else {
            p = new ResultPlan();
        }
        if (q.where() != null && !qualInScan) {
            p = new FilterPlan(p, q.where());
        }
        p = new ProjectPlan(p, q.targets().toArray(new Expression[0]));
        if (q.distinct()) {
            p = new UniquePlan(p, q.visible());
        }
        if (!q.sort().isEmpty()) {
            p = new SortPlan(p, q.sort());
        }
        if (q.limit() != null || q.offset() != null) {
            p = new LimitPlan(p, q.limit(), q.offset());
        }
        return new PlannedQuery(p, q.columns());
    }

    /** INSERT / UPDATE / DELETE: a ModifyTable over VALUES, a query, or a scan of the table. */
    public static PlannedQuery plan(org.tuskdb.sql.internal.analyze.ModifyQuery m) {
        Plan source = null;
        if (m.valuesRows() != null) {
            source = new ValuesPlan(m.valuesRows());
        } else if (m.source() != null) {
            source = plan(m.source()).root();
        }
        Expression[] returning = m.returning().isEmpty() ? null : m.returning().toArray(new Expression[0]);
        return new PlannedQuery(new ModifyTablePlan(m.kind(), m.table(), source, m.projection(), m.where(),
            m.newRow(), returning), m.columns());
    }
}
