package org.tuskdb.sql.internal.session;

import org.tuskdb.sql.internal.analyze.AnalyzedStatement;
import org.tuskdb.sql.internal.plan.Planner;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's CachedPlanSource (plancache.c) for one prepared statement: the analyzed statement
 * and the choice, at each Bind / EXECUTE, between a custom plan (made for these parameter
 * values, folded into the plan as constants) and the generic plan (made once, parameters left
 * as parameters). choose_custom_plan's rules: no parameters, or plan_cache_mode =
 * force_generic_plan, use the generic plan; force_custom_plan a custom one; auto uses custom
 * plans for the first five executions, then the generic plan as long as its cost is below the
 * average cost of the custom plans (each charged 1000 × cpu_operator_cost × (relations + 1) for
 * the planning it needs). Once the generic plan is chosen an execution costs a few comparisons:
 * no planning, no allocation. Used by the session's thread only.
 */
final class CachedPlanSource {
    /** Custom plans tried before the generic plan is considered (plancache.c's 5). */
    static final int CUSTOM_PLAN_TRIES = 5;

    enum Mode { AUTO, FORCE_CUSTOM, FORCE_GENERIC }

    /** Plans the statement: generic (params null) or custom; and costs a plan. */
    interface PlanMaker {
        Planner.PlannedQuery plan(AnalyzedStatement statement, Value[] params);

        double cost(Planner.PlannedQuery plan);
    }

    private final AnalyzedStatement statement;
    private final int parameterCount;
    /** 1000 * cpu_operator_cost * (relations + 1), the planning a custom plan needs, in cost units. */
    private final int relations;
    private Planner.PlannedQuery generic;
    /** The planner switches the generic plan was made under: other ones (a SET enable_*) make it again. */
    private Object genericMethods;
    private double genericCost = -1;
    private double totalCustomCost;
    private long customPlans;
    private long genericPlans;
    /** Whether the last choice was a custom plan (EXPLAIN EXECUTE shows that plan). */
    private boolean lastCustom;

    CachedPlanSource(AnalyzedStatement statement, int parameterCount, int relations) {
        this.statement = statement;
        this.parameterCount = parameterCount;
        this.relations = relations;
    }

    AnalyzedStatement statement() { return statement; }
    long customPlans() { return customPlans; }
    long genericPlans() { return genericPlans; }
    boolean lastCustom() { return lastCustom; }

    /** GetCachedPlan: the plan this execution runs. */
    Planner.PlannedQuery plan(Value[] params, Mode mode, double cpuOperatorCost, Object methods, PlanMaker maker) {
        if (generic != null && !methods.equals(genericMethods)) {
            // PostgreSQL keeps a generic plan across SET enable_*; Tusk plans it again so that the
            // switches apply to prepared statements and to the simple-statement cache alike
            generic = null;
            genericCost = -1;
        }
        boolean custom = chooseCustom(mode);
        if (!custom) {
            if (generic == null) {
                generic = maker.plan(statement, null);
                genericMethods = methods;
                genericCost = maker.cost(generic);
                // the generic plan's now-known cost may say it loses: then it is not run (plancache.c's "wart")
                custom = chooseCustom(mode);
            }
            if (!custom) {
                genericPlans++;
                lastCustom = false;
                return generic;
            }
        }
        Planner.PlannedQuery plan = maker.plan(statement, params);
        totalCustomCost += maker.cost(plan) + 1000.0 * cpuOperatorCost * (relations + 1);
        customPlans++;
        lastCustom = true;
        return plan;
    }

    /** choose_custom_plan. */
    private boolean chooseCustom(Mode mode) {
        if (parameterCount == 0 || mode == Mode.FORCE_GENERIC) {
            return false;
        }
        if (mode == Mode.FORCE_CUSTOM) {
            return true;
        }
        if (customPlans < CUSTOM_PLAN_TRIES) {
            return true;
        }
        double averageCustom = totalCustomCost / customPlans;
        // genericCost -1 (not made yet): try the generic plan
        return !(genericCost < averageCustom);
    }

    /** The generic plan is made again after a catalog change (the statement is analyzed anew by the caller). */
    static Mode mode(String setting) {
        if (setting == null) {
            return Mode.AUTO;
        }
        return switch (setting) {
            case "force_custom_plan" -> Mode.FORCE_CUSTOM;
            case "force_generic_plan" -> Mode.FORCE_GENERIC;
            default -> Mode.AUTO;
        };
    }
}
