package org.tuskdb.sql.internal.value;

import java.util.List;

/**
 * The rows a set-returning function in a target list produced for one input row (PostgreSQL's
 * ProjectSet): a projection yields it in the function's column, {@code plan/ProjectSetPlan}
 * turns the row into one row per element. Never stored or sent.
 */
public final class SetValue extends Value {
    private final PgType type;
    private final List<Value> values;

    public SetValue(PgType type, List<Value> values) {
        this.type = type;
        this.values = values;
    }

    public List<Value> values() { return values; }

    @Override public PgType type() { return type; }
    @Override public String toText(SessionStyle style) { return values.toString(); }
    @Override public byte[] toBinary() { throw new IllegalStateException("a set is expanded before output"); }
    @Override public int compareTo(Value other) { throw new IllegalStateException("a set is expanded before use"); }
    @Override public int hashCode() { return values.hashCode(); }
}
