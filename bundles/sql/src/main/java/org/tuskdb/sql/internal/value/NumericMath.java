package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.tuskdb.api.DatabaseException;

/**
 * numeric's result-scale rules, which decide how many digits a result shows. PostgreSQL stores
 * numeric in base-10000 digits, and its division and power scales depend on the weight (the
 * position of the first base-10000 digit), so that is computed here from the BigDecimal.
 */
public final class NumericMath {
    private NumericMath() {}

    /** NUMERIC_MIN_SIG_DIGITS: at least this many significant digits in a quotient. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Errors.divisionByZero();
        }
        return a.divide(b, divideScale(a, b), RoundingMode.HALF_UP);
    }

    /** select_div_scale. */
    public static int divideScale(BigDecimal a, BigDecimal b) {
        int w1 = weight(a);
        int w2 = weight(b);
        int f1 = firstDigit(a, w1);
        int f2 = firstDigit(b, w2);
        int qweight = w1 - w2;
        if (f1 <= f2) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, a.scale());
        rscale = Math.max(rscale, b.scale());
        rscale = Math.max(rscale, 0);
        return Math.min(rscale, MAX_DISPLAY_SCALE);
    }

    /** Weight of the first base-10000 digit (0 for zero). */
    static int weight(BigDecimal v) {
        if (v.signum() == 0) {
            return 0;
        }
        BigDecimal abs = v.abs();
        int exponent = abs.precision() - abs.scale() - 1;
        return Math.floorDiv(exponent, 4);
    }

    private static int firstDigit(BigDecimal v, int weight) {
        if (v.signum() == 0) {
            return 0;
        }
        return v.abs().movePointLeft(4 * weight).toBigInteger().mod(BigInteger.valueOf(10000)).intValue();
    }

    public static BigDecimal modulo(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Errors.divisionByZero();
        }
        BigDecimal r = a.remainder(b);
        return r.setScale(Math.max(a.scale(), b.scale()), RoundingMode.UNNECESSARY);
    }

    /** numeric ^ numeric with power_var's result scale. */
    public static BigDecimal power(BigDecimal base, BigDecimal exp) {
        BigDecimal expStripped = exp.stripTrailingZeros();
        boolean integral = expStripped.scale() <= 0;
        if (base.signum() == 0 && exp.signum() < 0) {
            throw DatabaseException.error("2201F", "zero raised to a negative power is undefined");
        }
        if (integral && expStripped.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int n = expStripped.intValueExact();
            int rscale = Math.min(Math.max(Math.max(MIN_SIG_DIGITS, base.scale()), 0), MAX_DISPLAY_SCALE);
            if (n >= 0) {
                if ((long) n * Math.max(1, base.precision()) > 100_000) {
                    throw DatabaseException.error("22003", "value overflows numeric format");
                }
                return base.pow(n).setScale(rscale, RoundingMode.HALF_UP);
            }
            BigDecimal denominator = base.pow(-n);
            return BigDecimal.ONE.divide(denominator, rscale, RoundingMode.HALF_UP);
        }
        if (base.signum() < 0) {
            throw DatabaseException.error("2201F",
                "a negative number raised to a non-integer power yields a complex result");
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(Math.max(MIN_SIG_DIGITS, Math.max(base.scale(), exp.scale())));
        }
        double estimate = exp.doubleValue() * Math.log(base.doubleValue()) * 0.434294481903252;
        if (estimate > 130_000) {
            throw DatabaseException.error("22003", "value overflows numeric format");
        }
        int rscale = MIN_SIG_DIGITS - (int) estimate;
        rscale = Math.max(rscale, base.scale());
        rscale = Math.max(rscale, exp.scale());
        rscale = Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
        int digits = rscale + Math.max(0, (int) estimate) + 12;
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal result = exp(ln(base, mc).multiply(exp, mc), mc);
        return result.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** Natural logarithm of a positive value to mc's precision. */
    public static BigDecimal ln(BigDecimal x, MathContext mc) {
        if (x.signum() <= 0) {
            throw DatabaseException.error("2201E", x.signum() == 0 ? "cannot take logarithm of zero"
                : "cannot take logarithm of a negative number");
        }
        MathContext work = new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
        // x = m * 10^k with m in [1, 10): ln x = ln m + k ln 10.
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(k);
        BigDecimal result = lnNearOne(m, work);
        if (k != 0) {
            result = result.add(lnNearOne(BigDecimal.TEN, work).multiply(BigDecimal.valueOf(k), work), work);
        }
        return result.round(mc);
    }

    /** ln by repeated square roots towards 1, then the atanh series. */
    private static BigDecimal lnNearOne(BigDecimal m, MathContext mc) {
        int halvings = 0;
        BigDecimal threshold = new BigDecimal("0.01");
        while (m.subtract(BigDecimal.ONE).abs().compareTo(threshold) > 0) {
            m = m.sqrt(mc);
            halvings++;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int i = 1; term.abs().compareTo(epsilon) > 0; i += 2) {
            sum = sum.add(term.divide(BigDecimal.valueOf(i), mc), mc);
            term = term.multiply(z2, mc);
        }
        // ln m = 2 atanh z, and each square root halved the logarithm.
        return sum.multiply(BigDecimal.valueOf(2L << halvings), mc);
    }

    /** e^x to mc's precision. */
    public static BigDecimal exp(BigDecimal x, MathContext mc) {
        int squarings = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(new BigDecimal("0.5")) > 0) {
            r = r.divide(BigDecimal.valueOf(2), new MathContext(mc.getPrecision() + 20, RoundingMode.HALF_EVEN));
            squarings++;
        }
        MathContext work = new MathContext(mc.getPrecision() + squarings + 10, RoundingMode.HALF_EVEN);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int i = 1; term.abs().compareTo(epsilon) > 0; i++) {
            term = term.multiply(r, work).divide(BigDecimal.valueOf(i), work);
            sum = sum.add(term, work);
        }
        for (int i = 0; i < squarings; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }

    /** Applies a numeric(p,s) type modifier: round to s, then check the integer digits fit. */
    public static BigDecimal applyTypmod(BigDecimal v, int typmod) {
        if (typmod < 4) {
            return v;
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (r.signum() != 0 && r.precision() - r.scale() > maxDigits) {
            throw DatabaseException.error("22003", "numeric field overflow").withDetail(
                "A field with precision " + precision + ", scale " + scale
                    + " must round to an absolute value less than " + (maxDigits > 0 ? "10^" + maxDigits : "1") + ".");
        }
        return r;
    }

    /** numeric to an integer type: round half away from zero, then range-check. */
    public static long toLong(BigDecimal v, PgType type) {
        BigDecimal r = v.setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || r.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            throw Errors.outOfRange(type);
        }
        return IntegerValue.of(type, r.longValueExact()).value();
    }

    /** float to numeric goes through its %.15g (real: %.6g) text, as float8_numeric does. */
    public static BigDecimal fromDouble(double d, boolean real) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw DatabaseException.error("0A000", "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity")
                + " to numeric");
        }
        BigDecimal exact = new BigDecimal(d);
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = exact.round(new MathContext(real ? 6 : 15, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
