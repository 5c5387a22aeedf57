package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.function.TableFunctionDef;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * A function in FROM (PostgreSQL's FunctionScan): evaluates the arguments once per open, then
 * returns the set-returning function's rows as they are produced (a scalar function gives one
 * row, a NULL argument of a strict set-returning function none); WITH ORDINALITY appends the
 * row number.
 */
public final class FunctionScanPlan extends Plan {
    private static final Value[] NO_INPUT = new Value[0];
    private final TableFunctionDef function;
    private final Expression[] args;
    private final Expression scalar;
    private final boolean ordinality;

    public FunctionScanPlan(TableFunctionDef function, Expression[] args, Expression scalar, boolean ordinality) {
        this.function = function;
        this.args = args;
        this.scalar = scalar;
        this.ordinality = ordinality;
    }

    @Override
    public RowCursor open(EvalContext ctx) {
        TableFunctionDef.Rows rows;
        if (scalar != null) {
            Value v = scalar.eval(NO_INPUT, ctx);
            boolean[] done = {false};
            rows = () -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return new Value[] {v};
            };
        } else {
            Value[] values = new Value[args.length];
            boolean nullArg = false;
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].eval(NO_INPUT, ctx);
                nullArg |= values[i] == null;
            }
            rows = nullArg && function.signature().strict() ? () -> null : function.producer().open(values, ctx);
        }
        if (!ordinality) {
            return () -> {
                ctx.checkForInterrupts();
                return rows.next();
            };
        }
        return new RowCursor() {
            private long n;

            @Override
            public Value[] next() {
                ctx.checkForInterrupts();
                Value[] r = rows.next();
                if (r == null) {
                    return null;
                }
                Value[] out = java.util.Arrays.copyOf(r, r.length + 1);
                out[r.length] = IntegerValue.int8(++n);
                return out;
            }
        };
    }

    /** EXPLAIN: the function's name (a scalar function's is its call's). */
    public String explainFunctionName() {
        if (function != null) {
            return function.name();
        }
        return scalar instanceof org.tuskdb.sql.internal.expr.FuncExpr f ? f.function().name() : "function";
    }
}
