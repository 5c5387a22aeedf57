package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** A run-time type conversion (CAST, ::, or an implicit coercion the analyzer inserted). */
public final class CastExpr extends Expression {
    private final Expression arg;
    private final PgType type;
    private final int typmod;
    private final boolean explicit;

    public CastExpr(Expression arg, PgType type, int typmod, boolean explicit) {
        this.arg = arg;
        this.type = type;
        this.typmod = typmod;
        this.explicit = explicit;
    }

    public Expression arg() { return arg; }
    /** CAST / :: (else an implicit coercion; explicit casts may truncate varchar silently). */
    public boolean explicit() { return explicit; }

    @Override public PgType type() { return type; }
    @Override public int typmod() { return typmod; }

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Value v = arg.eval(row, ctx);
        return v == null ? null : Casts.convert(v, type, typmod, explicit, ctx.style());
    }
}
