package org.tuskdb.sql.internal.value;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * time without time zone: microseconds since midnight, 0 .. 24:00:00 inclusive (PostgreSQL
 * accepts and keeps 24:00:00). Binary form: int8 microseconds, as time_send.
 */
public final class TimeValue extends Value {
    public static final long MAX = IntervalValue.MICROS_PER_DAY;
    private final long micros;

    public TimeValue(long micros) {
        this.micros = micros;
    }

    public long micros() { return micros; }

    @Override public PgType type() { return PgType.TIME; }

    @Override
    public String toText(SessionStyle style) {
        return format(micros);
    }

    /** HH:MM:SS[.ffffff without trailing zeros]. */
    public static String format(long micros) {
        long secs = micros / 1_000_000L;
        long frac = micros % 1_000_000L;
        StringBuilder sb = new StringBuilder(15);
        two(sb, secs / 3600).append(':');
        two(sb, (secs / 60) % 60).append(':');
        two(sb, secs % 60);
        if (frac != 0) {
            String f = Long.toString(frac + 1_000_000).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    @Override public byte[] toBinary() { return int8Bytes(micros); }
    @Override public int compareTo(Value other) { return Long.compare(micros, ((TimeValue) other).micros); }
    @Override public int hashCode() { return Long.hashCode(micros); }

    private static final Pattern TIME = Pattern.compile(
        "(?:\\d{1,7}[-/.]\\d{1,2}[-/.]\\d{1,4}(?:\\s+|T))?"
            + "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?"
            + "\\s*(am|pm)?"
            + "\\s*(z|utc|gmt|[+-]\\d{1,2}(?::?\\d{2})?|[a-z][a-z0-9_/+-]*)?",
        Pattern.CASE_INSENSITIVE);

    /** time_in: 10:00, 10:00:01.5, 10:00 PM, 2024-01-01 10:00 (the date is ignored), allballs. */
    public static TimeValue parse(String text, int typmod, SessionStyle style) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("allballs")) {
            return new TimeValue(0);
        }
        if (s.equals("now")) {
            long local = DateTimes.utcToLocal(style.nowMicros(), style.zone());
            return new TimeValue(round(Math.floorMod(local, MAX), typmod));
        }
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw Errors.invalidDateTime(PgType.TIME, text);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String digits = m.group(4);
        long frac = 0;
        if (digits != null && !digits.isEmpty()) {
            frac = Long.parseLong((digits + "000000").substring(0, 6));
            if (digits.length() > 6 && digits.charAt(6) >= '5') {
                frac++;
            }
        }
        if (m.group(5) != null) {
            if (hour > 12 || hour == 0) {
                throw Errors.dateTimeOutOfRange(text);
            }
            hour = hour % 12 + (m.group(5).equals("pm") ? 12 : 0);
        }
        if (hour > 24 || minute > 59 || second > 60) {
            throw Errors.dateTimeOutOfRange(text);
        }
        long v = ((hour * 60L + minute) * 60 + second) * 1_000_000L + frac;
        if (v > MAX) {
            throw Errors.dateTimeOutOfRange(text);
        }
        return new TimeValue(round(v, typmod));
    }

    /** time(p): rounds to p fractional digits, half up. */
    public static long round(long micros, int precision) {
        if (precision < 0 || precision >= 6) {
            return micros;
        }
        long scale = (long) Math.pow(10, 6 - precision);
        return (micros + scale / 2) / scale * scale;
    }
}
