package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.analyze.ModifyingCte;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * A statement with data-modifying CTEs (PostgreSQL's ModifyTable subplans of a Query with
 * hasModifyingCTE): at open, each CTE's ModifyTable runs to completion in WITH order and its
 * RETURNING rows are kept in the execution's state under the CTE (read by {@link CteScanPlan});
 * then the main plan opens, and its cursor is what this plan returns (a ModifyTable's cursor
 * stays one, for the command tag).
 *
 * <p>Why running them first is PostgreSQL's semantics: every sub-statement runs in the same
 * command with the same snapshot, so none sees another's changes in the tables (only through
 * RETURNING), and PostgreSQL too runs each to completion even when nothing reads all its rows.
 * What differs is only the interleaving of side effects nobody can order on (nextval calls
 * in the CTE and in the main query). The rows are held in memory.
 */
public final class ModifyingCtePlan extends Plan {
    private final List<ModifyingCte> ctes;
    private final List<Plan> plans;
    private final Plan main;

    public ModifyingCtePlan(List<ModifyingCte> ctes, List<Plan> plans, Plan main) {
        this.ctes = List.copyOf(ctes);
        this.plans = List.copyOf(plans);
        this.main = main;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        for (int i = 0; i < ctes.size(); i++) {
            RowCursor c = plans.get(i).open(ctx);
            List<Value[]> rows = new ArrayList<>();
            Value[] row;
            while ((row = c.next()) != null) {
                rows.add(row);
                ctx.checkForInterrupts();
            }
            ctx.executionState().put(ctes.get(i), rows);
        }
        return main.open(ctx);
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public List<ModifyingCte> explainCtes() { return ctes; }
    public List<Plan> explainCtePlans() { return plans; }
    public Plan explainMain() { return main; }
}
