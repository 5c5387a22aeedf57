package org.tuskdb.sql.internal.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.EnumValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimeValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.UuidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The contents of a heap tuple for a row of a table (catalog and user tables alike). Layout,
 * little-endian, no alignment:
 * <pre>
 *   u16 natts | null bitmap: ceil(natts/8) bytes, bit i set = column i is NULL | values of the non-null columns in order
 * </pre>
 * Fixed-width values: bool 1 byte; int2 2; int4, oid, xid, float4, date 4; int8, float8,
 * timestamp, timestamptz, time 8; interval 16 (months, days, micros); uuid 16 (its bytes). Variable-width values have a
 * length prefix (1 byte when below 128, else 4 bytes big-endian with the top bit set) then:
 * UTF-8 for the string types, the bytes of bytea, for numeric a u16 scale and the unscaled
 * value's two's-complement bytes, for arrays array_send's format, for anything else (json, jsonb,
 * inet, ...) the text form under UTC style. An enum value is its label's pg_enum oid (4 bytes), so
 * ALTER TYPE ... RENAME VALUE leaves the rows as they are.
 *
 * <p>A row with fewer stored columns than the table has (a column added later) reads the
 * missing ones as NULL. Decoding can skip columns the query does not use ({@code wanted}).
 */
public final class RowCodec {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PgType[] types;
    private final byte[] kinds;
    private final int bitmapBytes;

    private static final byte K_BOOL = 1, K_INT2 = 2, K_INT4 = 3, K_INT8 = 4, K_OID = 5, K_FLOAT4 = 6, K_FLOAT8 = 7,
        K_DATE = 8, K_TIMESTAMP = 9, K_INTERVAL = 10, K_STRING = 11, K_BYTEA = 12, K_NUMERIC = 13, K_OTHER = 14, K_TIME = 15, K_UUID = 16, K_ARRAY = 17,
        K_ENUM = 18, K_RECORD = 19;

    public RowCodec(PgType[] types) {
        this.types = types.clone();
        for (int i = 0; i < this.types.length; i++) {
            this.types[i] = this.types[i].baseType(); // a domain's values are its base type's
        }
        this.kinds = new byte[types.length];
        for (int i = 0; i < types.length; i++) {
            kinds[i] = kindOf(this.types[i]);
        }
        this.bitmapBytes = (types.length + 7) / 8;
    }

    private static byte kindOf(PgType t) {
        if (t.isArray()) {
            return K_ARRAY;
        }
        if (t.isEnum()) {
            return K_ENUM;
        }
        if (t.isComposite()) {
            return K_RECORD;
        }
        return switch (t.oid()) {
            case 16 -> K_BOOL;
            case 21 -> K_INT2;
            case 23 -> K_INT4;
            case 20 -> K_INT8;
            case 26, 28, 2206 -> K_OID;
            case 700 -> K_FLOAT4;
            case 701 -> K_FLOAT8;
            case 1082 -> K_DATE;
            case 1114, 1184 -> K_TIMESTAMP;
            case 1083 -> K_TIME;
            case 2950 -> K_UUID;
            case 1186 -> K_INTERVAL;
            case 25, 1043, 1042, 19 -> K_STRING;
            case 17 -> K_BYTEA;
            case 1700 -> K_NUMERIC;
            default -> K_OTHER;
        };
    }

    public int columnCount() {
        return types.length;
    }

    // ---- encoding ---------------------------------------------------------------------------

    public byte[] encode(Value[] row) {
        int n = types.length;
        int size = 2 + bitmapBytes;
        byte[][] var = null;
        for (int i = 0; i < n; i++) {
            Value v = row[i];
            if (v == null) {
                continue;
            }
            int fixed = fixedWidth(kinds[i]);
            if (fixed > 0) {
                size += fixed;
            } else {
                if (var == null) {
                    var = new byte[n][];
                }
                byte[] b = varBytes(kinds[i], v);
                var[i] = b;
                size += (b.length < 128 ? 1 : 4) + b.length;
            }
        }
        byte[] out = new byte[size];
        SHORT.set(out, 0, (short) n);
        int pos = 2 + bitmapBytes;
        for (int i = 0; i < n; i++) {
            Value v = row[i];
            if (v == null) {
                out[2 + (i >> 3)] |= (byte) (1 << (i & 7));
                continue;
            }
            switch (kinds[i]) {
                case K_BOOL -> out[pos++] = (byte) (((BoolValue) v).value() ? 1 : 0);
                case K_INT2 -> { SHORT.set(out, pos, (short) ((IntegerValue) v).value()); pos += 2; }
                case K_INT4 -> { INT.set(out, pos, (int) ((IntegerValue) v).value()); pos += 4; }
                case K_INT8 -> { LONG.set(out, pos, ((IntegerValue) v).value()); pos += 8; }
                case K_OID -> { INT.set(out, pos, (int) ((OidValue) v).value()); pos += 4; }
                case K_ENUM -> { INT.set(out, pos, (int) ((EnumValue) v).labelOid()); pos += 4; }
                case K_FLOAT4 -> { INT.set(out, pos, Float.floatToRawIntBits((float) ((FloatValue) v).value())); pos += 4; }
                case K_FLOAT8 -> { LONG.set(out, pos, Double.doubleToRawLongBits(((FloatValue) v).value())); pos += 8; }
                case K_DATE -> { INT.set(out, pos, ((DateValue) v).days()); pos += 4; }
                case K_TIMESTAMP -> { LONG.set(out, pos, ((TimestampValue) v).micros()); pos += 8; }
                case K_TIME -> { LONG.set(out, pos, ((TimeValue) v).micros()); pos += 8; }
                case K_UUID -> { System.arraycopy(((UuidValue) v).bytes(), 0, out, pos, 16); pos += 16; }
                case K_INTERVAL -> {
                    IntervalValue iv = (IntervalValue) v;
                    INT.set(out, pos, iv.months());
                    INT.set(out, pos + 4, iv.days());
                    LONG.set(out, pos + 8, iv.micros());
                    pos += 16;
                }
                default -> {
                    byte[] b = var[i];
                    if (b.length < 128) {
                        out[pos++] = (byte) b.length;
                    } else {
                        int l = b.length | 0x8000_0000;
                        out[pos] = (byte) (l >>> 24);
                        out[pos + 1] = (byte) (l >>> 16);
                        out[pos + 2] = (byte) (l >>> 8);
                        out[pos + 3] = (byte) l;
                        pos += 4;
                    }
                    System.arraycopy(b, 0, out, pos, b.length);
                    pos += b.length;
                }
            }
        }
        return out;
    }

    private static int fixedWidth(byte kind) {
        return switch (kind) {
            case K_BOOL -> 1;
            case K_INT2 -> 2;
            case K_INT4, K_OID, K_FLOAT4, K_DATE, K_ENUM -> 4;
            case K_INT8, K_FLOAT8, K_TIMESTAMP, K_TIME -> 8;
            case K_INTERVAL, K_UUID -> 16;
            default -> 0;
        };
    }

    private static byte[] varBytes(byte kind, Value v) {
        return switch (kind) {
            case K_STRING -> ((TextValue) v).value().getBytes(StandardCharsets.UTF_8);
            case K_BYTEA -> ((ByteaValue) v).value();
            case K_NUMERIC -> {
                NumericValue nv = (NumericValue) v;
                if (!nv.isFinite()) {
                    yield new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) nv.special()}; // scale 0xFFFF marks NaN / ±Infinity
                }
                BigDecimal d = nv.value();
                byte[] unscaled = d.unscaledValue().toByteArray();
                byte[] b = new byte[2 + unscaled.length];
                b[0] = (byte) d.scale();
                b[1] = (byte) (d.scale() >>> 8);
                System.arraycopy(unscaled, 0, b, 2, unscaled.length);
                yield b;
            }
            case K_ARRAY -> v.toBinary(); // array_send's format: elements in their binary forms
            case K_RECORD -> v.toBinary(); // record_send's format: fields by position
            default -> v.toText(SessionStyle.utc()).getBytes(StandardCharsets.UTF_8);
        };
    }

    // ---- decoding ---------------------------------------------------------------------------

    /** Every column. */
    public Value[] decode(byte[] data) {
        Value[] out = new Value[types.length];
        decode(data, out, null);
        return out;
    }

    /**
     * Decodes into {@code out} (one slot per table column); with {@code wanted} non-null only the
     * columns it marks get a value (the others stay null), the rest are skipped over.
     */
    public void decode(byte[] data, Value[] out, boolean[] wanted) {
        int stored = Short.toUnsignedInt((short) SHORT.get(data, 0));
        int bitmap = (stored + 7) / 8;
        int pos = 2 + bitmap;
        int n = Math.min(stored, types.length);
        for (int i = 0; i < n; i++) {
            if ((data[2 + (i >> 3)] & (1 << (i & 7))) != 0) {
                out[i] = null;
                continue;
            }
            byte kind = kinds[i];
            int fixed = fixedWidth(kind);
            boolean want = wanted == null || wanted[i];
            if (fixed > 0) {
                out[i] = want ? fixedValue(kind, types[i], data, pos) : null;
                pos += fixed;
                continue;
            }
            int len;
            int b0 = data[pos] & 0xff;
            if (b0 < 128) {
                len = b0;
                pos++;
            } else {
                len = ((b0 & 0x7f) << 24) | (data[pos + 1] & 0xff) << 16 | (data[pos + 2] & 0xff) << 8 | (data[pos + 3] & 0xff);
                pos += 4;
            }
            out[i] = want ? varValue(kind, types[i], data, pos, len) : null;
            pos += len;
        }
        for (int i = n; i < types.length; i++) {
            out[i] = null;
        }
    }

    private static Value fixedValue(byte kind, PgType type, byte[] d, int pos) {
        return switch (kind) {
            case K_BOOL -> BoolValue.of(d[pos] != 0);
            case K_INT2 -> IntegerValue.of(PgType.INT2, (short) SHORT.get(d, pos));
            case K_INT4 -> IntegerValue.int4((int) INT.get(d, pos));
            case K_INT8 -> IntegerValue.int8((long) LONG.get(d, pos));
            case K_OID -> new OidValue(type, Integer.toUnsignedLong((int) INT.get(d, pos)));
            case K_ENUM -> enumValue(type, Integer.toUnsignedLong((int) INT.get(d, pos)));
            case K_FLOAT4 -> FloatValue.float4(Float.intBitsToFloat((int) INT.get(d, pos)));
            case K_FLOAT8 -> FloatValue.float8(Double.longBitsToDouble((long) LONG.get(d, pos)));
            case K_DATE -> new DateValue((int) INT.get(d, pos));
            case K_TIMESTAMP -> new TimestampValue(type, (long) LONG.get(d, pos));
            case K_TIME -> new TimeValue((long) LONG.get(d, pos));
            case K_UUID -> new UuidValue(Arrays.copyOfRange(d, pos, pos + 16));
            case K_INTERVAL -> new IntervalValue((int) INT.get(d, pos), (int) INT.get(d, pos + 4), (long) LONG.get(d, pos + 8));
            default -> throw new IllegalStateException("not fixed width");
        };
    }

    /** An enum column's stored label oid as the value (the type as the relation cache read it). */
    private static Value enumValue(PgType type, long labelOid) {
        Value v = type.enumValueByOid(labelOid);
        if (v == null) {
            throw new IllegalStateException("enum " + type.name() + " has no label of oid " + labelOid);
        }
        return v;
    }

    private static Value varValue(byte kind, PgType type, byte[] d, int pos, int len) {
        return switch (kind) {
            case K_STRING -> new TextValue(type, new String(d, pos, len, StandardCharsets.UTF_8));
            case K_BYTEA -> new ByteaValue(Arrays.copyOfRange(d, pos, pos + len));
            case K_NUMERIC -> {
                int scale = (d[pos] & 0xff) | (d[pos + 1] & 0xff) << 8;
                if (scale == 0xFFFF) {
                    int sp = d[pos + 2];
                    yield sp == NumericValue.NAN ? NumericValue.NaN
                        : sp == NumericValue.POS_INF ? NumericValue.INFINITY : NumericValue.NEG_INFINITY;
                }
                BigInteger unscaled = new BigInteger(d, pos + 2, len - 2);
                yield NumericValue.of(new BigDecimal(unscaled, scale));
            }
            case K_ARRAY -> ArrayValue.fromBinary(type, Arrays.copyOfRange(d, pos, pos + len));
            // a value stored before ALTER TYPE ... ADD ATTRIBUTE has fewer fields: the new ones read as NULL
            case K_RECORD -> RecordValue.fromBinary(type, Arrays.copyOfRange(d, pos, pos + len));
            default -> TypeInput.parse(type, -1, new String(d, pos, len, StandardCharsets.UTF_8), SessionStyle.utc());
        };
    }
}
