package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * numeric: arbitrary precision, kept as a BigDecimal whose scale is PostgreSQL's display scale
 * (dscale), so 1.50 prints as 1.50. The scale is never negative.
 */
public final class NumericValue extends Value {
    private static final BigInteger NBASE = BigInteger.valueOf(10000);
    /** The special values: finite (a BigDecimal), NaN, Infinity, -Infinity. */
    public static final int FINITE = 0, NAN = 1, POS_INF = 2, NEG_INF = 3;
    public static final NumericValue NaN = new NumericValue(null, NAN);
    public static final NumericValue INFINITY = new NumericValue(null, POS_INF);
    public static final NumericValue NEG_INFINITY = new NumericValue(null, NEG_INF);
    private final BigDecimal value;
    private final int special;

    private NumericValue(BigDecimal value) {
        this(value, FINITE);
    }

    private NumericValue(BigDecimal value, int special) {
        this.value = value;
        this.special = special;
    }

    public int special() { return special; }
    public boolean isFinite() { return special == FINITE; }

    public static NumericValue of(BigDecimal v) {
        return new NumericValue(v.scale() < 0 ? v.setScale(0) : v);
    }

    public static NumericValue of(long v) {
        return new NumericValue(BigDecimal.valueOf(v));
    }

    /** The finite value; NaN and the infinities have none (their arithmetic is not there yet: 0A000). */
    public BigDecimal value() {
        if (special != FINITE) {
            throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
                "arithmetic on numeric " + toText(null) + " is not supported yet");
        }
        return value;
    }

    @Override public PgType type() { return PgType.NUMERIC; }

    @Override
    public String toText(SessionStyle style) {
        return switch (special) {
            case NAN -> "NaN";
            case POS_INF -> "Infinity";
            case NEG_INF -> "-Infinity";
            default -> value.toPlainString();
        };
    }

    /** -Infinity < finite values < Infinity < NaN (NaN equals NaN), as numeric_cmp. */
    private int rank() {
        return switch (special) {
            case NEG_INF -> 0;
            case POS_INF -> 2;
            case NAN -> 3;
            default -> 1;
        };
    }

    @Override
    public int compareTo(Value other) {
        NumericValue o = (NumericValue) other;
        if (special != FINITE || o.special != FINITE) {
            return Integer.compare(rank(), o.rank());
        }
        return value.compareTo(o.value);
    }

    @Override
    public int hashCode() {
        if (special != FINITE) {
            return -special;
        }
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    /**
     * numeric_send: ndigits, weight, sign, dscale (int16 each) and the base-10000 digits,
     * most significant first, without leading or trailing zero digits.
     */
    @Override
    public byte[] toBinary() {
        if (special != FINITE) {
            byte[] b = new byte[8];
            putShort(b, 4, special == NAN ? 0xC000 : special == POS_INF ? 0xD000 : 0xF000);
            return b;
        }
        int dscale = value.scale();
        BigInteger unscaled = value.unscaledValue().abs();
        // Align the fraction to whole base-10000 digits.
        int fracGroups = (dscale + 3) / 4;
        BigInteger aligned = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        java.util.ArrayList<Integer> groups = new java.util.ArrayList<>();
        while (aligned.signum() > 0) {
            BigInteger[] qr = aligned.divideAndRemainder(NBASE);
            groups.add(0, qr[1].intValue());
            aligned = qr[0];
        }
        int weight = groups.size() - fracGroups - 1;
        int start = 0;
        int end = groups.size();
        while (start < end && groups.get(start) == 0) {
            start++;
            weight--;
        }
        while (end > start && groups.get(end - 1) == 0) {
            end--;
        }
        int n = end - start;
        if (n == 0) {
            weight = 0;
        }
        byte[] b = new byte[8 + 2 * n];
        putShort(b, 0, n);
        putShort(b, 2, weight);
        putShort(b, 4, value.signum() < 0 ? 0x4000 : 0);
        putShort(b, 6, dscale);
        for (int i = 0; i < n; i++) {
            putShort(b, 8 + 2 * i, groups.get(start + i));
        }
        return b;
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    /** numeric_recv. */
    public static NumericValue fromBinary(byte[] b) {
        if (b.length < 8) {
            throw Errors.insufficientData();
        }
        int n = getShort(b, 0);
        int weight = (short) getShort(b, 2);
        int sign = getShort(b, 4);
        int dscale = getShort(b, 6);
        if (b.length != 8 + 2 * n) {
            throw Errors.insufficientData();
        }
        if (sign == 0xC000) {
            return NaN;
        }
        if (sign == 0xD000) {
            return INFINITY;
        }
        if (sign == 0xF000) {
            return NEG_INFINITY;
        }
        if (sign != 0 && sign != 0x4000) {
            throw Errors.badBinary("invalid sign in external \"numeric\" value");
        }
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            int d = getShort(b, 8 + 2 * i);
            if (d >= 10000) {
                throw Errors.badBinary("invalid digit in external \"numeric\" value");
            }
            acc = acc.multiply(NBASE).add(BigInteger.valueOf(d));
        }
        // acc holds digits with the last one at weight (weight - n + 1).
        BigDecimal v = new BigDecimal(acc).scaleByPowerOfTen(4 * (weight - n + 1));
        if (sign == 0x4000) {
            v = v.negate();
        }
        return of(v.setScale(dscale, java.math.RoundingMode.HALF_UP));
    }

    private static int getShort(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
