package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** GREATEST / LEAST over arguments of one type, ignoring NULLs (PostgreSQL's, not the standard's). */
public final class MinMaxExpr extends Expression {
    private final Expression[] args;
    private final boolean greatest;
    private final PgType type;

    public MinMaxExpr(Expression[] args, boolean greatest, PgType type) {
        this.args = args;
        this.greatest = greatest;
        this.type = type;
    }

    public Expression[] args() { return args; }
    public boolean greatest() { return greatest; }

    @Override public PgType type() { return type; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value best = null;
        for (Expression a : args) {
            Value v = a.eval(row, ctx);
            if (v != null && (best == null || (greatest ? v.compareTo(best) > 0 : v.compareTo(best) < 0))) {
                best = v;
            }
        }
        return best;
    }
}
