package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.IndexKeys;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@code col IN (v1, v2, ...)} (an OR of equalities on an index's first column) as one index
 * point scan per distinct value, one after the other (PostgreSQL does this with a
 * ScalarArrayOpExpr index qual). The values are evaluated at open; NULLs and repeated values
 * are skipped, so no row comes twice. Each scan rechecks the whole qual. Like
 * {@link IndexScanPlan}, a small table is read by the {@code fallback} sequential scan.
 */
public final class IndexListScanPlan extends Plan {
    private final TableDescriptor table;
    private final IndexScanPlan[] points;
    private final Expression[] values;
    private final int flags;
    private final Plan fallback;

    IndexListScanPlan(TableDescriptor table, IndexScanPlan[] points, Expression[] values, int flags, Plan fallback) {
        this.table = table;
        this.points = points;
        this.values = values;
        this.flags = flags;
        this.fallback = fallback;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        table.checkScannable();
        if (fallback != null && ctx.storage().heap().blockCount(table.locator()) <= IndexScanPlan.SMALL_TABLE_PAGES) {
            return fallback.open(ctx);
        }
        Value[] none = new Value[0];
        Set<String> seen = new HashSet<>();
        List<IndexScanPlan> todo = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Value v = values[i].eval(none, ctx);
            if (v != null && seen.add(java.util.HexFormat.of().formatHex(
                IndexKeys.encode(new Value[] {v}, new int[] {flags})))) {
                todo.add(points[i]);
            }
        }
        return new TidCursor() {
            int next;
            TidCursor current;

            @Override
            public Tid tid() {
                return current == null ? null : current.tid();
            }

            @Override
            public Value[] next() {
                while (true) {
                    if (current != null) {
                        Value[] row = current.next();
                        if (row != null) {
                            return row;
                        }
                    }
                    if (next >= todo.size()) {
                        return null;
                    }
                    current = (TidCursor) todo.get(next++).open(ctx);
                }
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public TableDescriptor explainTable() { return table; }
    public IndexScanPlan[] explainPoints() { return points; }
    public Plan explainFallback() { return fallback; }
}
