package org.tuskdb.sql.internal.plan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tuskdb.sql.internal.ast.Statement.SetOpKind;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * UNION [ALL] (Append, then hashed duplicate removal unless ALL), INTERSECT [ALL] and
 * EXCEPT [ALL] (PostgreSQL's HashSetOp: the right side's rows counted in a hash table, the
 * left side streamed against it). Rows are compared on their first {@code width} columns with
 * NULLs equal, as set operations treat them.
 */
public final class SetOpPlan extends Plan {
    private final SetOpKind kind;
    private final boolean all;
    private final Plan left;
    private final Plan right;
    private final int width;

    public SetOpPlan(SetOpKind kind, boolean all, Plan left, Plan right, int width) {
        this.kind = kind;
        this.all = all;
        this.left = left;
        this.right = right;
        this.width = width;
    }

    private GroupKey key(Value[] row) {
        return new GroupKey(row.length == width ? row : Arrays.copyOf(row, width));
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        if (kind == SetOpKind.UNION) {
            RowCursor l = left.open(ctx);
            Set<GroupKey> seen = all ? null : new HashSet<>();
            return new RowCursor() {
                private RowCursor current = l;
                private boolean onRight;

                @Override
                public Value[] next() {
                    while (true) {
                        Value[] row = current.next();
                        if (row == null) {
                            if (onRight) {
                                return null;
                            }
                            onRight = true;
                            current = right.open(ctx);
                            continue;
                        }
                        if (seen == null || seen.add(key(row))) {
                            return row;
                        }
                        ctx.checkForInterrupts();
                    }
                }
            };
        }
        Map<GroupKey, long[]> counts = new HashMap<>();
        RowCursor r = right.open(ctx);
        Value[] row;
        while ((row = r.next()) != null) {
            counts.computeIfAbsent(key(row), k -> new long[1])[0]++;
            ctx.checkForInterrupts();
        }
        RowCursor l = left.open(ctx);
        Set<GroupKey> emitted = all ? null : new HashSet<>();
        boolean intersect = kind == SetOpKind.INTERSECT;
        return () -> {
            Value[] x;
            while ((x = l.next()) != null) {
                GroupKey k = key(x);
                long[] c = counts.get(k);
                boolean inRight = c != null && c[0] > 0;
                if (all) {
                    if (intersect && inRight) {
                        c[0]--;
                        return x;
                    }
                    if (!intersect) {
                        if (inRight) {
                            c[0]--;
                        } else {
                            return x;
                        }
                    }
                } else if (inRight == intersect && emitted.add(k)) {
                    return x;
                }
                ctx.checkForInterrupts();
            }
            return null;
        };
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public SetOpKind explainKind() { return kind; }
    public boolean explainAll() { return all; }
    public Plan explainLeft() { return left; }
    public Plan explainRight() { return right; }
}
