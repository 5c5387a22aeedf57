package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.analyze.Query;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.TableFunctionDef;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL 10's ProjectSet: for each input row, calls the select list's set-returning
 * functions (arguments over that row) and emits one row per step, the input row's first
 * {@code width} values followed by each function's current value; a function whose set ended
 * gives NULL until the longest one ends. An input row for which every set is empty emits nothing.
 */
public final class ProjectSetPlan extends Plan {
    private static final TableFunctionDef.Rows EMPTY = () -> null;
    private final Plan input;
    private final int width;
    private final Query.SrfCall[] calls;

    public ProjectSetPlan(Plan input, int width, Query.SrfCall[] calls) {
        this.input = input;
        this.width = width;
        this.calls = calls;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        RowCursor in = input.open(ctx);
        return new RowCursor() {
            private Value[] row;
            private final TableFunctionDef.Rows[] sets = new TableFunctionDef.Rows[calls.length];
            private final boolean[] ended = new boolean[calls.length];

            @Override
            public Value[] next() {
                while (true) {
                    if (row == null) {
                        row = in.next();
                        if (row == null) {
                            return null;
                        }
                        start(row);
                    }
                    Value[] out = new Value[width + calls.length];
                    System.arraycopy(row, 0, out, 0, Math.min(width, row.length));
                    boolean any = false;
                    for (int k = 0; k < calls.length; k++) {
                        if (ended[k]) {
                            continue;
                        }
                        Value[] r = sets[k].next();
                        if (r == null) {
                            ended[k] = true;
                        } else {
                            out[width + k] = r[0];
                            any = true;
                        }
                    }
                    ctx.checkForInterrupts();
                    if (any) {
                        return out;
                    }
                    row = null;
                }
            }

            private void start(Value[] current) {
                for (int k = 0; k < calls.length; k++) {
                    Expression[] argExprs = calls[k].args();
                    Value[] args = new Value[argExprs.length];
                    boolean nullArg = false;
                    for (int a = 0; a < args.length; a++) {
                        args[a] = argExprs[a].eval(current, ctx);
                        nullArg |= args[a] == null;
                    }
                    TableFunctionDef f = calls[k].function();
                    sets[k] = nullArg && f.signature().strict() ? EMPTY : f.producer().open(args, ctx);
                    ended[k] = false;
                }
            }
        };
    }

    public Plan explainInput() {
        return input;
    }
}
