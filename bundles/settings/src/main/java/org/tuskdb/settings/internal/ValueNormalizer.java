package org.tuskdb.settings.internal;

import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SqlState;

/**
 * Turns the text a user wrote (in tusk.conf or SET) into a setting's canonical base value, and a
 * base value back into what SHOW prints. Errors are PostgreSQL's: 22023 with its message shapes.
 */
final class ValueNormalizer {
    private ValueNormalizer() {}

    /**
     * @param current the value in force now, used by check hooks that fill in what is not named
     *                (DateStyle)
     */
    static String normalize(Setting setting, String value, String current) {
        SettingDefinition d = setting.definition();
        if (value == null) {
            throw Units.invalid(d.name(), "", null);
        }
        return switch (d.type()) {
            case "bool" -> parseBool(d.name(), value) ? "on" : "off";
            case "integer" -> {
                long v = Units.parseInteger(d.name(), value, d.unit());
                checkRange(d, v, Long.parseLong(d.min()), Long.parseLong(d.max()));
                yield Long.toString(v);
            }
            case "real" -> {
                double v = Units.parseReal(d.name(), value);
                if (v < Double.parseDouble(d.min()) || v > Double.parseDouble(d.max())) {
                    throw outOfRange(d, formatReal(v));
                }
                yield formatReal(v);
            }
            case "enum" -> enumValue(d, value);
            default -> setting.check() == null ? value : setting.check().canonical(d.name(), value, current);
        };
    }

    /** What SHOW prints for a base value: integers with the largest exact unit, others as they are. */
    static String display(Setting setting, String baseValue) {
        SettingDefinition d = setting.definition();
        if (d.type().equals("integer") && d.unit() != null && baseValue != null) {
            try {
                return Units.display(Long.parseLong(baseValue.strip()), d.unit());
            } catch (NumberFormatException e) {
                return baseValue;
            }
        }
        return baseValue;
    }

    /**
     * PostgreSQL's boolean spellings, without regard to case: any prefix of true/false/yes/no,
     * on, off (at least "of"), 1 and 0.
     */
    static boolean parseBool(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.isEmpty()) {
            switch (v.charAt(0)) {
                case 't' -> { if ("true".startsWith(v)) return true; }
                case 'f' -> { if ("false".startsWith(v)) return false; }
                case 'y' -> { if ("yes".startsWith(v)) return true; }
                case 'n' -> { if ("no".startsWith(v)) return false; }
                case 'o' -> {
                    if (v.equals("on")) return true;
                    if (v.length() >= 2 && "off".startsWith(v)) return false;
                }
                case '1' -> { if (v.length() == 1) return true; }
                case '0' -> { if (v.length() == 1) return false; }
                default -> { }
            }
        }
        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "parameter \"" + name + "\" requires a Boolean value");
    }

    private static String enumValue(SettingDefinition d, String value) {
        for (String option : d.enumValues()) {
            if (option.equalsIgnoreCase(value.strip())) {
                return option;
            }
        }
        throw Units.invalid(d.name(), value, "Available values: " + String.join(", ", d.enumValues()) + ".");
    }

    private static void checkRange(SettingDefinition d, long v, long min, long max) {
        if (v < min || v > max) {
            throw outOfRange(d, Long.toString(v));
        }
    }

    private static DatabaseException outOfRange(SettingDefinition d, String v) {
        String unit = d.unit() == null ? "" : " " + d.unit();
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, v + unit
                + " is outside the valid range for parameter \"" + d.name() + "\" (" + d.min() + " .. " + d.max() + ")");
    }

    /** Reals print as PostgreSQL's %g does for the values settings use: no trailing zeros. */
    static String formatReal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
