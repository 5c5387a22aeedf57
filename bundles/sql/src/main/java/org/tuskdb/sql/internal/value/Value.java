package org.tuskdb.sql.internal.value;

/**
 * A non-NULL SQL value (SQL NULL is Java null everywhere in the engine). Each type family has
 * its own class that knows its text and binary wire forms and its ordering; conversions
 * between types live in {@link Casts}, arithmetic in the operator implementations.
 *
 * <p>{@link #compareTo} is the type's btree ordering and is defined between values of one
 * family (all integer widths, both float widths, the string types, date/timestamp);
 * {@link #equals} and {@link #hashCode} agree with it, so DISTINCT and hashing treat 1.0 and
 * 1.00, or '1 mon' and '30 days', as equal, as PostgreSQL does.
 */
public abstract class Value implements Comparable<Value> {
    public abstract PgType type();

    /** The type's output function under the session's style settings. */
    public abstract String toText(SessionStyle style);

    /** The text form as the UTF-8 bytes a DataRow carries (types with a cheaper way override it). */
    public byte[] toTextBytes(SessionStyle style) {
        return toText(style).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The type's send function (binary wire format). */
    public abstract byte[] toBinary();

    @Override
    public abstract int compareTo(Value other);

    @Override
    public boolean equals(Object other) {
        return other instanceof Value v && compareTo(v) == 0;
    }

    @Override
    public abstract int hashCode();

    @Override
    public String toString() {
        return toText(SessionStyle.utc());
    }

    protected static byte[] int4Bytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    protected static byte[] int8Bytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
