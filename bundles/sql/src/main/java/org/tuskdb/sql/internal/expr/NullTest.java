package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** IS [NOT] NULL (of a row value: of each of its fields). */
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
        Value v = arg.eval(row, ctx);
        if (v instanceof org.tuskdb.sql.internal.value.RecordValue r) {
            // a row value IS NULL when every field is, IS NOT NULL when none is (ExecEvalRowNull)
            boolean all = true;
            for (int i = 0; i < r.fieldCount(); i++) {
                all &= (r.field(i) == null) != negated;
            }
            return BoolValue.of(all);
        }
        return BoolValue.of((v == null) != negated);
    }

    public Expression arg() { return arg; }
    public boolean negated() { return negated; }
}
