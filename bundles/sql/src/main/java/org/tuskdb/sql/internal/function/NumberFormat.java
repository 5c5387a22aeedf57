package org.tuskdb.sql.internal.function;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * to_char(number, template) for the common patterns of formatting.c: 9 (digit, leading zero
 * as space), 0 (digit, leading zero kept), . or D, , or G (a space until the first digit),
 * FM (no padding, no trailing fraction zeros), S / MI / PL (sign), literal text and "quoted"
 * text. Too many digits print as #. Not supported: EEEE, RN, TH, V.
 */
final class NumberFormat {
    private NumberFormat() {}

    static String format(BigDecimal value, String template) {
        boolean fm = false;
        int intPositions = 0;
        int fracPositions = 0;
        boolean seenPoint = false;
        boolean signToken = false;
        String t = template;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (t.regionMatches(true, i, "FM", 0, 2)) {
                fm = true;
                i++;
            } else if (c == '9' || c == '0') {
                if (seenPoint) {
                    fracPositions++;
                } else {
                    intPositions++;
                }
            } else if (c == '.' || c == 'D' || c == 'd') {
                seenPoint = true;
            } else if (t.regionMatches(true, i, "MI", 0, 2) || t.regionMatches(true, i, "PL", 0, 2)
                || t.regionMatches(true, i, "SG", 0, 2)) {
                signToken = true;
                i++;
            } else if (c == 'S' || c == 's') {
                signToken = true;
            } else if (c == '"') {
                int end = t.indexOf('"', i + 1);
                i = end < 0 ? t.length() : end;
            }
        }
        boolean negative = value.signum() < 0;
        BigDecimal abs = value.abs().setScale(fracPositions, RoundingMode.HALF_UP);
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String intStr = dot < 0 ? plain : plain.substring(0, dot);
        String fracStr = dot < 0 ? "" : plain.substring(dot + 1);
        if (intStr.equals("0")) {
            intStr = seenPoint ? "" : "0";
        }
        boolean overflow = intStr.length() > intPositions;
        negative &= abs.signum() != 0;

        StringBuilder out = new StringBuilder();
        int signAt = -1;
        boolean started = false;
        int intIndex = 0;
        int fracIndex = 0;
        int lead = intPositions - intStr.length();
        boolean leadingSign = false;
        int trimmableEnd = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (t.regionMatches(true, i, "FM", 0, 2)) {
                i++;
                continue;
            }
            if (c == '9' || c == '0') {
                boolean inFraction = intIndex >= intPositions;
                if (!inFraction) {
                    int k = intIndex++;
                    if (overflow) {
                        signAt = started ? signAt : out.length();
                        started = true;
                        out.append('#');
                    } else if (k < lead) {
                        if (c == '0' || started) {
                            if (!started) {
                                signAt = out.length();
                            }
                            started = true;
                            out.append('0');
                        } else if (!fm) {
                            out.append(' ');
                        }
                    } else {
                        if (!started) {
                            signAt = out.length();
                        }
                        started = true;
                        out.append(intStr.charAt(k - lead));
                    }
                } else {
                    char d = overflow ? '#' : fracStr.charAt(fracIndex);
                    fracIndex++;
                    out.append(d);
                    if (c == '9' && d == '0') {
                        if (trimmableEnd < 0) {
                            trimmableEnd = out.length() - 1;
                        }
                    } else {
                        trimmableEnd = -1;
                    }
                }
                continue;
            }
            trimmableEnd = -1;
            if (c == '.' || c == 'D' || c == 'd') {
                if (!started) {
                    signAt = out.length();
                    started = true;
                }
                out.append('.');
                intIndex = intPositions;
            } else if (c == ',' || c == 'G' || c == 'g') {
                out.append(started ? "," : fm ? "" : " ");
            } else if (t.regionMatches(true, i, "MI", 0, 2)) {
                out.append(negative ? "-" : fm ? "" : " ");
                i++;
            } else if (t.regionMatches(true, i, "PL", 0, 2)) {
                out.append(negative ? "" : "+");
                i++;
            } else if (t.regionMatches(true, i, "SG", 0, 2)) {
                out.append(negative ? "-" : "+");
                i++;
            } else if (c == 'S' || c == 's') {
                if (i == 0 || out.toString().isBlank()) {
                    leadingSign = true; // anchored to the number
                } else {
                    out.append(negative ? '-' : '+');
                }
            } else if (c == '"') {
                int end = t.indexOf('"', i + 1);
                end = end < 0 ? t.length() : end;
                out.append(t, i + 1, end);
                i = end;
            } else {
                out.append(c);
            }
        }
        if (fm && trimmableEnd >= 0) {
            out.setLength(trimmableEnd);
        }
        if (signAt < 0) {
            signAt = out.length();
        }
        if (leadingSign) {
            out.insert(signAt, negative ? '-' : '+');
        } else if (!signToken) {
            if (negative) {
                out.insert(signAt, '-');
            } else if (!fm) {
                out.insert(signAt, ' ');
            }
        }
        return out.toString();
    }
}
