package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.analyze.ModifyingCte;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * A statement with data-modifying CTEs (PostgreSQL's ModifyTable subplans of a Query with
 * hasModifyingCTE): at open, each CTE something reads runs its ModifyTable to completion in WITH
 * order and its RETURNING rows are kept in the execution's state under the CTE (read by
 * {@link CteScanPlan}); then the main plan opens. The CTEs nothing reads run when the main plan's
 * rows end, as PostgreSQL's ExecPostprocessPlan runs them (so an outer UPDATE of the same row
 * wins, the CTE finding it changed by this command). Without those the main plan's cursor is
 * returned as it is (a ModifyTable's stays one, for the command tag).
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
        boolean after = false;
        for (int i = 0; i < ctes.size(); i++) {
            if (ctes.get(i).afterMain()) {
                after = true;
            } else {
                run(i, ctx);
            }
        }
        RowCursor cursor = main.open(ctx);
        return after ? new Cursor(cursor, ctx) : cursor;
    }

    /** Runs CTE i to completion, keeping its RETURNING rows for its CTE Scans. */
    private void run(int i, EvalContext ctx) {
        RowCursor c = plans.get(i).open(ctx);
        List<Value[]> rows = new ArrayList<>();
        Value[] row;
        while ((row = c.next()) != null) {
            rows.add(row);
            ctx.checkForInterrupts();
        }
        ctx.executionState().put(ctes.get(i), rows);
    }

    /** The main statement's rows; at their end the CTEs nothing reads run (ExecPostprocessPlan). */
    public final class Cursor implements RowCursor {
        private final RowCursor main;
        private final EvalContext ctx;
        private boolean done;

        Cursor(RowCursor main, EvalContext ctx) {
            this.main = main;
            this.ctx = ctx;
        }

        /** The main plan's cursor (a ModifyTable's gives the command tag). */
        public RowCursor main() {
            return main;
        }

        @Override
        public Value[] next() {
            Value[] row = main.next();
            if (row == null && !done) {
                done = true;
                for (int i = 0; i < ctes.size(); i++) {
                    if (ctes.get(i).afterMain()) {
                        run(i, ctx);
                    }
                }
            }
            return row;
        }
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public List<ModifyingCte> explainCtes() { return ctes; }
    public List<Plan> explainCtePlans() { return plans; }
    public Plan explainMain() { return main; }
}
