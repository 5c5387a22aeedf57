package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** COALESCE: the first non-NULL argument; later ones are not evaluated. */
public final class CoalesceExpr extends Expression {
    private final Expression[] args;
    private final PgType type;

    public CoalesceExpr(Expression[] args, PgType type) {
        this.args = args;
        this.type = type;
    }

    public Expression[] args() { return args; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        for (Expression a : args) {
            Value v = a.eval(row, ctx);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
