package org.tuskdb.sql.internal.plan;

import java.util.Iterator;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/** Scan of a system view: its rows are computed when the scan starts. */
public final class ViewScanPlan extends Plan {
    private final SystemView view;

    public ViewScanPlan(SystemView view) {
        this.view = view;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        Iterator<Value[]> rows = view.rows(ctx).iterator();
        return () -> rows.hasNext() ? rows.next() : null;
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public SystemView explainView() { return view; }
}
