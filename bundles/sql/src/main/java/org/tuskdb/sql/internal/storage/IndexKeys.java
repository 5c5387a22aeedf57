package org.tuskdb.sql.internal.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.EnumValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.InetValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimeTzValue;
import org.tuskdb.sql.internal.value.TimeValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.UuidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Order-preserving index keys: a row's key columns become one byte string whose unsigned
 * lexicographic order ({@link Arrays#compareUnsigned(byte[], byte[])}) is PostgreSQL's btree
 * order of the columns (each ASC or DESC, NULLS FIRST or LAST), so the B-tree compares keys
 * without knowing their types. Equal values (1.5 and 1.50, 'a' and 'a  '::bpchar, 1 mon and
 * 30 days, 0.0 and -0.0) get identical bytes; the encoding is one-way (an index-only scan needs
 * the heap value or a separate copy to show the original scale or spelling).
 *
 * <p>Each column is a marker byte then, for a non-NULL value, the value's bytes:
 * <pre>
 *   marker  0x00 NULL (NULLS FIRST) | 0x01 value | 0x02 NULL (NULLS LAST)
 *   bool               1 byte 0 / 1
 *   int2, int4, int8   8 bytes big-endian, sign bit flipped (one width, so the integer family compares across widths)
 *   oid, regtype, xid  4 bytes big-endian unsigned
 *   enum               its label's sort order as float4 below (enum_cmp's order)
 *   float4, float8     8 bytes: the double's bits, all bits flipped if negative else the sign bit
 *                      (-0.0 is 0.0; NaN is one canonical NaN, above +Infinity, as PostgreSQL)
 *   numeric            class byte (0x00 -Infinity, 0x01 negative, 0x02 zero, 0x03 positive, 0x04 Infinity,
 *                      0x05 NaN), then for non-zero finite values the
 *                      decimal exponent (4 bytes, sign flipped) and the significant digits two per byte
 *                      (value + 1, 1..100, an odd last digit padded with 0) and a 0x00 terminator;
 *                      negative values complement exponent, digits and terminator
 *   text, varchar,     the UTF-8 bytes (bpchar without its trailing spaces), each 0x00 as 0x00 0xFF,
 *   bpchar, name,      then the terminator 0x00 0x00 (collation "C": byte order)
 *   bytea
 *   date               4 bytes sign-flipped (infinities are the int extremes)
 *   time               8 bytes sign-flipped
 *   timetz             the UTC time (8 bytes) then the seconds west of UTC (4 bytes), both sign-flipped
 *   timestamp[tz]      8 bytes sign-flipped (UTC microseconds for timestamptz)
 *   interval           16 bytes: the span (months * 30 + days) * 86400e6 + micros as a sign-flipped 128-bit integer
 *   inet               the send format (family, bits, is_cidr, length, address)
 *   uuid               its 16 bytes
 *   arrays             per element 0x01 and the element's bytes, or 0x02 for a NULL element, then 0x00
 *   ranges             0x00 empty, else 0x01 and both bounds (see appendRange)
 * </pre>
 * Every value encoding is prefix-free (fixed width, or self-terminated), so concatenating
 * columns stays order-preserving, and the encoding of the first k columns is a prefix of every
 * key that starts with those values ({@link #afterPrefix} bounds a prefix scan). DESC columns
 * complement the value bytes (not the marker), which reverses their order and keeps them
 * prefix-free.
 */
public final class IndexKeys {
    private IndexKeys() {}

    /** Column flags: descending order; NULLs sort before values. PostgreSQL's defaults: ASC NULLS LAST, DESC NULLS FIRST. */
    public static final int DESC = 1;
    public static final int NULLS_FIRST = 2;

    static final byte NULL_FIRST = 0x00;
    static final byte VALUE = 0x01;
    static final byte NULL_LAST = 0x02;

    /** PostgreSQL's default NULLS placement for the direction. */
    public static int defaultFlags(boolean descending) {
        return descending ? DESC | NULLS_FIRST : 0;
    }

    /** True for the types this encoding covers (every type with a btree operator class here). */
    public static boolean isIndexable(PgType t) {
        t = t.baseType();
        if (t.isArray()) {
            return t.elementType() != PgType.JSON && t.elementType() != PgType.JSONB && isIndexable(t.elementType());
        }
        if (t.isEnum()) {
            return true;
        }
        if (t.isRange()) {
            return isIndexable(t.rangeSubtype());
        }
        return switch (t.oid()) {
            case 16, 21, 23, 20, 26, 28, 2206, 700, 701, 1700, 25, 1043, 1042, 19, 17, 1082, 1083, 1266, 1114, 1184, 1186, 869, 2950 -> true;
            default -> false;
        };
    }

    /** The key of one row: values[i] (null = SQL NULL) with flags[i] (null array = all ASC NULLS LAST). */
    public static byte[] encode(Value[] values, int[] flags) {
        Builder b = new Builder(16 * values.length + 8);
        for (int i = 0; i < values.length; i++) {
            b.add(values[i], flags == null ? 0 : flags[i]);
        }
        return b.toByteArray();
    }

    /** The smallest byte string greater than every key that starts with {@code prefix} (a whole-columns prefix). */
    public static byte[] afterPrefix(byte[] prefix) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = (byte) 0xFF; // above every marker byte (0x00..0x02)
        return out;
    }

    /** Builds a key column by column; reusable after {@link #reset()}. */
    public static final class Builder {
        private byte[] buf;
        private int len;

        public Builder(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        public Builder reset() {
            len = 0;
            return this;
        }

        public int length() {
            return len;
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        private void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        private void putLong(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[len + i] = (byte) v;
                v >>>= 8;
            }
            len += 8;
        }

        private void putInt(int v) {
            ensure(4);
            buf[len] = (byte) (v >>> 24);
            buf[len + 1] = (byte) (v >>> 16);
            buf[len + 2] = (byte) (v >>> 8);
            buf[len + 3] = (byte) v;
            len += 4;
        }

        /** Appends one column: the value (null = SQL NULL) with its flags. */
        public Builder add(Value v, int flags) {
            if (v == null) {
                put((flags & NULLS_FIRST) != 0 ? NULL_FIRST : NULL_LAST);
                return this;
            }
            put(VALUE);
            int start = len;
            appendValue(v);
            if ((flags & DESC) != 0) {
                for (int i = start; i < len; i++) {
                    buf[i] = (byte) ~buf[i];
                }
            }
            return this;
        }

        private void appendValue(Value v) {
            switch (v) {
                case IntegerValue i -> putLong(i.value() ^ Long.MIN_VALUE);
                case BoolValue b -> put(b.value() ? 1 : 0);
                case OidValue o -> putInt((int) o.value());
                case FloatValue f -> putLong(floatKey(f.value()));
                case EnumValue e -> putLong(floatKey(e.sortOrder()));
                case NumericValue n -> {
                    switch (n.special()) {
                        case NumericValue.NEG_INF -> put(0x00);
                        case NumericValue.POS_INF -> put(0x04);
                        case NumericValue.NAN -> put(0x05);
                        default -> appendNumeric(n.value());
                    }
                }
                case TextValue t -> appendEscaped(t.textValue().getBytes(StandardCharsets.UTF_8));
                case ByteaValue b -> appendEscaped(b.value());
                case DateValue d -> putInt(d.days() ^ Integer.MIN_VALUE);
                case TimeValue t -> putLong(t.micros() ^ Long.MIN_VALUE);
                case TimeTzValue t -> {
                    putLong(t.utcMicros() ^ Long.MIN_VALUE);
                    putInt(-t.offsetSeconds() ^ Integer.MIN_VALUE); // seconds west, as timetz_cmp
                }
                case TimestampValue t -> putLong(t.micros() ^ Long.MIN_VALUE);
                case IntervalValue i -> appendInterval(i);
                case UuidValue u -> {
                    ensure(16);
                    System.arraycopy(u.bytes(), 0, buf, len, 16);
                    len += 16;
                }
                case ArrayValue a -> {
                    // per element 0x01 + its key or 0x02 for NULL (above values, as array_cmp), then 0x00
                    for (Value e : a.elements()) {
                        if (e == null) {
                            put(0x02);
                        } else {
                            put(0x01);
                            appendValue(e);
                        }
                    }
                    put(0x00);
                }
                case InetValue i -> {
                    byte[] b = i.toBinary();
                    ensure(b.length);
                    System.arraycopy(b, 0, buf, len, b.length);
                    len += b.length;
                }
                case org.tuskdb.sql.internal.value.RangeValue r -> appendRange(r);
                default -> throw new IllegalArgumentException("no index key encoding for type " + v.type().displayName());
            }
        }

        /**
         * range_cmp's order: 0x00 for empty (first), else 0x01, the lower bound (0x00 infinite, else
         * 0x01, the value, 0x00 inclusive / 0x01 exclusive) and the upper bound (0x02 infinite, else
         * 0x01, the value, 0x00 exclusive / 0x01 inclusive).
         */
        private void appendRange(org.tuskdb.sql.internal.value.RangeValue r) {
            if (r.isEmpty()) {
                put(0x00);
                return;
            }
            put(0x01);
            if (r.lower() == null) {
                put(0x00);
            } else {
                put(0x01);
                appendValue(r.lower());
                put(r.lowerInc() ? 0x00 : 0x01);
            }
            if (r.upper() == null) {
                put(0x02);
            } else {
                put(0x01);
                appendValue(r.upper());
                put(r.upperInc() ? 0x01 : 0x00);
            }
        }

        /** Bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x00. */
        private void appendEscaped(byte[] b) {
            ensure(b.length + 2);
            for (byte x : b) {
                if (x == 0) {
                    ensure(2 + 2);
                    buf[len++] = 0;
                    buf[len++] = (byte) 0xFF;
                } else {
                    buf[len++] = x;
                }
            }
            ensure(2);
            buf[len++] = 0;
            buf[len++] = 0;
        }

        private void appendNumeric(BigDecimal d) {
            int sign = d.signum();
            if (sign == 0) {
                put(0x02);
                return;
            }
            put(sign < 0 ? 0x01 : 0x03);
            int start = len;
            BigDecimal m = d.abs().stripTrailingZeros();
            String digits = m.unscaledValue().toString();
            // value = 0.d1d2d3... * 10^exponent
            int exponent = digits.length() - m.scale();
            putInt(exponent ^ Integer.MIN_VALUE);
            int n = digits.length();
            ensure(n / 2 + 2);
            for (int i = 0; i < n; i += 2) {
                int hi = digits.charAt(i) - '0';
                int lo = i + 1 < n ? digits.charAt(i + 1) - '0' : 0;
                buf[len++] = (byte) (hi * 10 + lo + 1);
            }
            buf[len++] = 0;
            if (sign < 0) {
                for (int i = start; i < len; i++) {
                    buf[i] = (byte) ~buf[i];
                }
            }
        }

        private void appendInterval(IntervalValue iv) {
            BigInteger span = BigInteger.valueOf((long) iv.months() * 30 + iv.days())
                .multiply(BigInteger.valueOf(IntervalValue.MICROS_PER_DAY)).add(BigInteger.valueOf(iv.micros()));
            // 128-bit two's complement, big-endian, sign bit flipped
            long hi = span.shiftRight(64).longValue();
            long lo = span.longValue();
            putLong(hi ^ Long.MIN_VALUE);
            putLong(lo);
        }
    }

    /** A double as a long whose unsigned order is PostgreSQL's float order (NaN greatest, -0 = 0). */
    static long floatKey(double d) {
        if (d == 0) {
            d = 0.0;
        }
        long bits = Double.doubleToLongBits(d); // canonical NaN
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }
}
