package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@code (a1, a2, ...) op (b1, b2, ...)} for op one of {@code < <= > >=} (PostgreSQL's
 * RowCompareExpr): lexicographic. The pairs are compared left to right; the first pair that is
 * not equal decides with its operator; a NULL in a pair reached makes the result NULL; all pairs
 * equal: the operator of the last pair decides ({@code <=} and {@code >=} true, {@code <} and
 * {@code >} false). So {@code (1, NULL) < (2, 0)} is true and {@code (1, NULL) < (1, 3)} NULL.
 *
 * <p>{@code left[i]} and {@code right[i]} are already coerced to the argument types of
 * {@code ops[i]} and {@code equals[i]} (the {@code =} operator of the same types).
 */
public final class RowCompareExpr extends Expression {
    private final FunctionDef[] ops;
    private final FunctionDef[] equals;
    private final Expression[] left;
    private final Expression[] right;

    public RowCompareExpr(FunctionDef[] ops, FunctionDef[] equals, Expression[] left, Expression[] right) {
        this.ops = ops;
        this.equals = equals;
        this.left = left;
        this.right = right;
    }

    public FunctionDef[] ops() { return ops; }
    public Expression[] left() { return left; }
    public Expression[] right() { return right; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        int last = left.length - 1;
        for (int i = 0; i <= last; i++) {
            Value a = left[i].eval(row, ctx);
            Value b = right[i].eval(row, ctx);
            if (a == null || b == null) {
                return null;
            }
            Value[] pair = {a, b};
            if (i == last || !((BoolValue) equals[i].impl().call(pair, ctx)).value()) {
                return ops[i].impl().call(pair, ctx);
            }
        }
        return null; // not reached: a row comparison has at least one pair
    }
}
