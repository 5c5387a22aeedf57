package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** A constant of a known type; value null is a typed NULL. */
public final class Const extends Expression {
    private final Value value;
    private final PgType type;
    private final int typmod;
    private final int location;

    public Const(Value value, PgType type, int typmod) {
        this(value, type, typmod, -1);
    }

    /** A constant that remembers where it was written, for errors raised when it is coerced. */
    public Const(Value value, PgType type, int typmod, int location) {
        this.value = value;
        this.type = type;
        this.typmod = typmod;
        this.location = location;
    }

    /** 0-based offset in the query text, -1 when unknown. */
    public int location() { return location; }

    public static Const of(Value v) {
        return new Const(v, v.type(), -1);
    }

    public Value value() { return value; }

    @Override public PgType type() { return type; }
    @Override public int typmod() { return typmod; }
    @Override public Value eval(Value[] row, EvalContext ctx) { return value; }
    @Override public boolean isConstant() { return true; }
}
