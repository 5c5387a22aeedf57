package org.tuskdb.sql.internal.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4out/float8out. With extra_float_digits > 0 PostgreSQL prints the shortest string that
 * reads back exactly (Ryu); Java's Double.toString/Float.toString produce the same shortest
 * digits since JDK 19, so only the layout is redone here: fixed notation for decimal exponents
 * in [-4, 15) (real: [-4, 6)), else d.ddde+XX. With extra_float_digits <= 0 it is printf's %.Ng
 * with N = 15 (real: 6) + extra_float_digits.
 */
public final class FloatFormat {
    private FloatFormat() {}

    public static String float8(double v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(Double.toString(Math.abs(v)), v < 0 || isNegativeZero(v), 15);
        }
        return printfG(v, Math.max(1, 15 + extraFloatDigits));
    }

    public static String float4(float v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(Float.toString(Math.abs(v)), v < 0 || isNegativeZero(v), 6);
        }
        return printfG(v, Math.max(1, 6 + extraFloatDigits));
    }

    private static boolean isNegativeZero(double v) {
        return v == 0 && Double.doubleToRawLongBits(v) != 0;
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return null;
    }

    /** Re-lays out Java's shortest representation (e.g. "1.0E-5", "123.45") PostgreSQL's way. */
    private static String shortest(String java, boolean negative, int fixedLimit) {
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String intPart = mantissa.substring(0, dot);
        String fracPart = mantissa.substring(dot + 1);
        String digits = intPart + fracPart;
        // decimal exponent of the first digit
        int pointPos = intPart.length() + exp10;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        pointPos -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.equals("0")) {
            return negative ? "-0" : "0";
        }
        int sciExp = pointPos - 1;
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        if (sciExp >= -4 && sciExp < fixedLimit) {
            appendFixed(sb, digits, pointPos);
        } else {
            appendScientific(sb, digits, sciExp);
        }
        return sb.toString();
    }

    private static void appendFixed(StringBuilder sb, String digits, int pointPos) {
        if (pointPos <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-pointPos));
            sb.append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits);
            sb.append("0".repeat(pointPos - digits.length()));
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
    }

    private static void appendScientific(StringBuilder sb, String digits, int sciExp) {
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(sciExp < 0 ? '-' : '+');
        int a = Math.abs(sciExp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
    }

    /** printf("%.*g", precision, v). */
    static String printfG(double v, int precision) {
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int sciExp = digits.length() - 1 - rounded.scale();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        StringBuilder sb = new StringBuilder();
        if (v < 0) {
            sb.append('-');
        }
        if (sciExp >= -4 && sciExp < precision) {
            appendFixed(sb, digits, sciExp + 1);
        } else {
            appendScientific(sb, digits, sciExp);
        }
        return sb.toString();
    }
}
