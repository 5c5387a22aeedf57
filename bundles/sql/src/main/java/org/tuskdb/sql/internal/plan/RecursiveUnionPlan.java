package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * WITH RECURSIVE's UNION [ALL]: the non-recursive term's rows, then the recursive term run
 * again and again over the rows the previous round produced (its working table, read by
 * {@link WorkTableScanPlan}) until a round produces none. UNION drops rows seen before. Rounds
 * are computed when the previous one has been returned, so a LIMIT above stops the recursion.
 */
public final class RecursiveUnionPlan extends Plan {
    private final Plan nonRecursive;
    private final Plan recursive;
    private final boolean all;
    private final int workTable;
    private final int width;

    public RecursiveUnionPlan(Plan nonRecursive, Plan recursive, boolean all, int workTable, int width) {
        this.nonRecursive = nonRecursive;
        this.recursive = recursive;
        this.all = all;
        this.workTable = workTable;
        this.width = width;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        Set<GroupKey> seen = all ? null : new HashSet<>();
        return new RowCursor() {
            private RowCursor current = nonRecursive.open(ctx);
            private List<Value[]> round = new ArrayList<>();

            @Override
            public Value[] next() {
                while (true) {
                    Value[] row = current.next();
                    if (row != null) {
                        row = row.length == width ? row : Arrays.copyOf(row, width);
                        if (seen != null && !seen.add(new GroupKey(row))) {
                            continue;
                        }
                        round.add(row);
                        return row;
                    }
                    if (round.isEmpty()) {
                        return null;
                    }
                    ctx.checkForInterrupts();
                    List<Value[]> input = round;
                    round = new ArrayList<>();
                    current = recursive.open(new SubqueryContext(ctx, null, workTable, input));
                }
            }
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainNonRecursive() { return nonRecursive; }
    public Plan explainRecursive() { return recursive; }
    public boolean explainAll() { return all; }
}
