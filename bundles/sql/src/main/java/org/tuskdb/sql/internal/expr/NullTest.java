package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** IS [NOT] NULL. */
public final class NullTest extends Expression {
    private final Expression arg;
    private final boolean negated;

    public NullTest(Expression arg, boolean negated) {
        this.arg = arg;
        this.negated = negated;
    }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        return BoolValue.of((arg.eval(row, ctx) == null) != negated);
    }

    public Expression arg() { return arg; }
    public boolean negated() { return negated; }
}
