package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** $n; the analyzer fixes its type (given by Parse or inferred), Bind supplies the value. */
public final class ParamRef extends Expression {
    private final int index;
    private final PgType type;

    public ParamRef(int index, PgType type) {
        this.index = index;
        this.type = type;
    }

    public int index() { return index; }

    @Override public PgType type() { return type; }
    @Override public Value eval(Value[] row, EvalContext ctx) { return ctx.param(index); }
}
