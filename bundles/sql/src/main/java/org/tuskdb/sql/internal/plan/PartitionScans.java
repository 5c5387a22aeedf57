package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.Partitioning;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The scan of a partitioned table: its leaf partitions' scans under an Append (a single leaf is
 * scanned alone, as PostgreSQL does: {@link PartitionAppendPlan}). A partitioned table's own file never holds rows: INSERT
 * routes each row to its leaf ({@link Partitioning#route}), so only the leaves are read. The
 * leaves have the parent's columns in the parent's order, so their rows are the parent's.
 */
final class PartitionScans {
    private PartitionScans() {}

    static Plan scan(TableDescriptor t, Expression qual, RowLock rowLock, boolean[] used, boolean inJoin, int offset) {
        List<TableDescriptor> leaves = inJoin ? Partitioning.leaves(t) : prune(t, qual);
        if (leaves.isEmpty()) {
            return Planner.emptyRelation(); // every leaf pruned: PostgreSQL's dummy relation
        }
        List<Plan> scans = new ArrayList<>(leaves.size());
        for (TableDescriptor leaf : leaves) {
            scans.add(inJoin ? IndexPaths.scanInJoin(leaf, qual, offset, rowLock, used)
                : IndexPaths.scan(leaf, qual, rowLock, used));
        }
        // a single leaf is scanned alone, startup pruning or not (PostgreSQL's set_append_references
        // drops a one-child Append whatever its pruning info)
        return scans.size() == 1 ? scans.get(0)
            : new PartitionAppendPlan(t, leaves, scans, inJoin ? null : PartitionStartupPruning.of(t, qual));
    }

    /**
     * UPDATE / DELETE's scan of partitioned {@code t}: each unpruned leaf's own modify scan, the
     * rows tagged with their leaf; {@code inJoin} for the target's scan inside UPDATE ... FROM /
     * DELETE ... USING (then {@code qual} holds the conjuncts pushed down to it). No leaf left:
     * the parent's own (empty) file.
     */
    static Plan scanForModify(TableDescriptor t, Expression qual, boolean[] used, boolean inJoin) {
        List<TableDescriptor> leaves = prune(t, qual);
        if (leaves.isEmpty()) {
            return new PartitionTargetScanPlan(t, List.of(), List.of(), Planner.emptyRelation());
        }
        List<Plan> scans = new ArrayList<>(leaves.size());
        for (TableDescriptor leaf : leaves) {
            scans.add(inJoin ? IndexPaths.scan(leaf, qual, null, used) : IndexPaths.scanForModify(leaf, qual, used));
        }
        if (scans.size() == 1) {
            return new PartitionTargetScanPlan(t, leaves, scans, scans.get(0));
        }
        return new PartitionTargetScanPlan(t, leaves, scans,
            new PartitionAppendPlan(t, leaves, scans, inJoin ? null : PartitionStartupPruning.of(t, qual)));
    }

    /** Plan-time partition pruning ({@link PartitionPruning}): the leaves rows satisfying {@code qual} may be in. */
    private static List<TableDescriptor> prune(TableDescriptor t, Expression qual) {
        return PartitionPruning.leaves(t, qual);
    }
}
