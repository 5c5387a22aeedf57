package org.tuskdb.sql.internal.value;

import java.util.Arrays;

/** bytea; text form is the hex format (bytea_output = hex). */
public final class ByteaValue extends Value {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final byte[] value;

    public ByteaValue(byte[] value) {
        this.value = value;
    }

    public byte[] value() { return value; }

    @Override public PgType type() { return PgType.BYTEA; }

    @Override
    public String toText(SessionStyle style) {
        StringBuilder sb = new StringBuilder(2 + value.length * 2).append("\\x");
        for (byte b : value) {
            sb.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
        }
        return sb.toString();
    }

    @Override public byte[] toBinary() { return value.clone(); }
    @Override public int compareTo(Value other) { return Arrays.compareUnsigned(value, ((ByteaValue) other).value); }
    @Override public int hashCode() { return Arrays.hashCode(value); }
}
