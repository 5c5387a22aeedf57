package org.tuskdb.sql.internal.plan;

import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Value;

/** Helpers of the join nodes: combining two wide rows, testing a qual. */
final class JoinRows {
    private JoinRows() {}

    /** The outer row with the inner row's slice [lo, hi) copied in (a new array). */
    static Value[] combine(Value[] outer, Value[] inner, int lo, int hi) {
        Value[] out = outer.clone();
        System.arraycopy(inner, lo, out, lo, hi - lo);
        return out;
    }

    static boolean passes(Expression qual, Value[] row, EvalContext ctx) {
        if (qual == null) {
            return true;
        }
        Value v = qual.eval(row, ctx);
        return v != null && ((BoolValue) v).value();
    }
}
