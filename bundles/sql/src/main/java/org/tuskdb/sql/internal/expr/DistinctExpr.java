package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** IS [NOT] DISTINCT FROM: the = operator, with NULL equal to NULL and never a NULL result. */
public final class DistinctExpr extends Expression {
    private final FunctionDef equals;
    private final Expression left;
    private final Expression right;
    private final boolean negated;

    public DistinctExpr(FunctionDef equals, Expression left, Expression right, boolean negated) {
        this.equals = equals;
        this.left = left;
        this.right = right;
        this.negated = negated;
    }

    public FunctionDef equalsOperator() { return equals; }
    public Expression left() { return left; }
    public Expression right() { return right; }
    /** IS NOT DISTINCT FROM. */
    public boolean negated() { return negated; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value a = left.eval(row, ctx);
        Value b = right.eval(row, ctx);
        boolean distinct;
        if (a == null || b == null) {
            distinct = (a == null) != (b == null);
        } else {
            distinct = !((BoolValue) equals.impl().call(new Value[] {a, b}, ctx)).value();
        }
        return BoolValue.of(distinct != negated);
    }
}
