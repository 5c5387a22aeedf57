package org.tuskdb.sql.internal.plan;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The planner method switches (PostgreSQL's enable_* settings) Tusk's planner has a choice
 * for. As in costsize.c a disabled method is not forbidden: a path that uses it costs
 * {@link #DISABLE_COST} more, so it is still taken where nothing else can do the job (a
 * sequential scan of a table without a usable index, a sort for an ORDER BY no index gives).
 * Where the planner chooses by a rule rather than by cost (the index path, the ordered index
 * scan, the small-table fallback), the rule asks the switch directly. Immutable; equal switches
 * are equal records, so a cached generic plan can tell whether it was made under other ones.
 *
 * @param seqscan enable_seqscan
 * @param indexscan enable_indexscan
 * @param sort enable_sort
 * @param hashagg enable_hashagg
 * @param hashjoin enable_hashjoin
 * @param mergejoin enable_mergejoin
 * @param nestloop enable_nestloop
 * @param material enable_material
 */
public record PlannerMethods(boolean seqscan, boolean indexscan, boolean sort, boolean hashagg, boolean hashjoin,
                             boolean mergejoin, boolean nestloop, boolean material) {
    /** costsize.c's disable_cost: added to the cost of a path using a disabled method. */
    public static final double DISABLE_COST = 1.0e10;

    /** Every enable_* setting PostgreSQL 15 has (those Tusk has no path for are accepted and ignored). */
    public static final List<String> SETTINGS = List.of("enable_async_append", "enable_bitmapscan",
        "enable_gathermerge", "enable_hashagg", "enable_hashjoin", "enable_incremental_sort", "enable_indexonlyscan",
        "enable_indexscan", "enable_material", "enable_memoize", "enable_mergejoin", "enable_nestloop",
        "enable_parallel_append", "enable_parallel_hash", "enable_partition_pruning",
        "enable_partitionwise_aggregate", "enable_partitionwise_join", "enable_seqscan", "enable_sort",
        "enable_tidscan");

    /** Everything enabled (PostgreSQL's defaults; planning without a session). */
    public static final PlannerMethods ALL = new PlannerMethods(true, true, true, true, true, true, true, true);

    /** Settings that keep their switches read (a session reads them again only after a SET). */
    public interface Source {
        PlannerMethods plannerMethods();
    }

    /** The switches of {@code settings} (null: all enabled). */
    public static PlannerMethods of(UnaryOperator<String> settings) {
        if (settings == null) {
            return ALL;
        }
        if (settings instanceof Source s) {
            return s.plannerMethods();
        }
        return read(settings);
    }

    /** Reads the switches from the settings (a missing one counts as on). */
    public static PlannerMethods read(UnaryOperator<String> settings) {
        PlannerMethods m = new PlannerMethods(on(settings, "enable_seqscan"), on(settings, "enable_indexscan"),
            on(settings, "enable_sort"), on(settings, "enable_hashagg"), on(settings, "enable_hashjoin"),
            on(settings, "enable_mergejoin"), on(settings, "enable_nestloop"), on(settings, "enable_material"));
        return m.equals(ALL) ? ALL : m;
    }

    private static boolean on(UnaryOperator<String> settings, String name) {
        String v = settings.apply(name);
        return v == null || !v.equals("off");
    }

    /** {@code cost}, plus disable_cost when {@code enabled} is false. */
    static double penalized(double cost, boolean enabled) {
        return enabled ? cost : cost + DISABLE_COST;
    }
}
