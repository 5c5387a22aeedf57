package org.tuskdb.sql.internal.plan;

import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FieldSelectExpr;
import org.tuskdb.sql.internal.expr.SetReturningExpr;
import org.tuskdb.sql.internal.value.SetValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's ProjectSet over the projection: a target that is a set-returning function (or a
 * field of one) gives a {@link SetValue}; each input row becomes as many rows as its longest set,
 * the sets in lockstep (a shorter one gives NULL), the other columns repeated; an empty set gives
 * no row. Only targets at the top level are sets (PostgreSQL also allows them inside expressions).
 */
public final class ProjectSetPlan extends Plan {
    private final Plan input;
    private final int[] setColumns;

    private ProjectSetPlan(Plan input, int[] setColumns) {
        this.input = input;
        this.setColumns = setColumns;
    }

    /** The projection, wrapped when a target returns a set. */
    public static Plan wrapIfNeeded(Plan projection, List<Expression> targets) {
        int[] cols = new int[targets.size()];
        int n = 0;
        for (int i = 0; i < targets.size(); i++) {
            Expression e = targets.get(i);
            while (e instanceof FieldSelectExpr f) {
                e = f.arg();
            }
            if (e instanceof SetReturningExpr) {
                cols[n++] = i;
            }
        }
        return n == 0 ? projection : new ProjectSetPlan(projection, java.util.Arrays.copyOf(cols, n));
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        return new RowCursor() {
            private Value[] current;
            private int index;
            private int count;

            @Override
            public Value[] next() {
                while (current == null || index >= count) {
                    current = in.next();
                    if (current == null) {
                        return null;
                    }
                    index = 0;
                    count = 0;
                    for (int c : setColumns) {
                        count = Math.max(count, ((SetValue) current[c]).values().size());
                    }
                    ctx.checkForInterrupts();
                }
                Value[] out = current.clone();
                for (int c : setColumns) {
                    List<Value> values = ((SetValue) current[c]).values();
                    out[c] = index < values.size() ? values.get(index) : null;
                }
                index++;
                return out;
            }
        };
    }
}
