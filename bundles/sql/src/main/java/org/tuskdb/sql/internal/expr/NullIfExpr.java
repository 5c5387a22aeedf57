package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** NULLIF(a, b): NULL when a = b (by the resolved = operator), else a. */
public final class NullIfExpr extends Expression {
    private final FunctionDef equals;
    private final Expression left;
    private final Expression right;

    public NullIfExpr(FunctionDef equals, Expression left, Expression right) {
        this.equals = equals;
        this.left = left;
        this.right = right;
    }

    public FunctionDef equalsOperator() { return equals; }
    public Expression left() { return left; }
    public Expression right() { return right; }

    @Override public PgType type() { return left.type(); }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value a = left.eval(row, ctx);
        Value b = right.eval(row, ctx);
        if (a != null && b != null && ((BoolValue) equals.impl().call(new Value[] {a, b}, ctx)).value()) {
            return null;
        }
        return a;
    }
}
