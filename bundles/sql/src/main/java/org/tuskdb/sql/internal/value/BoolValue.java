package org.tuskdb.sql.internal.value;

/** boolean: two shared instances. */
public final class BoolValue extends Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);

    private final boolean value;

    private BoolValue(boolean value) {
        this.value = value;
    }

    public static BoolValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public boolean value() { return value; }

    @Override public PgType type() { return PgType.BOOL; }
    @Override public String toText(SessionStyle style) { return value ? "t" : "f"; }
    @Override public byte[] toBinary() { return new byte[] {(byte) (value ? 1 : 0)}; }
    @Override public int compareTo(Value other) { return Boolean.compare(value, ((BoolValue) other).value); }
    @Override public int hashCode() { return value ? 1 : 0; }
}
