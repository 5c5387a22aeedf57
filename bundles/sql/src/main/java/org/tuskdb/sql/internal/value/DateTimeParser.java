package org.tuskdb.sql.internal.value;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tuskdb.api.DatabaseException;

/**
 * Text input of date, timestamp, timestamptz and interval: the forms applications send (ISO
 * 8601 with a space or T, optional fraction and zone, MDY/DMY with slashes, the special words
 * now/today/tomorrow/yesterday/epoch/infinity; intervals in PostgreSQL's "1 day 02:00:00"
 * style and ISO 8601 "P1DT2H"). Not every form PostgreSQL's ParseDateTime knows.
 */
public final class DateTimeParser {
    private DateTimeParser() {}

    private static final Pattern TIMESTAMP = Pattern.compile(
        "(\\d{1,7})[-/.](\\d{1,2})[-/.](\\d{1,4})"
            + "(?:(?:\\s+|T)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|(?!(?:BC|AD)\\b)[A-Za-z][A-Za-z0-9_/+-]*)?"
            + "(?:\\s+(BC|AD))?",
        Pattern.CASE_INSENSITIVE);

    public static int parseDate(String text, SessionStyle style) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "infinity", "+infinity": return DateValue.POS_INFINITY;
            case "-infinity": return DateValue.NEG_INFINITY;
            case "epoch": return DateTimes.fromDate(LocalDate.of(1970, 1, 1));
            case "now", "today": return today(style, 0);
            case "tomorrow": return today(style, 1);
            case "yesterday": return today(style, -1);
            default: break;
        }
        Parsed p = parse(text, PgType.DATE, style);
        return DateTimes.fromDate(p.date);
    }

    private static int today(SessionStyle style, int offset) {
        long local = DateTimes.utcToLocal(style.nowMicros(), style.zone());
        return (int) Math.floorDiv(local, DateTimes.MICROS_PER_DAY) + offset;
    }

    /** timestamp (wall clock, withZone false) or timestamptz (UTC micros, withZone true). */
    public static long parseTimestamp(String text, boolean withZone, SessionStyle style) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long special;
        switch (s) {
            case "infinity", "+infinity": return TimestampValue.POS_INFINITY;
            case "-infinity": return TimestampValue.NEG_INFINITY;
            case "epoch":
                return DateTimes.fromLocal(LocalDateTime.of(1970, 1, 1, 0, 0));
            case "now":
                return withZone ? style.nowMicros() : DateTimes.utcToLocal(style.nowMicros(), style.zone());
            case "today": special = today(style, 0) * DateTimes.MICROS_PER_DAY; break;
            case "tomorrow": special = today(style, 1) * DateTimes.MICROS_PER_DAY; break;
            case "yesterday": special = today(style, -1) * DateTimes.MICROS_PER_DAY; break;
            default: special = Long.MIN_VALUE + 1; break;
        }
        PgType type = withZone ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP;
        if (special != Long.MIN_VALUE + 1) {
            return withZone ? DateTimes.localToUtc(special, style.zone()) : special;
        }
        Parsed p = parse(text, type, style);
        long local = DateTimes.fromLocal(LocalDateTime.of(p.date, java.time.LocalTime.MIDNIGHT)) + p.timeMicros;
        if (!withZone) {
            return local;
        }
        if (p.zone != null) {
            return DateTimes.localToUtc(local, p.zone);
        }
        return DateTimes.localToUtc(local, style.zone());
    }

    private record Parsed(LocalDate date, long timeMicros, ZoneId zone) {}

    private static Parsed parse(String text, PgType type, SessionStyle style) {
        Matcher m = TIMESTAMP.matcher(text.trim());
        if (!m.matches()) {
            throw Errors.invalidDateTime(type, text);
        }
        String a = m.group(1);
        int f1 = Integer.parseInt(a);
        int f2 = Integer.parseInt(m.group(2));
        int f3 = Integer.parseInt(m.group(3));
        int year;
        int month;
        int day;
        if (a.length() >= 3) {
            year = f1;
            month = f2;
            day = f3;
        } else if (style.dayFirst()) {
            day = f1;
            month = f2;
            year = f3;
        } else {
            month = f1;
            day = f2;
            year = f3;
        }
        if ("bc".equalsIgnoreCase(m.group(9))) {
            year = 1 - year;
        }
        LocalDate date;
        try {
            if (year == 0 || month < 1 || month > 12) {
                throw new DateTimeException("range");
            }
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            DatabaseException ex = Errors.dateTimeOutOfRange(text);
            // datetime.c hints at DateStyle only when the month field itself is out of range
            throw month < 1 || month > 12 ? ex.withHint("Perhaps you need a different \"datestyle\" setting.") : ex;
        }
        long time = 0;
        if (m.group(4) != null) {
            int hour = Integer.parseInt(m.group(4));
            int minute = Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            long frac = fraction(m.group(7));
            if (hour > 24 || minute > 59 || second > 60
                || (hour == 24 && (minute != 0 || second != 0 || frac != 0))) {
                throw Errors.dateTimeOutOfRange(text);
            }
            time = ((hour * 60L + minute) * 60 + second) * DateTimes.MICROS_PER_SECOND + frac;
        }
        ZoneId zone = null;
        String z = m.group(8);
        if (z != null) {
            zone = parseZoneSuffix(z);
            if (zone == null) {
                throw Errors.invalidDateTime(type, text);
            }
        }
        return new Parsed(date, time, zone);
    }

    /** Fractional seconds to microseconds, rounded. */
    private static long fraction(String digits) {
        if (digits == null || digits.isEmpty()) {
            return 0;
        }
        long micros = Long.parseLong((digits + "000000").substring(0, 6));
        if (digits.length() > 6 && digits.charAt(6) >= '5') {
            micros++;
        }
        return micros;
    }

    /** A zone written after a timestamp: Z, UTC, +05, -03:30, Europe/Berlin (ISO sign: + is east). */
    private static ZoneId parseZoneSuffix(String z) {
        char c = z.charAt(0);
        if (c == '+' || c == '-') {
            String digits = z.substring(1).replace(":", "");
            int h;
            int min = 0;
            int sec = 0;
            if (digits.length() <= 2) {
                h = Integer.parseInt(digits);
            } else if (digits.length() == 3 || digits.length() == 4) {
                h = Integer.parseInt(digits.substring(0, digits.length() - 2));
                min = Integer.parseInt(digits.substring(digits.length() - 2));
            } else {
                h = Integer.parseInt(digits.substring(0, digits.length() - 4));
                min = Integer.parseInt(digits.substring(digits.length() - 4, digits.length() - 2));
                sec = Integer.parseInt(digits.substring(digits.length() - 2));
            }
            if (h > 15 || min > 59 || sec > 59) {
                return null;
            }
            int total = h * 3600 + min * 60 + sec;
            return ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
        }
        return zoneByName(z);
    }

    /** A zone written after a time or timestamp (Z, UTC, +05, -03:30, Europe/Berlin), or null. */
    public static ZoneId parseZoneSuffixPublic(String z) {
        return parseZoneSuffix(z);
    }

    /** A time zone name as the TimeZone setting and AT TIME ZONE accept it, or null. */
    public static ZoneId zoneByName(String name) {
        String n = name.trim();
        if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("z") || n.equalsIgnoreCase("gmt")
            || n.equalsIgnoreCase("zulu") || n.equalsIgnoreCase("etc/utc")) {
            return n.equalsIgnoreCase("etc/utc") ? ZoneId.of("Etc/UTC") : ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(n);
        } catch (DateTimeException e) {
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(n)) {
                    return ZoneId.of(id);
                }
            }
            return null;
        }
    }

    /** True for a name whose zone is a fixed offset written as a POSIX string (UTC+5 means 5 h west). */
    public static ZoneId posixOffsetZone(String name) {
        Matcher m = Pattern.compile("(?i)(?:utc|gmt)?([+-]?\\d{1,2})(?::(\\d{2}))?").matcher(name.trim());
        if (!m.matches()) {
            return null;
        }
        int hours = Integer.parseInt(m.group(1));
        int minutes = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (Math.abs(hours) > 15) {
            return null;
        }
        int total = Math.abs(hours) * 3600 + minutes * 60;
        // POSIX: positive means west of Greenwich.
        return ZoneOffset.ofTotalSeconds(hours < 0 || m.group(1).startsWith("-") ? total : -total);
    }

    public static ZonedDateTime zoned(long utcMicros, ZoneId zone) {
        return DateTimes.toInstant(utcMicros).atZone(zone);
    }

    // ---- interval -------------------------------------------------------------------------

    /** Units a bare number means, from an interval qualifier (INTERVAL '1' HOUR). */
    public enum Field { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND }

    public static IntervalValue parseInterval(String text, Field bareUnit) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1).trim();
        }
        if (s.isEmpty()) {
            throw Errors.invalidDateTime(PgType.INTERVAL, text);
        }
        if (s.charAt(0) == 'p') {
            return parseIsoInterval(s, text);
        }
        IntervalBuilder b = new IntervalBuilder(text);
        String[] tokens = splitTokens(s);
        boolean ago = false;
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.equals("ago")) {
                if (i != tokens.length - 1) {
                    throw Errors.invalidDateTime(PgType.INTERVAL, text);
                }
                ago = true;
            } else if (tok.indexOf(':') >= 0) {
                b.addTime(tok);
            } else if (isNumber(tok)) {
                String unit;
                if (i + 1 < tokens.length && !isNumber(tokens[i + 1]) && tokens[i + 1].indexOf(':') < 0
                    && !tokens[i + 1].equals("ago")) {
                    unit = tokens[++i];
                } else if (i + 1 < tokens.length && tokens[i + 1].indexOf(':') >= 0) {
                    unit = "day";
                } else {
                    unit = bareUnit == null ? "second" : bareUnit.name().toLowerCase(Locale.ROOT);
                }
                b.add(tok, unit);
            } else {
                throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
        }
        IntervalValue v = b.build();
        return ago ? DateTimes.negate(v) : v;
    }

    /** Splits "1day 10secs" into 1, day, 10, secs. */
    private static String[] splitTokens(String s) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String raw : s.split("[\\s,]+")) {
            if (raw.isEmpty()) {
                continue;
            }
            int k = 0;
            if (raw.indexOf(':') < 0) {
                while (k < raw.length() && (Character.isDigit(raw.charAt(k)) || raw.charAt(k) == '.'
                    || (k == 0 && (raw.charAt(k) == '-' || raw.charAt(k) == '+')))) {
                    k++;
                }
            }
            if (k > 0 && k < raw.length() && Character.isLetter(raw.charAt(k))) {
                out.add(raw.substring(0, k));
                out.add(raw.substring(k));
            } else {
                out.add(raw);
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isNumber(String t) {
        return t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    }

    private static IntervalValue parseIsoInterval(String s, String text) {
        Matcher m = Pattern.compile("p(?:([-\\d.]+)y)?(?:([-\\d.]+)m)?(?:([-\\d.]+)w)?(?:([-\\d.]+)d)?"
            + "(?:t(?:([-\\d.]+)h)?(?:([-\\d.]+)m)?(?:([-\\d.]+)s)?)?").matcher(s);
        if (!m.matches() || s.equals("p") || s.endsWith("t")) {
            throw Errors.invalidDateTime(PgType.INTERVAL, text);
        }
        IntervalBuilder b = new IntervalBuilder(text);
        String[] units = {"year", "month", "week", "day", "hour", "minute", "second"};
        for (int g = 1; g <= 7; g++) {
            if (m.group(g) != null) {
                b.add(m.group(g), units[g - 1]);
            }
        }
        return b.build();
    }

    /** Accumulates fields with PostgreSQL's spill of fractions into smaller units. */
    private static final class IntervalBuilder {
        private final String text;
        private final Set<String> seen = new HashSet<>();
        private double months;
        private double days;
        private double micros;

        IntervalBuilder(String text) {
            this.text = text;
        }

        void add(String number, String unitWord) {
            double v;
            try {
                v = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
            String unit = canonicalUnit(unitWord);
            if (unit == null || !seen.add(unit)) {
                throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
            switch (unit) {
                case "millennium" -> addMonths(v * 12000);
                case "century" -> addMonths(v * 1200);
                case "decade" -> addMonths(v * 120);
                case "year" -> addMonths(v * 12);
                case "month" -> addMonths(v);
                case "week" -> addDays(v * 7);
                case "day" -> addDays(v);
                case "hour" -> micros += v * 3600e6;
                case "minute" -> micros += v * 60e6;
                case "second" -> micros += v * 1e6;
                case "millisecond" -> micros += v * 1e3;
                case "microsecond" -> micros += v;
                default -> throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
        }

        private void addMonths(double m) {
            double whole = m < 0 ? Math.ceil(m) : Math.floor(m);
            // fractional years land on whole months (rint), smaller fractions spill into days
            double frac = m - whole;
            double fracMonthsRounded = Math.rint(frac * 1e6) / 1e6;
            months += whole;
            addDays(fracMonthsRounded * 30);
        }

        private void addDays(double d) {
            double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
            days += whole;
            micros += (d - whole) * 86400e6;
        }

        void addTime(String tok) {
            if (!seen.add("time")) {
                throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
            Matcher m = Pattern.compile("([+-]?)(\\d+):(\\d+)(?::(\\d+)(?:\\.(\\d*))?)?").matcher(tok);
            if (!m.matches()) {
                throw Errors.invalidDateTime(PgType.INTERVAL, text);
            }
            long h = Long.parseLong(m.group(2));
            long min = Long.parseLong(m.group(3));
            long sec = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
            if (min > 59 || sec > 60) {
                throw Errors.dateTimeOutOfRange(text);
            }
            long t = ((h * 60 + min) * 60 + sec) * 1_000_000L + fraction(m.group(5));
            micros += m.group(1).equals("-") ? -t : t;
        }

        IntervalValue build() {
            double m = Math.rint(months);
            double d = Math.rint(days);
            double us = Math.rint(micros);
            if (Math.abs(m) > Integer.MAX_VALUE || Math.abs(d) > Integer.MAX_VALUE || Math.abs(us) > 9.2e18) {
                throw DatabaseException.error("22015", "interval field value out of range: \"" + text + "\"");
            }
            return new IntervalValue((int) m, (int) d, (long) us);
        }
    }

    private static String canonicalUnit(String u) {
        return switch (u) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> "microsecond";
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> "millisecond";
            case "second", "seconds", "s", "sec", "secs" -> "second";
            case "minute", "minutes", "m", "min", "mins" -> "minute";
            case "hour", "hours", "h", "hr", "hrs" -> "hour";
            case "day", "days", "d" -> "day";
            case "week", "weeks", "w" -> "week";
            case "month", "months", "mon", "mons" -> "month";
            case "year", "years", "y", "yr", "yrs" -> "year";
            case "decade", "decades", "dec", "decs" -> "decade";
            case "century", "centuries", "c", "cent" -> "century";
            case "millennium", "millennia", "mil", "mils", "millenniums" -> "millennium";
            default -> null;
        };
    }
}
