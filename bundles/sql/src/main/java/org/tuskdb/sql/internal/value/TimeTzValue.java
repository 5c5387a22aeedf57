package org.tuskdb.sql.internal.value;

import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * time with time zone: microseconds since midnight and a UTC offset in seconds (east
 * positive; PostgreSQL stores seconds west, which is what the binary form carries). Ordered as
 * timetz_cmp: by the UTC instant, then by offset, so 10:00+02 and 09:00+01 are not equal.
 */
public final class TimeTzValue extends Value {
    private final long micros;
    private final int offsetSeconds;

    public TimeTzValue(long micros, int offsetSeconds) {
        this.micros = micros;
        this.offsetSeconds = offsetSeconds;
    }

    public long micros() { return micros; }
    public int offsetSeconds() { return offsetSeconds; }
    /** The time as UTC micros (may leave 0..24h), what ordering compares first. */
    public long utcMicros() { return micros - offsetSeconds * 1_000_000L; }

    @Override public PgType type() { return PgType.TIMETZ; }

    @Override
    public String toText(SessionStyle style) {
        StringBuilder sb = new StringBuilder(TimeValue.format(micros));
        sb.append(offsetSeconds < 0 ? '-' : '+');
        int a = Math.abs(offsetSeconds);
        sb.append(a / 3600 < 10 ? "0" : "").append(a / 3600);
        if (a % 3600 != 0) {
            int m = (a / 60) % 60;
            sb.append(':').append(m < 10 ? "0" : "").append(m);
            if (a % 60 != 0) {
                sb.append(':').append(a % 60 < 10 ? "0" : "").append(a % 60);
            }
        }
        return sb.toString();
    }

    @Override
    public byte[] toBinary() {
        byte[] b = new byte[12];
        System.arraycopy(int8Bytes(micros), 0, b, 0, 8);
        System.arraycopy(int4Bytes(-offsetSeconds), 0, b, 8, 4);
        return b;
    }

    @Override
    public int compareTo(Value other) {
        TimeTzValue o = (TimeTzValue) other;
        int c = Long.compare(utcMicros(), o.utcMicros());
        // the same instant: the zone further west (smaller offset) sorts last, as timetz_cmp compares seconds west
        return c != 0 ? c : Integer.compare(-offsetSeconds, -o.offsetSeconds);
    }

    @Override public int hashCode() { return Long.hashCode(micros) * 31 + offsetSeconds; }

    private static final Pattern ZONE = Pattern.compile("(.*?\\d)\\s*(z|utc|gmt|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[a-z][a-z_/]*[a-z])",
        Pattern.CASE_INSENSITIVE);

    /** timetz_in: a time and an optional zone; without one, the session zone's offset today. */
    public static TimeTzValue parse(String text, int typmod, SessionStyle style) {
        String s = text.trim();
        Matcher m = ZONE.matcher(s);
        ZoneId zone = null;
        String timePart = s;
        if (m.matches() && !m.group(2).equalsIgnoreCase("am") && !m.group(2).equalsIgnoreCase("pm")) {
            zone = DateTimeParser.parseZoneSuffixPublic(m.group(2));
            if (zone != null) {
                timePart = m.group(1);
            }
        }
        TimeValue t;
        try {
            t = TimeValue.parse(timePart, typmod, style);
        } catch (org.tuskdb.api.DatabaseException e) {
            if (e.sqlState().equals("22007")) {
                throw Errors.invalidDateTime(PgType.TIMETZ, text);
            }
            throw e;
        }
        ZoneId z = zone != null ? zone : style.zone();
        int offset = z.getRules().getOffset(DateTimes.toInstant(style.nowMicros())).getTotalSeconds();
        return new TimeTzValue(t.micros(), offset);
    }
}
