package org.tuskdb.sql.internal.value;

/**
 * real and double precision. A real is kept as the double of its float value; its arithmetic
 * is done in float precision by the operators. Ordering follows PostgreSQL's float8_cmp:
 * NaN equals NaN and sorts above everything, -0 equals 0.
 */
public final class FloatValue extends Value {
    private final PgType type;
    private final double value;

    private FloatValue(PgType type, double value) {
        this.type = type;
        this.value = value;
    }

    public static FloatValue float8(double v) {
        return new FloatValue(PgType.FLOAT8, v);
    }

    public static FloatValue float4(float v) {
        return new FloatValue(PgType.FLOAT4, v);
    }

    public static FloatValue of(PgType type, double v) {
        return type == PgType.FLOAT4 ? float4((float) v) : float8(v);
    }

    public double value() { return value; }

    @Override public PgType type() { return type; }

    @Override
    public String toText(SessionStyle style) {
        return type == PgType.FLOAT4 ? FloatFormat.float4((float) value, style.extraFloatDigits())
            : FloatFormat.float8(value, style.extraFloatDigits());
    }

    @Override
    public byte[] toBinary() {
        return type == PgType.FLOAT4 ? int4Bytes(Float.floatToIntBits((float) value))
            : int8Bytes(Double.doubleToLongBits(value));
    }

    @Override
    public int compareTo(Value other) {
        return compare(value, ((FloatValue) other).value);
    }

    static int compare(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    @Override
    public int hashCode() {
        return value == 0 ? 0 : Double.hashCode(value);
    }
}
