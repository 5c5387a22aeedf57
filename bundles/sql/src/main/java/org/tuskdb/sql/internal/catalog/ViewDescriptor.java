package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.value.Value;

/**
 * A view as the relation cache holds it: its pg_class row (relkind v), the SELECT's source text
 * from pg_rewrite.ev_action, its columns (pg_attribute), and that query planned when the view was
 * loaded. A scan runs the plan (after taking AccessShareLock on the tables it reads) and returns
 * its rows; the planner does not yet merge a view's query into the outer one (the query helper's
 * subquery work will).
 */
public record ViewDescriptor(long oid, String schema, long namespaceOid, String name, String query,
                             List<Column> columns, Plan plan, List<Long> baseTables, TriggerSet triggers,
                             org.tuskdb.sql.internal.expr.Expression[] defaults, String checkOption)
    implements SystemView {
    public ViewDescriptor(long oid, String schema, long namespaceOid, String name, String query, List<Column> columns,
                          Plan plan, List<Long> baseTables) {
        this(oid, schema, namespaceOid, name, query, columns, plan, baseTables, TriggerSet.NONE, null, null);
    }

    /** The same view with its triggers (RelationCache attaches them when it loads the view). */
    public ViewDescriptor withTriggers(TriggerSet set) {
        return new ViewDescriptor(oid, schema, namespaceOid, name, query, columns, plan, baseTables, set, defaults,
            checkOption);
    }

    /**
     * The same view with what an INSERT / UPDATE through it uses (RelationCache reads them when it
     * loads the view): its columns' defaults (ALTER VIEW ... SET DEFAULT; null entries for none)
     * and reloptions' check_option ("local", "cascaded" or null).
     */
    public ViewDescriptor withUpdateOptions(org.tuskdb.sql.internal.expr.Expression[] columnDefaults, String check) {
        return new ViewDescriptor(oid, schema, namespaceOid, name, query, columns, plan, baseTables, triggers,
            columnDefaults, check);
    }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        for (long t : baseTables) {
            ctx.storage().lockRelation(t, LockMode.ACCESS_SHARE);
        }
        List<Value[]> out = new ArrayList<>();
        RowCursor c = plan.open(ctx);
        Value[] r;
        int n = columns.size();
        while ((r = c.next()) != null) {
            Value[] row = new Value[n];
            System.arraycopy(r, 0, row, 0, n);
            out.add(row);
            ctx.checkForInterrupts();
        }
        return out;
    }
}
