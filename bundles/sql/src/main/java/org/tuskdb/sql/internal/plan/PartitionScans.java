package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.ast.Statement.SetOpKind;
import org.tuskdb.sql.internal.catalog.Partitioning;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The scan of a partitioned table: its leaf partitions' scans under an Append (a single leaf is
 * scanned alone, as PostgreSQL does). A partitioned table's own file never holds rows: INSERT
 * routes each row to its leaf ({@link Partitioning#route}), so only the leaves are read. The
 * leaves have the parent's columns in the parent's order, so their rows are the parent's.
 */
final class PartitionScans {
    private PartitionScans() {}

    static Plan scan(TableDescriptor t, Expression qual, RowLock rowLock, boolean[] used, boolean inJoin, int offset) {
        List<TableDescriptor> leaves = inJoin ? Partitioning.leaves(t) : prune(t, Partitioning.leaves(t), qual);
        if (leaves.isEmpty()) {
            return Planner.emptyRelation(); // every leaf pruned: PostgreSQL's dummy relation
        }
        Plan out = null;
        for (TableDescriptor leaf : leaves) {
            Plan p = inJoin ? IndexPaths.scanInJoin(leaf, qual, offset, rowLock, used)
                : IndexPaths.scan(leaf, qual, rowLock, used);
            out = out == null ? p : new SetOpPlan(SetOpKind.UNION, true, out, p, t.columns().size());
        }
        return out;
    }

    /**
     * UPDATE / DELETE's scan of partitioned {@code t}: each unpruned leaf's own modify scan, the
     * rows tagged with their leaf; {@code inJoin} for the target's scan inside UPDATE ... FROM /
     * DELETE ... USING (then {@code qual} holds the conjuncts pushed down to it). No leaf left:
     * the parent's own (empty) file.
     */
    static Plan scanForModify(TableDescriptor t, Expression qual, boolean[] used, boolean inJoin) {
        List<TableDescriptor> leaves = prune(t, Partitioning.leaves(t), qual);
        if (leaves.isEmpty()) {
            return new PartitionTargetScanPlan(t, List.of(), List.of(), Planner.emptyRelation());
        }
        List<Plan> scans = new ArrayList<>(leaves.size());
        Plan append = null;
        for (TableDescriptor leaf : leaves) {
            Plan p = inJoin ? IndexPaths.scan(leaf, qual, null, used) : IndexPaths.scanForModify(leaf, qual, used);
            scans.add(p);
            append = append == null ? p : new SetOpPlan(SetOpKind.UNION, true, append, p, t.columns().size());
        }
        return new PartitionTargetScanPlan(t, leaves, scans, append);
    }

    /**
     * Plan-time partition pruning for {@code key = constant} conjuncts (the constant of the key
     * column's own type, not null): the leaves whose partition constraint cannot hold such rows are
     * not scanned. Parameters (a generic plan) and other operators keep every leaf; PostgreSQL
     * also prunes on ranges and at execution time.
     */
    private static List<TableDescriptor> prune(TableDescriptor t, List<TableDescriptor> leaves, Expression qual) {
        if (qual == null) {
            return leaves;
        }
        int width = t.columns().size();
        Value[] row = new Value[width];
        boolean[] known = new boolean[width];
        boolean any = false;
        for (Expression c : IndexPaths.conjuncts(qual)) {
            if (!(c instanceof FuncExpr f) || f.args().length != 2 || !f.function().name().equals("=")) {
                continue;
            }
            Expression l = f.args()[0];
            Expression r = f.args()[1];
            ColumnVar v = l instanceof ColumnVar lv ? lv : r instanceof ColumnVar rv ? rv : null;
            Expression other = v == l ? r : l;
            if (v == null || !(other instanceof Const k) || k.value() == null || v.index() < 0 || v.index() >= width
                || !PgType.same(t.columns().get(v.index()).type(), k.type())) {
                continue;
            }
            row[v.index()] = k.value();
            known[v.index()] = true;
            any = true;
        }
        if (!any) {
            return leaves;
        }
        List<TableDescriptor> kept = new ArrayList<>();
        for (TableDescriptor leaf : leaves) {
            if (leaf.partitioning() == null || leaf.partitioning().admits(row, known)) {
                kept.add(leaf);
            }
        }
        return kept;
    }
}
