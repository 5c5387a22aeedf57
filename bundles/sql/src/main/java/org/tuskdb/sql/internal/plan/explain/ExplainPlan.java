package org.tuskdb.sql.internal.plan.explain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plan.CostModel;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.RelationSizes;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * EXPLAIN as a plan: one text column "QUERY PLAN", one row per output line. The costs are
 * computed at each execution with the tables' sizes of that moment. Under ANALYZE the explained
 * plan (instrumented by the planner) really runs to its end first — a DML statement really
 * modifies, as in PostgreSQL — and its rows are discarded.
 */
public final class ExplainPlan extends Plan {
    private final Plan explained;
    private final ExplainOptions options;
    private final Map<Plan, List<Query.SortKey>> sortKeys;
    private final Map<Plan, String> aliases;
    private final double planningMillis;
    private final boolean modifies;

    public ExplainPlan(Plan explained, ExplainOptions options, Map<Plan, List<Query.SortKey>> sortKeys,
                       Map<Plan, String> aliases, double planningMillis, boolean modifies) {
        this.explained = explained;
        this.aliases = aliases;
        this.options = options;
        this.sortKeys = sortKeys;
        this.planningMillis = planningMillis;
        this.modifies = modifies;
    }

    public Plan explained() { return explained; }
    public ExplainOptions options() { return options; }
    /** Whether running it changes tables (EXPLAIN ANALYZE of INSERT / UPDATE / DELETE). */
    public boolean modifies() { return modifies && options.analyze(); }

    @Override
    public RowCursor open(EvalContext ctx) {
        double executionMillis = 0;
        if (options.analyze()) {
            long t0 = System.nanoTime();
            RowCursor c = explained.open(ctx);
            while (c.next() != null) {
                ctx.checkForInterrupts();
            }
            executionMillis = (System.nanoTime() - t0) / 1e6;
        }
        CostModel model = new CostModel(sizes(ctx), name -> ctx.showSetting(name, true));
        List<Value> rows = new java.util.ArrayList<>();
        if (options.format() != ExplainOptions.Format.TEXT) {
            String doc = new Explainer(options, model, sortKeys, aliases, ctx).renderStructured(explained,
                options.showSummary() ? planningMillis : null,
                options.showSummary() && options.analyze() ? executionMillis : null);
            rows.add(options.format() == ExplainOptions.Format.JSON
                ? org.tuskdb.sql.internal.value.JsonValue.jsonTrusted(doc) : new TextValue(PgType.TEXT, doc));
        } else {
            for (String line : new Explainer(options, model, sortKeys, aliases, ctx).render(explained)) {
                rows.add(new TextValue(PgType.TEXT, line));
            }
            if (options.showSummary()) {
                rows.add(new TextValue(PgType.TEXT, String.format(Locale.ROOT, "Planning Time: %.3f ms", planningMillis)));
                if (options.analyze()) {
                    rows.add(new TextValue(PgType.TEXT,
                        String.format(Locale.ROOT, "Execution Time: %.3f ms", executionMillis)));
                }
            }
        }
        return new RowCursor() {
            private int next;

            @Override
            public Value[] next() {
                return next < rows.size() ? new Value[] {rows.get(next++)} : null;
            }
        };
    }

    /** Table sizes from the heap (cheap: the relation's block count), unknown when storage is not there. */
    static RelationSizes sizes(EvalContext ctx) {
        return (TableDescriptor t) -> {
            try {
                return ctx.storage().heap().blockCount(t.locator());
            } catch (RuntimeException e) {
                return -1;
            }
        };
    }
}
