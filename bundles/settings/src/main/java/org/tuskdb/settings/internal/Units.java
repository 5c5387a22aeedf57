package org.tuskdb.settings.internal;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/**
 * PostgreSQL's unit rules for integer settings. A value may carry a unit ("128MB", "1min",
 * "1.5GB"); it is converted to the setting's base unit ("kB", "8kB", "ms", "s", "min", ...) and
 * rounded. For display the largest unit that divides the base value exactly is chosen, which is
 * what SHOW prints. Units are case-sensitive, as in PostgreSQL.
 */
final class Units {
    private Units() {}

    /** One way of writing a value of a base unit: {@code value[unit] * multiplier = base}. */
    private record Conversion(String baseUnit, String unit, double multiplier) {}

    private static final double KB = 1024;

    /** Per base unit, ordered from the largest unit to the smallest (display relies on it). */
    private static final List<Conversion> MEMORY = List.of(
            new Conversion("B", "TB", KB * KB * KB * KB), new Conversion("B", "GB", KB * KB * KB),
            new Conversion("B", "MB", KB * KB), new Conversion("B", "kB", KB), new Conversion("B", "B", 1),
            new Conversion("kB", "TB", KB * KB * KB), new Conversion("kB", "GB", KB * KB),
            new Conversion("kB", "MB", KB), new Conversion("kB", "kB", 1), new Conversion("kB", "B", 1 / KB),
            new Conversion("MB", "TB", KB * KB), new Conversion("MB", "GB", KB),
            new Conversion("MB", "MB", 1), new Conversion("MB", "kB", 1 / KB), new Conversion("MB", "B", 1 / (KB * KB)),
            new Conversion("8kB", "TB", KB * KB * KB / 8), new Conversion("8kB", "GB", KB * KB / 8),
            new Conversion("8kB", "MB", KB / 8), new Conversion("8kB", "kB", 1.0 / 8),
            new Conversion("8kB", "B", 1.0 / 8192));

    private static final List<Conversion> TIME = List.of(
            new Conversion("ms", "d", 86_400_000), new Conversion("ms", "h", 3_600_000),
            new Conversion("ms", "min", 60_000), new Conversion("ms", "s", 1000), new Conversion("ms", "ms", 1),
            new Conversion("ms", "us", 1.0 / 1000),
            new Conversion("s", "d", 86_400), new Conversion("s", "h", 3600), new Conversion("s", "min", 60),
            new Conversion("s", "s", 1), new Conversion("s", "ms", 1.0 / 1000), new Conversion("s", "us", 1.0 / 1_000_000),
            new Conversion("min", "d", 1440), new Conversion("min", "h", 60), new Conversion("min", "min", 1),
            new Conversion("min", "s", 1.0 / 60), new Conversion("min", "ms", 1.0 / 60_000),
            new Conversion("min", "us", 1.0 / 60_000_000));

    static final String MEMORY_HINT = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    static final String TIME_HINT = "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

    static boolean isMemoryUnit(String baseUnit) {
        return baseUnit != null && (baseUnit.equals("B") || baseUnit.endsWith("B"));
    }

    private static List<Conversion> table(String baseUnit) {
        return isMemoryUnit(baseUnit) ? MEMORY : TIME;
    }

    /**
     * Parses an integer setting's text: a decimal or 0x-hexadecimal integer, or a decimal
     * fraction, optionally followed by a unit. Returns the value in the base unit, rounded.
     * Throws 22023 naming the setting when the text is not a number or the unit is wrong.
     */
    static long parseInteger(String name, String text, String baseUnit) {
        String s = text.strip();
        int end = numberEnd(s);
        if (end == 0) {
            throw invalid(name, text, null);
        }
        String number = s.substring(0, end);
        double value;
        try {
            value = parseNumber(number);
        } catch (NumberFormatException e) {
            throw invalid(name, text, null);
        }
        String unit = s.substring(end).strip();
        if (!unit.isEmpty()) {
            if (baseUnit == null) {
                throw invalid(name, text, null);
            }
            value = toBase(name, text, value, unit, baseUnit);
        }
        value = Math.rint(value);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE || Double.isNaN(value)) {
            throw invalid(name, text, "Value exceeds integer range.");
        }
        return (long) value;
    }

    /** Parses a real setting's text (no units for the real settings we have). */
    static double parseReal(String name, String text) {
        String s = text.strip();
        int end = numberEnd(s);
        if (end == 0 || end != s.length()) {
            throw invalid(name, text, null);
        }
        try {
            double v = parseNumber(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw invalid(name, text, null);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, text, null);
        }
    }

    private static double toBase(String name, String text, double value, String unit, String baseUnit) {
        List<Conversion> table = table(baseUnit);
        for (int i = 0; i < table.size(); i++) {
            Conversion c = table.get(i);
            if (c.baseUnit.equals(baseUnit) && c.unit.equals(unit)) {
                double base = value * c.multiplier;
                // A fractional value such as "1.5GB" rounds to a whole multiple of the next smaller unit.
                if (i + 1 < table.size() && table.get(i + 1).baseUnit.equals(baseUnit)) {
                    double next = table.get(i + 1).multiplier;
                    base = Math.rint(base / next) * next;
                }
                return base;
            }
        }
        throw invalid(name, text, isMemoryUnit(baseUnit) ? MEMORY_HINT : TIME_HINT);
    }

    /** How SHOW prints an integer base value: the largest unit that divides it exactly. */
    static String display(long baseValue, String baseUnit) {
        if (baseUnit == null || baseValue <= 0) {
            return Long.toString(baseValue);
        }
        for (Conversion c : table(baseUnit)) {
            if (!c.baseUnit.equals(baseUnit)) {
                continue;
            }
            if (c.multiplier <= 1.0) {
                return Math.round(baseValue / c.multiplier) + c.unit;
            }
            long m = (long) c.multiplier;
            if (baseValue % m == 0) {
                return (baseValue / m) + c.unit;
            }
        }
        return baseValue + baseUnit;
    }

    /** Length of the leading number: sign, then 0x-hex or digits with optional fraction/exponent. */
    private static int numberEnd(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            int j = i + 2;
            while (j < n && Character.digit(s.charAt(j), 16) >= 0) {
                j++;
            }
            return j > i + 2 ? j : 0;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int k = j;
            while (k < n && isDigit(s.charAt(k))) {
                k++;
            }
            if (k > j) {
                i = k;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static double parseNumber(String number) {
        String unsigned = number;
        boolean negative = false;
        if (unsigned.startsWith("+") || unsigned.startsWith("-")) {
            negative = unsigned.charAt(0) == '-';
            unsigned = unsigned.substring(1);
        }
        double v;
        if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
            v = Long.parseLong(unsigned.substring(2), 16);
        } else {
            v = Double.parseDouble(unsigned);
        }
        return negative ? -v : v;
    }

    static DatabaseException invalid(String name, String text, String hint) {
        DatabaseException e = DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + text + "\"");
        return hint == null ? e : e.withHint(hint);
    }
}
