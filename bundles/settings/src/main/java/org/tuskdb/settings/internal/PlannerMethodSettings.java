package org.tuskdb.settings.internal;

import java.util.List;

/**
 * PostgreSQL 15's planner method switches (enable_*) and its JIT thresholds, with PostgreSQL's
 * defaults and descriptions. The sql bundle's planner reads the enable_* ones it has a choice
 * for (a disabled method is not forbidden: it costs disable_cost more, as in costsize.c); the
 * others are accepted so that scripts and tools that set them work, and change nothing (Tusk
 * has no bitmap, TID, parallel, memoize or incremental-sort paths, and no JIT). Kept apart from
 * {@link SettingsCatalog} so that the planner's settings have one home.
 */
final class PlannerMethodSettings {
    private static final String METHOD = "Query Tuning / Planner Method Configuration";
    private static final String COST = "Query Tuning / Planner Cost Constants";
    private static final String OTHER = "Query Tuning / Other Planner Options";

    private PlannerMethodSettings() {}

    static void addTo(List<Setting> all) {
        method(all, "enable_async_append", "on", "Enables the planner's use of async append plans.");
        method(all, "enable_bitmapscan", "on", "Enables the planner's use of bitmap-scan plans.");
        method(all, "enable_gathermerge", "on", "Enables the planner's use of gather merge plans.");
        method(all, "enable_hashagg", "on", "Enables the planner's use of hashed aggregation plans.");
        method(all, "enable_hashjoin", "on", "Enables the planner's use of hash join plans.");
        method(all, "enable_incremental_sort", "on", "Enables the planner's use of incremental sort steps.");
        method(all, "enable_indexonlyscan", "on", "Enables the planner's use of index-only-scan plans.");
        method(all, "enable_indexscan", "on", "Enables the planner's use of index-scan plans.");
        method(all, "enable_material", "on", "Enables the planner's use of materialization.");
        method(all, "enable_memoize", "on", "Enables the planner's use of memoization.");
        method(all, "enable_mergejoin", "on", "Enables the planner's use of merge join plans.");
        method(all, "enable_nestloop", "on", "Enables the planner's use of nested-loop join plans.");
        method(all, "enable_parallel_append", "on", "Enables the planner's use of parallel append plans.");
        method(all, "enable_parallel_hash", "on", "Enables the planner's use of parallel hash plans.");
        method(all, "enable_partition_pruning", "on", "Enables plan-time and execution-time partition pruning.");
        method(all, "enable_partitionwise_aggregate", "off", "Enables partitionwise aggregation and grouping.");
        method(all, "enable_partitionwise_join", "off", "Enables partitionwise join.");
        method(all, "enable_seqscan", "on", "Enables the planner's use of sequential-scan plans.");
        method(all, "enable_sort", "on", "Enables the planner's use of explicit sort steps.");
        method(all, "enable_tidscan", "on", "Enables the planner's use of TID scan plans.");
        // JIT: PostgreSQL 15 built with LLVM (as the distributions ship it) has jit on; Tusk
        // compiles nothing either way, so the switch and its thresholds are only shown
        all.add(SettingsCatalog.bool("jit", "on", "user", OTHER, "Allow JIT compilation."));
        all.add(SettingsCatalog.real("jit_above_cost", "100000", "user", COST,
                "Perform JIT compilation if query is more expensive.", "-1", SettingsCatalog.DOUBLE_MAX));
        all.add(SettingsCatalog.real("jit_inline_above_cost", "500000", "user", COST,
                "Perform JIT inlining if query is more expensive.", "-1", SettingsCatalog.DOUBLE_MAX));
        all.add(SettingsCatalog.real("jit_optimize_above_cost", "500000", "user", COST,
                "Optimize JIT-compiled functions if query is more expensive.", "-1", SettingsCatalog.DOUBLE_MAX));
    }

    private static void method(List<Setting> all, String name, String boot, String description) {
        all.add(SettingsCatalog.bool(name, boot, "user", METHOD, description));
    }
}
