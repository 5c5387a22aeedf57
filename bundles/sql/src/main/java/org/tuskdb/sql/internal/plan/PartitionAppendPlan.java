package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's Append over the leaves of a partitioned table that plan-time pruning left: their
 * scans one after another, in bound order. With {@link PartitionStartupPruning} (a generic plan's
 * {@code key = $1}, a stable function's value) each opening first decides which of them this
 * execution can need and opens only those; EXPLAIN shows the others as "Subplans Removed", as
 * PostgreSQL's initial pruning drops them from the plan state. The leaves have the parent's
 * columns in the parent's order, so every scan's rows are the parent's.
 */
public final class PartitionAppendPlan extends Plan {
    private final TableDescriptor parent;
    private final List<TableDescriptor> leaves;
    private final List<Plan> scans;
    private final PartitionStartupPruning pruning;

    /** {@code scans.get(i)} reads {@code leaves.get(i)}; {@code pruning} null when nothing waits for execution. */
    PartitionAppendPlan(TableDescriptor parent, List<TableDescriptor> leaves, List<Plan> scans,
                        PartitionStartupPruning pruning) {
        this.parent = parent;
        this.leaves = List.copyOf(leaves);
        this.scans = List.copyOf(scans);
        this.pruning = pruning;
    }

    /** The same Append with each scan replaced ({@code f}: EXPLAIN ANALYZE's instrumentation). */
    PartitionAppendPlan mapScans(UnaryOperator<Plan> f) {
        List<Plan> out = new ArrayList<>(scans.size());
        for (Plan p : scans) {
            out.add(f.apply(p));
        }
        return new PartitionAppendPlan(parent, leaves, out, pruning);
    }

    /** The positions in the scan list this execution reads: all, or what startup pruning keeps. */
    BitSet survivors(EvalContext ctx) {
        if (pruning == null) {
            BitSet all = new BitSet();
            all.set(0, scans.size());
            return all;
        }
        return pruning.survivors(leaves, ctx);
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        BitSet keep = survivors(ctx);
        return new RowCursor() {
            private int at = keep.nextSetBit(0);
            private RowCursor current = at < 0 ? null : scans.get(at).open(ctx);

            @Override
            public Value[] next() {
                while (current != null) {
                    Value[] row = current.next();
                    if (row != null) {
                        return row;
                    }
                    at = keep.nextSetBit(at + 1);
                    current = at < 0 ? null : scans.get(at).open(ctx);
                }
                return null;
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public TableDescriptor explainParent() { return parent; }

    /** Every scan the plan holds (the cost model counts them all, as PostgreSQL's cost_append). */
    public List<Plan> explainScans() { return scans; }

    public List<TableDescriptor> explainLeaves() { return leaves; }

    /** Whether the Append prunes when it is opened (then EXPLAIN shows "Subplans Removed"). */
    public boolean explainPrunesAtStartup() { return pruning != null && !pruning.atExecution(); }

    /** Whether it prunes at all (such an Append is not merged into a UNION ALL's). */
    public boolean explainPrunes() { return pruning != null; }

    /** The scans EXPLAIN shows for this execution ({@code ctx}: its parameters), in order; exec-time pruning shows all. */
    public List<Plan> explainSurvivors(EvalContext ctx) {
        if (pruning != null && pruning.atExecution()) {
            return scans;
        }
        BitSet keep = survivors(ctx);
        List<Plan> out = new ArrayList<>();
        for (int i = keep.nextSetBit(0); i >= 0; i = keep.nextSetBit(i + 1)) {
            out.add(scans.get(i));
        }
        return out;
    }
}
