package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * The target table's scan inside UPDATE ... FROM / DELETE ... USING's join: the scan ModifyTable
 * would use alone (sequential or index, with the target's own WHERE conjuncts), its rows put at
 * the start of the wide row with their tid ({@link RowTid}) in the slot after the columns, so the
 * join nodes carry the tid along with the target's slice.
 */
public final class ModifyTargetScanPlan extends Plan {
    private final Plan scan;
    private final int columns;
    private final int total;

    /** {@code scan}'s cursor must be a {@link TidCursor} (every plan of IndexPaths.scan is). */
    public ModifyTargetScanPlan(Plan scan, int columns, int total) {
        this.scan = scan;
        this.columns = columns;
        this.total = total;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        TidCursor in = (TidCursor) scan.open(ctx);
        return () -> {
            Value[] row = in.next();
            if (row == null) {
                return null;
            }
            Value[] out = new Value[total];
            System.arraycopy(row, 0, out, 0, columns);
            out[columns] = new RowTid(in.tid(), in.leaf());
            return out;
        };
    }

    /** EXPLAIN and the cost model see through it: the target table's scan. */
    public Plan explainInput() {
        return scan;
    }
}
