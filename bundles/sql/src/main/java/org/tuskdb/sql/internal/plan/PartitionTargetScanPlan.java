package org.tuskdb.sql.internal.plan;

import java.util.BitSet;
import java.util.List;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * UPDATE / DELETE's scan of a partitioned table (PostgreSQL's ModifyTable over an Append, one
 * result relation per leaf): the unpruned leaves' scans one after another, and for each row the
 * leaf it came from beside its tid there ({@link TidCursor#leaf}), so that ModifyTable changes it
 * in that leaf. EXPLAIN and the cost model see {@link #explainInput}: the Append of the same scans.
 */
public final class PartitionTargetScanPlan extends Plan {
    private final TableDescriptor parent;
    private final List<TableDescriptor> leaves;
    private final List<Plan> scans;
    private final Plan append;

    /** {@code scans.get(i)} reads {@code leaves.get(i)}; each cursor is a {@link TidCursor}. */
    PartitionTargetScanPlan(TableDescriptor parent, List<TableDescriptor> leaves, List<Plan> scans, Plan append) {
        this.parent = parent;
        this.leaves = List.copyOf(leaves);
        this.scans = List.copyOf(scans);
        this.append = append;
    }

    @Override
    public TidCursor open(EvalContext ctx) {
        // the leaves startup pruning drops for this execution (a generic plan's key = $1) are not read
        BitSet keep = append instanceof PartitionAppendPlan a ? a.survivors(ctx) : null;
        return new TidCursor() {
            private int at = -1;
            private TidCursor current;

            @Override
            public Value[] next() {
                while (true) {
                    if (current != null) {
                        Value[] row = current.next();
                        if (row != null) {
                            return row;
                        }
                    }
                    at = keep == null ? at + 1 : keep.nextSetBit(at + 1);
                    if (at < 0 || at >= scans.size()) {
                        current = null;
                        return null;
                    }
                    current = (TidCursor) scans.get(at).open(ctx);
                }
            }

            @Override
            public Tid tid() {
                return current.tid();
            }

            @Override
            public TableDescriptor leaf() {
                return leaves.get(at);
            }
        };
    }

    /** The partitioned table (EXPLAIN names the Append's columns after it, as PostgreSQL's parent Var). */
    public TableDescriptor explainParent() { return parent; }

    /** The leaves that are scanned, in scan order (EXPLAIN's "Update on" lines). */
    public List<TableDescriptor> explainLeaves() { return leaves; }

    /** The scan of each leaf, as {@link #explainLeaves} (EXPLAIN names the leaves by their scans' aliases). */
    public List<Plan> explainScans() { return scans; }

    /** EXPLAIN and the cost model see through it: the Append of the leaves' scans. */
    public Plan explainInput() { return append; }
}
