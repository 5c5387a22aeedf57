package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A call of a resolved function or operator. Arguments have already been coerced to the
 * signature's types. A strict function returns NULL on any NULL argument without being called.
 */
public final class FuncExpr extends Expression {
    private final FunctionDef function;
    private final Expression[] args;

    public FuncExpr(FunctionDef function, Expression[] args) {
        this.function = function;
        this.args = args;
    }

    public FunctionDef function() { return function; }
    public Expression[] args() { return args; }

    @Override public PgType type() { return function.returnType(); }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value[] values = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            Value v = args[i].eval(row, ctx);
            if (v == null && function.strict()) {
                return null;
            }
            values[i] = v;
        }
        return function.impl().call(values, ctx);
    }
}
