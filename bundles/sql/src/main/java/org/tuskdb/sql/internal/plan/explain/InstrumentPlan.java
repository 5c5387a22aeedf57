package org.tuskdb.sql.internal.plan.explain;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plan.Plan;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.plan.TidCursor;
import org.tuskdb.sql.internal.value.Value;

/**
 * EXPLAIN ANALYZE's instrumentation of one plan node (PostgreSQL's Instrumentation): counts the
 * node's opens (loops) and rows and, with TIMING, the time to its first row and in all. The
 * planner puts one above each node only when planning an EXPLAIN ANALYZE, so ordinary plans pay
 * nothing. The counters of one execution live in the statement's execution state, keyed by this
 * node, so the plan itself stays immutable.
 */
public final class InstrumentPlan extends Plan {
    private final Plan inner;
    private final boolean timing;

    public InstrumentPlan(Plan inner, boolean timing) {
        this.inner = inner;
        this.timing = timing;
    }

    public Plan inner() {
        return inner;
    }

    /** One execution's counters of the node. */
    public static final class Stats {
        long loops;
        long rows;
        long startupNanos;
        long totalNanos;
        /** Rows the node's own qual removed (FilterPlan merged into its input), -1 when not known. */
        long removed = -1;
    }

    /** The counters of this execution, or null when the node never ran. */
    public Stats stats(EvalContext ctx) {
        return (Stats) ctx.executionState().get(this);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        Stats s = (Stats) ctx.executionState().computeIfAbsent(this, k -> new Stats());
        s.loops++;
        long t0 = timing ? System.nanoTime() : 0;
        long before = s.totalNanos;
        RowCursor c = inner.open(ctx);
        if (timing) {
            s.totalNanos += System.nanoTime() - t0;
        }
        return new TidCursor() {
            private boolean first = true;

            @Override
            public Tid tid() {
                return c instanceof TidCursor t ? t.tid() : null;
            }

            @Override
            public Value[] next() {
                long t1 = timing ? System.nanoTime() : 0;
                Value[] row = c.next();
                if (timing) {
                    s.totalNanos += System.nanoTime() - t1;
                }
                if (first) {
                    first = false;
                    s.startupNanos += s.totalNanos - before;
                }
                if (row != null) {
                    s.rows++;
                }
                return row;
            }
        };
    }
}
