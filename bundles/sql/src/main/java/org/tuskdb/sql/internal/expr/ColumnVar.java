package org.tuskdb.sql.internal.expr;

import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** A column of the input row (PostgreSQL's Var), by position. */
public final class ColumnVar extends Expression {
    private final int index;
    private final PgType type;
    private final String name;
    private final int typmod;

    public ColumnVar(int index, PgType type, String name) {
        this(index, type, -1, name);
    }

    public ColumnVar(int index, PgType type, int typmod, String name) {
        this.index = index;
        this.type = type;
        this.typmod = typmod;
        this.name = name;
    }

    @Override public int typmod() { return typmod; }

    public int index() { return index; }
    public String name() { return name; }

    @Override public PgType type() { return type; }
    @Override public Value eval(Value[] row, EvalContext ctx) { return row[index]; }
}
