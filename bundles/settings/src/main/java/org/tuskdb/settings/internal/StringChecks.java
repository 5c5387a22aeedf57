package org.tuskdb.settings.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;

/**
 * Check hooks of string settings whose values have a canonical spelling: client_encoding,
 * DateStyle, TimeZone and default_table_access_method. Each returns the canonical value or throws
 * 22023 the way PostgreSQL's
 * check hooks report a bad value.
 */
final class StringChecks {
    private StringChecks() {}

    /** PostgreSQL's encoding names keyed by their cleaned spelling (lower case, alphanumerics only). */
    private static final Map<String, String> ENCODINGS = encodings();

    private static Map<String, String> encodings() {
        Map<String, String> m = new HashMap<>();
        String[] canonical = {"SQL_ASCII", "UTF8", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN866", "WIN874", "WIN1250", "WIN1251", "WIN1252",
            "WIN1253", "WIN1254", "WIN1255", "WIN1256", "WIN1257", "WIN1258", "KOI8R", "KOI8U", "EUC_JP",
            "EUC_CN", "EUC_KR", "EUC_TW", "EUC_JIS_2004", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7",
            "ISO_8859_8", "BIG5", "GBK", "GB18030", "SJIS", "SHIFT_JIS_2004", "UHC", "JOHAB", "MULE_INTERNAL"};
        for (String c : canonical) {
            m.put(clean(c), c);
        }
        m.put("unicode", "UTF8");
        for (int i = 1; i <= 4; i++) {
            m.put("iso8859" + i, "LATIN" + i);
        }
        m.put("iso88599", "LATIN5");
        m.put("iso885910", "LATIN6");
        m.put("iso885913", "LATIN7");
        m.put("iso885914", "LATIN8");
        m.put("iso885915", "LATIN9");
        m.put("iso885916", "LATIN10");
        m.put("win", "WIN1251");
        m.put("alt", "WIN866");
        m.put("koi8", "KOI8R");
        m.put("shiftjis", "SJIS");
        m.put("mskanji", "SJIS");
        m.put("windows1252", "WIN1252");
        return m;
    }

    private static String clean(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String encoding(String name, String value, String current) {
        String canonical = ENCODINGS.get(clean(value));
        if (canonical == null) {
            throw Units.invalid(name, value, null);
        }
        return canonical;
    }

    /**
     * DateStyle: a comma- or space-separated list of an output style (ISO, Postgres, SQL, German)
     * and a field order (YMD, DMY/Euro/European, MDY/US/NonEuro/NonEuropean). What is not named is
     * kept from the current value; "default" takes the built-in value's part.
     */
    static String dateStyle(String name, String value, String current) {
        String style = null;
        String order = null;
        boolean conflict = false;
        for (String raw : value.split("[,\\s]+")) {
            String token = raw.strip();
            if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
                token = token.substring(1, token.length() - 1);
            }
            if (token.isEmpty()) {
                continue;
            }
            String t = token.toLowerCase(Locale.ROOT);
            String newStyle = null;
            String newOrder = null;
            switch (t) {
                case "iso" -> newStyle = "ISO";
                case "sql" -> newStyle = "SQL";
                case "postgres" -> newStyle = "Postgres";
                case "german" -> newStyle = "German";
                case "ymd" -> newOrder = "YMD";
                case "dmy", "euro", "european" -> newOrder = "DMY";
                case "mdy", "us", "noneuro", "noneuropean" -> newOrder = "MDY";
                case "default" -> {
                    newStyle = "ISO";
                    newOrder = "MDY";
                }
                default -> throw Units.invalid(name, value, null).withDetail("Unrecognized key word: \"" + token + "\".");
            }
            if (newStyle != null) {
                conflict |= style != null && !style.equals(newStyle);
                style = newStyle;
            }
            if (newOrder != null) {
                conflict |= order != null && !order.equals(newOrder) && !t.equals("default");
                order = newOrder;
            }
        }
        if (conflict) {
            throw Units.invalid(name, value, null).withDetail("Conflicting \"datestyle\" specifications.");
        }
        String[] now = splitCurrent(current);
        if (style == null) {
            style = now[0];
        } else if (order == null && style.equals("German")) {
            // German implies day-month-year unless an order is named explicitly.
            order = "DMY";
        }
        if (order == null) {
            order = now[1];
        }
        return style + ", " + order;
    }

    private static String[] splitCurrent(String current) {
        if (current != null) {
            String[] parts = current.split(",\\s*");
            if (parts.length == 2) {
                return parts;
            }
        }
        return new String[] {"ISO", "MDY"};
    }

    /**
     * TimeZone: a time zone name of the tz database (matched without regard to case and written
     * in its canonical case), UTC/GMT, or a numeric offset such as "+02:00".
     */
    static String timeZone(String name, String value, String current) {
        String v = value.strip();
        if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")
                || v.equalsIgnoreCase("zulu")) {
            return v.equalsIgnoreCase("gmt") ? "GMT" : "UTC";
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(v)) {
                return id;
            }
        }
        if (!v.isEmpty() && (v.charAt(0) == '+' || v.charAt(0) == '-')) {
            try {
                return ZoneOffset.of(v).getId();
            } catch (DateTimeException e) {
                // fall through to the error
            }
        }
        DatabaseException e = Units.invalid(name, value, null);
        throw e.withDetail("Time zone \"" + value + "\" is not recognized.");
    }

    /** default_table_access_method: heap, Tusk's only table access method. */
    static String tableAccessMethod(String name, String value, String current) {
        if (!value.equals("heap")) {
            throw Units.invalid(name, value, null).withDetail("Table access method \"" + value + "\" does not exist.");
        }
        return value;
    }

    /**
     * default_text_search_config: one of the built-in configurations (simple, english), as a
     * pg_catalog-qualified name the way PostgreSQL stores it.
     */
    static String textSearchConfig(String name, String value, String current) {
        String v = value.trim();
        String plain = v.regionMatches(true, 0, "pg_catalog.", 0, 11) ? v.substring(11) : v;
        String lower = plain.toLowerCase(java.util.Locale.ROOT);
        if (plain.startsWith("\"") && plain.endsWith("\"") && plain.length() > 2) {
            lower = plain.substring(1, plain.length() - 1);
        }
        if (!lower.equals("simple") && !lower.equals("english")) {
            throw Units.invalid(name, value, null);
        }
        return "pg_catalog." + lower;
    }
}
