package org.tuskdb.sql.internal.value;

/** smallint, integer and bigint: one class, the width is the type; values compare across widths. */
public final class IntegerValue extends Value {
    private static final IntegerValue[] SMALL_INT4 = new IntegerValue[256];

    static {
        for (int i = 0; i < SMALL_INT4.length; i++) {
            SMALL_INT4[i] = new IntegerValue(PgType.INT4, i - 128);
        }
    }

    private final PgType type;
    private final long value;

    private IntegerValue(PgType type, long value) {
        this.type = type;
        this.value = value;
    }

    public static IntegerValue int4(long v) {
        if (v >= -128 && v < 128) {
            return SMALL_INT4[(int) v + 128];
        }
        return of(PgType.INT4, v);
    }

    public static IntegerValue int8(long v) {
        return new IntegerValue(PgType.INT8, v);
    }

    /** A value of that width; throws "integer out of range" (22003) when it does not fit. */
    public static IntegerValue of(PgType type, long v) {
        if (type == PgType.INT4) {
            if (v != (int) v) {
                throw Errors.outOfRange(type);
            }
        } else if (type == PgType.INT2) {
            if (v != (short) v) {
                throw Errors.outOfRange(type);
            }
        }
        return new IntegerValue(type, v);
    }

    public long value() { return value; }

    @Override public PgType type() { return type; }
    @Override public String toText(SessionStyle style) { return Long.toString(value); }

    /** The digits straight into the row's bytes, without a String in between. */
    @Override
    public byte[] toTextBytes(SessionStyle style) {
        long v = value;
        if (v == Long.MIN_VALUE) {
            return toText(style).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        boolean negative = v < 0;
        long magnitude = negative ? -v : v;
        int digits = 1;
        for (long rest = magnitude / 10; rest != 0; rest /= 10) {
            digits++;
        }
        byte[] out = new byte[digits + (negative ? 1 : 0)];
        for (int i = out.length - 1; i >= (negative ? 1 : 0); i--) {
            out[i] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        if (negative) {
            out[0] = '-';
        }
        return out;
    }

    @Override
    public byte[] toBinary() {
        if (type == PgType.INT8) {
            return int8Bytes(value);
        }
        if (type == PgType.INT2) {
            return new byte[] {(byte) (value >>> 8), (byte) value};
        }
        return int4Bytes((int) value);
    }

    @Override public int compareTo(Value other) { return Long.compare(value, ((IntegerValue) other).value); }
    @Override public int hashCode() { return Long.hashCode(value); }
}
