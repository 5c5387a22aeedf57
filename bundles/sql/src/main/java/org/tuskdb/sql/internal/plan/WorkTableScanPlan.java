package org.tuskdb.sql.internal.plan;

import java.util.Iterator;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.value.Value;

/** A recursive CTE's name inside its recursive term: the rows of the previous round. */
public final class WorkTableScanPlan extends Plan {
    private final int workTable;

    public WorkTableScanPlan(int workTable) {
        this.workTable = workTable;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        Iterator<Value[]> rows = SubqueryContext.workTable(ctx, workTable).iterator();
        return () -> rows.hasNext() ? rows.next() : null;
    }
}
