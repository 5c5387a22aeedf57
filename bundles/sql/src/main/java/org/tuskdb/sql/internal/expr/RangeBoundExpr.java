package org.tuskdb.sql.internal.expr;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * One end of a {@code RANGE ... offset PRECEDING / FOLLOWING} frame for the current row: the
 * ORDER BY value plus or minus the offset ({@code bound}, in the type the window compares its
 * keys in). The offset must be neither NULL (22004) nor negative (22013, PostgreSQL's in_range
 * check), whichever way the frame goes.
 */
public final class RangeBoundExpr extends Expression {
    private final Expression offset;
    private final Expression bound;
    private final String which;

    public RangeBoundExpr(Expression offset, Expression bound, boolean start) {
        this.offset = offset;
        this.bound = bound;
        this.which = start ? "starting" : "ending";
    }

    @Override public PgType type() { return bound.type(); }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value k = offset.eval(row, ctx);
        if (k == null) {
            throw DatabaseException.error("22004", "frame " + which + " offset must not be null");
        }
        if (negative(k)) {
            throw DatabaseException.error("22013", "invalid preceding or following size in window function");
        }
        return bound.eval(row, ctx);
    }

    private static boolean negative(Value k) {
        if (k instanceof IntervalValue iv) {
            return iv.compareTo(new IntervalValue(0, 0, 0)) < 0;
        }
        if (k instanceof org.tuskdb.sql.internal.value.FloatValue f) {
            return f.value() < 0 || Double.isNaN(f.value());
        }
        if (k instanceof org.tuskdb.sql.internal.value.NumericValue n) {
            // NaN and -Infinity are no size; Infinity is
            return n.isFinite() ? n.value().signum() < 0
                : !n.toText(org.tuskdb.sql.internal.value.SessionStyle.utc()).equals("Infinity");
        }
        return ((org.tuskdb.sql.internal.value.IntegerValue) k).value() < 0;
    }
}
