package org.tuskdb.sql.internal.settings;

import java.util.Locale;

/**
 * Memory and time units of integer settings, PostgreSQL's (guc.c memory_unit_conversion_table
 * and time_unit_conversion_table): parsing "1GB" / "90s" into a base unit, and showing a base
 * value with the largest unit that divides it exactly (4096 kB → 4MB, 60000 ms → 1min).
 */
final class SettingUnits {
    private SettingUnits() {}

    private static final String[] MEMORY_UNITS = {"TB", "GB", "MB", "kB", "B"};
    private static final long[] MEMORY_BYTES = {1L << 40, 1L << 30, 1L << 20, 1L << 10, 1};
    private static final String[] TIME_UNITS = {"d", "h", "min", "s", "ms", "us"};
    private static final double[] TIME_MS = {86_400_000, 3_600_000, 60_000, 1000, 1, 0.001};

    static boolean isMemory(String unit) {
        return unit != null && (unit.equals("B") || unit.equals("kB") || unit.equals("MB") || unit.equals("8kB"));
    }

    /** Size of one base unit in bytes (memory) or milliseconds (time). */
    private static double baseSize(String unit) {
        return switch (unit) {
            case "B" -> 1;
            case "kB" -> 1024;
            case "8kB" -> 8192;
            case "MB" -> 1 << 20;
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /**
     * Parses "1024", "1GB", " 90 s", "1.5min" into the base unit (rounded), or returns null when
     * the text is not a number with a valid unit.
     */
    static Double parse(String text, String baseUnit) {
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '-'
            || s.charAt(i) == '+' || ((s.charAt(i) == 'e' || s.charAt(i) == 'E') && i > 0))) {
            i++;
        }
        String number = s.substring(0, i);
        String unit = s.substring(i).trim();
        double value;
        try {
            value = number.startsWith("0x") ? Long.parseLong(number.substring(2), 16) : Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return null;
        }
        if (unit.isEmpty()) {
            return value;
        }
        if (baseUnit == null) {
            return null;
        }
        if (isMemory(baseUnit)) {
            for (int k = 0; k < MEMORY_UNITS.length; k++) {
                if (MEMORY_UNITS[k].equals(unit)) {
                    return value * MEMORY_BYTES[k] / baseSize(baseUnit);
                }
            }
            return null;
        }
        for (int k = 0; k < TIME_UNITS.length; k++) {
            if (TIME_UNITS[k].equals(unit)) {
                return value * TIME_MS[k] / baseSize(baseUnit);
            }
        }
        return null;
    }

    static String validUnitsHint(String baseUnit) {
        return isMemory(baseUnit) ? "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\"."
            : "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";
    }

    /** SHOW's form of a base-unit integer. */
    static String display(long value, String baseUnit) {
        if (baseUnit == null || value <= 0) {
            return Long.toString(value);
        }
        if (isMemory(baseUnit)) {
            long bytes = value * (long) baseSize(baseUnit);
            for (int k = 0; k < MEMORY_UNITS.length; k++) {
                if (bytes % MEMORY_BYTES[k] == 0) {
                    return (bytes / MEMORY_BYTES[k]) + MEMORY_UNITS[k];
                }
            }
        } else {
            long ms = value * (long) baseSize(baseUnit);
            for (int k = 0; k < TIME_UNITS.length - 1; k++) {
                long size = (long) TIME_MS[k];
                if (ms % size == 0) {
                    return (ms / size) + TIME_UNITS[k];
                }
            }
        }
        return value + baseUnit.toLowerCase(Locale.ROOT);
    }
}
