package org.tuskdb.sql.internal.function;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The spellings of a unit that EXTRACT, date_part and date_trunc accept (datetime.c's
 * deltatktbl and datetktbl: "ms", "msec", "millisecond", "secs", "hrs", ...), mapped to the one
 * name each unit has in this library. Like PostgreSQL, only the first ten characters count.
 */
final class DateUnits {
    private DateUnits() {}

    private static final int MAX_TOKEN = 10;
    private static final Map<String, String> SPELLINGS = spellings();

    private static Map<String, String> spellings() {
        Map<String, String> m = new HashMap<>();
        alias(m, "microseconds", "microsecon", "us", "usec", "usecond", "useconds", "usecs");
        alias(m, "milliseconds", "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
        alias(m, "second", "s", "sec", "seconds", "secs");
        alias(m, "minute", "m", "min", "mins", "minutes");
        alias(m, "hour", "h", "hours", "hr", "hrs");
        alias(m, "day", "d", "days");
        alias(m, "week", "w", "weeks");
        alias(m, "month", "mon", "mons", "months");
        alias(m, "quarter", "qtr");
        alias(m, "year", "y", "years", "yr", "yrs");
        alias(m, "decade", "dec", "decades", "decs");
        alias(m, "century", "c", "cent", "centuries");
        alias(m, "millennium", "mil", "millennia", "mils");
        alias(m, "timezone_hour", "timezone_h");
        alias(m, "timezone_minute", "timezone_m");
        return Map.copyOf(m);
    }

    private static void alias(Map<String, String> m, String unit, String... spellings) {
        for (String s : spellings) {
            m.put(s, unit);
        }
    }

    /** Units that are not spellings of another: what EXTRACT knows besides SPELLINGS' values. */
    private static final java.util.Set<String> OTHERS = java.util.Set.of("epoch", "dow", "isodow", "doy", "isoyear",
        "julian", "timezone");

    /** Whether the (canonical) unit is one PostgreSQL knows at all: unknown ones are 22023, not 0A000. */
    static boolean known(String unit) {
        return OTHERS.contains(unit) || SPELLINGS.containsValue(unit);
    }

    /** The unit's name in this library, or the text lower-cased when it is none of the spellings. */
    static String canonical(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unit = SPELLINGS.get(lower.length() > MAX_TOKEN ? lower.substring(0, MAX_TOKEN) : lower);
        return unit != null ? unit : lower;
    }
}
