package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.ast.Statement.SetOpKind;
import org.tuskdb.sql.internal.catalog.Partitioning;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The scan of a partitioned table: its leaf partitions' scans under an Append (a single leaf is
 * scanned alone, as PostgreSQL does). A partitioned table's own file never holds rows: INSERT
 * routes each row to its leaf ({@link Partitioning#route}), so only the leaves are read. The
 * leaves have the parent's columns in the parent's order, so their rows are the parent's.
 */
final class PartitionScans {
    private PartitionScans() {}

    static Plan scan(TableDescriptor t, Expression qual, RowLock rowLock, boolean[] used, boolean inJoin, int offset) {
        List<TableDescriptor> leaves = Partitioning.leaves(t);
        if (leaves.isEmpty()) {
            return new SeqScanPlan(t, qual, rowLock, used); // its own file: empty
        }
        Plan out = null;
        for (TableDescriptor leaf : leaves) {
            Plan p = inJoin ? IndexPaths.scanInJoin(leaf, qual, offset, rowLock, used)
                : IndexPaths.scan(leaf, qual, rowLock, used);
            out = out == null ? p : new SetOpPlan(SetOpKind.UNION, true, out, p, t.columns().size());
        }
        return out;
    }
}
