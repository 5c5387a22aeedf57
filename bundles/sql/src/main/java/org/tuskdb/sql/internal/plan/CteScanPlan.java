package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.sql.internal.analyze.ModifyingCte;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/** A reference to a data-modifying CTE: the RETURNING rows {@link ModifyingCtePlan} kept for it. */
public final class CteScanPlan extends Plan {
    private final ModifyingCte cte;
    private final String alias;

    public CteScanPlan(ModifyingCte cte, String alias) {
        this.cte = cte;
        this.alias = alias;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RowCursor open(EvalContext ctx) {
        List<Value[]> rows = (List<Value[]>) ctx.executionState().get(cte);
        int n = rows.size();
        return new RowCursor() {
            private int next;

            @Override
            public Value[] next() {
                return next < n ? rows.get(next++) : null;
            }
        };
    }

    // ---- EXPLAIN reads these (plan/explain) ----

    public String explainName() { return cte.name(); }
    public String explainAlias() { return alias; }
    public List<String> explainColumns() { return cte.columns(); }
}
