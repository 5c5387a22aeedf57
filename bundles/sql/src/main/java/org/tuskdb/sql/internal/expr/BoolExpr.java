package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** AND / OR / NOT with SQL's three-valued logic; AND and OR stop at the first deciding input. */
public final class BoolExpr extends Expression {
    public enum Op { AND, OR, NOT }

    private final Op op;
    private final Expression[] args;

    public BoolExpr(Op op, Expression[] args) {
        this.op = op;
        this.args = args;
    }

    public Op op() { return op; }
    public Expression[] args() { return args; }

    @Override public PgType type() { return PgType.BOOL; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        if (op == Op.NOT) {
            Value v = args[0].eval(row, ctx);
            return v == null ? null : BoolValue.of(!((BoolValue) v).value());
        }
        boolean sawNull = false;
        boolean decider = op == Op.OR; // OR: a true decides; AND: a false decides
        for (Expression arg : args) {
            Value v = arg.eval(row, ctx);
            if (v == null) {
                sawNull = true;
            } else if (((BoolValue) v).value() == decider) {
                return BoolValue.of(decider);
            }
        }
        return sawNull ? null : BoolValue.of(!decider);
    }
}
