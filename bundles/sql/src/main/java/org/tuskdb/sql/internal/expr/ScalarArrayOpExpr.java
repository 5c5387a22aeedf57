package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * x op ANY (array) / x op ALL (array) with SQL's three-valued logic: ANY is true if some
 * comparison is true, else NULL if some was NULL, else false (ALL the dual); an empty array
 * gives false for ANY and true for ALL even when x is NULL.
 */
public final class ScalarArrayOpExpr extends Expression {
    private final FunctionDef op;
    private final Expression left;
    private final Expression array;
    private final boolean all;

    public ScalarArrayOpExpr(FunctionDef op, Expression left, Expression array, boolean all) {
        this.op = op;
        this.left = left;
        this.array = array;
        this.all = all;
    }

    public FunctionDef op() { return op; }
    public Expression left() { return left; }
    public Expression array() { return array; }
    /** ALL (else ANY). */
    public boolean all() { return all; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        ArrayValue a = (ArrayValue) array.eval(row, ctx);
        if (a == null) {
            return null;
        }
        if (a.length() == 0) {
            return BoolValue.of(all);
        }
        Value x = left.eval(row, ctx);
        if (x == null && op.strict()) {
            return null;
        }
        boolean sawNull = false;
        Value[] args = new Value[2];
        for (int i = 0; i < a.length(); i++) {
            Value e = a.get(i);
            Value r;
            if (e == null && op.strict()) {
                r = null;
            } else {
                args[0] = x;
                args[1] = e;
                r = op.impl().call(args, ctx);
            }
            if (r == null) {
                sawNull = true;
            } else if (((BoolValue) r).value() != all) {
                return BoolValue.of(!all);
            }
        }
        return sawNull ? null : BoolValue.of(all);
    }
}
