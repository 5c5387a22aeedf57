package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** IS [NOT] TRUE / FALSE / UNKNOWN: never NULL. */
public final class BooleanTest extends Expression {
    private final Expression arg;
    private final Boolean expected; // null: UNKNOWN
    private final boolean negated;

    public BooleanTest(Expression arg, Boolean expected, boolean negated) {
        this.arg = arg;
        this.expected = expected;
        this.negated = negated;
    }

    public Expression arg() { return arg; }
    /** TRUE / FALSE, null for UNKNOWN. */
    public Boolean expected() { return expected; }
    public boolean negated() { return negated; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        boolean result = expected == null ? v == null : v != null && ((BoolValue) v).value() == expected;
        return BoolValue.of(result != negated);
    }
}
