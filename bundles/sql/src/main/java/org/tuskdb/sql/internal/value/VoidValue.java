package org.tuskdb.sql.internal.value;

/** The one value of type void: what pg_sleep() returns; prints as an empty string, is not NULL. */
public final class VoidValue extends Value {
    public static final VoidValue INSTANCE = new VoidValue();

    private VoidValue() {}

    @Override public PgType type() { return PgType.VOID; }
    @Override public String toText(SessionStyle style) { return ""; }
    @Override public byte[] toBinary() { return new byte[0]; }
    @Override public int compareTo(Value other) { return 0; }
    @Override public int hashCode() { return 0; }
}
