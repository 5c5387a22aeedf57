package org.tuskdb.sql.internal.expr;

import java.util.Arrays;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * a[i] (NULL when out of bounds or any part is NULL) and a[lo:hi] (the elements in range,
 * an empty array when none; a missing bound is the array's own).
 */
public final class SubscriptExpr extends Expression {
    private final Expression array;
    private final Expression lower;
    private final Expression upper;
    private final boolean slice;
    private final PgType type;

    public SubscriptExpr(Expression array, Expression lower, Expression upper, boolean slice) {
        this.array = array;
        this.lower = lower;
        this.upper = upper;
        this.slice = slice;
        this.type = slice ? array.type() : array.type().elementType();
    }

    public Expression array() { return array; }
    public Expression lower() { return lower; }
    public Expression upper() { return upper; }
    public boolean slice() { return slice; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        ArrayValue a = (ArrayValue) array.eval(row, ctx);
        if (a == null) {
            return null;
        }
        Value lo = lower == null ? null : lower.eval(row, ctx);
        if (!slice) {
            if (lo == null) {
                return null;
            }
            long i = ((IntegerValue) lo).value();
            if (a.type() == PgType.INT2VECTOR || a.type() == PgType.OIDVECTOR) {
                return i >= 0 && i < a.length() ? a.get((int) i) : null; // int2vector's lower bound is 0
            }
            long k = i - a.lowerBound();
            return k >= 0 && k < a.length() ? a.get((int) k) : null;
        }
        Value hi = upper == null ? null : upper.eval(row, ctx);
        if ((lower != null && lo == null) || (upper != null && hi == null)) {
            return null;
        }
        long from = lo == null ? 1 : Math.max(1, ((IntegerValue) lo).value());
        long to = hi == null ? a.length() : Math.min(a.length(), ((IntegerValue) hi).value());
        if (from > to) {
            return new ArrayValue(a.type(), new Value[0]);
        }
        return new ArrayValue(a.type(), Arrays.copyOfRange(a.elements(), (int) from - 1, (int) to));
    }
}
