package org.tuskdb.sql.internal.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Conversions between PostgreSQL's date/time representations and java.time, the text output
 * of date, timestamp, timestamptz and interval (DateStyle ISO, IntervalStyle postgres), and
 * their arithmetic. Time zones are java.time zones, so daylight-saving rules are the JDK's.
 */
public final class DateTimes {
    private DateTimes() {}

    /** 2000-01-01 as a day number since 1970-01-01. */
    public static final long EPOCH_DAY_OFFSET = 10957;
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = IntervalValue.MICROS_PER_DAY;
    private static final long EPOCH_SECOND_OFFSET = EPOCH_DAY_OFFSET * 86400;

    public static long nowMicros() {
        return fromInstant(Instant.now());
    }

    public static long fromInstant(Instant i) {
        return (i.getEpochSecond() - EPOCH_SECOND_OFFSET) * MICROS_PER_SECOND + i.getNano() / 1000;
    }

    public static Instant toInstant(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long frac = Math.floorMod(micros, MICROS_PER_SECOND);
        return Instant.ofEpochSecond(seconds + EPOCH_SECOND_OFFSET, frac * 1000);
    }

    /** Wall-clock micros (timestamp without time zone) to a LocalDateTime. */
    public static LocalDateTime toLocal(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long frac = Math.floorMod(micros, MICROS_PER_SECOND);
        return LocalDateTime.ofEpochSecond(seconds + EPOCH_SECOND_OFFSET, (int) frac * 1000, ZoneOffset.UTC);
    }

    public static long fromLocal(LocalDateTime t) {
        return (t.toEpochSecond(ZoneOffset.UTC) - EPOCH_SECOND_OFFSET) * MICROS_PER_SECOND + t.getNano() / 1000;
    }

    /** timestamptz to the wall clock of a zone. */
    public static long utcToLocal(long micros, ZoneId zone) {
        if (micros == TimestampValue.NEG_INFINITY || micros == TimestampValue.POS_INFINITY) {
            return micros;
        }
        ZoneOffset offset = zone.getRules().getOffset(toInstant(micros));
        return micros + offset.getTotalSeconds() * MICROS_PER_SECOND;
    }

    /** Wall clock in a zone to timestamptz; a time in a DST gap moves forward, as PostgreSQL does. */
    public static long localToUtc(long micros, ZoneId zone) {
        if (micros == TimestampValue.NEG_INFINITY || micros == TimestampValue.POS_INFINITY) {
            return micros;
        }
        ZonedDateTime z = ZonedDateTime.ofLocal(toLocal(micros), zone, null);
        return fromInstant(z.toInstant());
    }

    public static LocalDate toDate(int days) {
        return LocalDate.ofEpochDay(days + EPOCH_DAY_OFFSET);
    }

    public static int fromDate(LocalDate d) {
        return (int) (d.toEpochDay() - EPOCH_DAY_OFFSET);
    }

    // ---- output ---------------------------------------------------------------------------

    public static String formatDate(int days) {
        if (days == DateValue.POS_INFINITY) {
            return "infinity";
        }
        if (days == DateValue.NEG_INFINITY) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(13);
        LocalDate d = toDate(days);
        boolean bc = appendDate(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static boolean appendDate(StringBuilder sb, int year, int month, int day) {
        boolean bc = year <= 0;
        int y = bc ? 1 - year : year;
        pad(sb, y, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2);
        return bc;
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** ISO output: 2026-11-25 10:58:00.123456 and, with a zone, +00 / +05:30. */
    public static String formatTimestamp(long micros, ZoneId zone) {
        if (micros == TimestampValue.POS_INFINITY) {
            return "infinity";
        }
        if (micros == TimestampValue.NEG_INFINITY) {
            return "-infinity";
        }
        int offsetSeconds = 0;
        long local = micros;
        if (zone != null) {
            offsetSeconds = zone.getRules().getOffset(toInstant(micros)).getTotalSeconds();
            local = micros + offsetSeconds * MICROS_PER_SECOND;
        }
        LocalDateTime t = toLocal(local);
        StringBuilder sb = new StringBuilder(32);
        boolean bc = appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        sb.append(' ');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        appendFraction(sb, t.getNano() / 1000);
        if (zone != null) {
            appendOffset(sb, offsetSeconds);
        }
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        String f = Long.toString(micros + 1_000_000).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    private static void appendOffset(StringBuilder sb, int offsetSeconds) {
        sb.append(offsetSeconds < 0 ? '-' : '+');
        int a = Math.abs(offsetSeconds);
        pad(sb, a / 3600, 2);
        int minutes = (a / 60) % 60;
        int seconds = a % 60;
        if (minutes != 0 || seconds != 0) {
            sb.append(':');
            pad(sb, minutes, 2);
            if (seconds != 0) {
                sb.append(':');
                pad(sb, seconds, 2);
            }
        }
    }

    /** IntervalStyle postgres: "1 year 2 mons -3 days +04:05:06.5". */
    public static String formatInterval(IntervalValue v, String style) {
        if (style != null && style.equalsIgnoreCase("iso_8601")) {
            return formatIso8601(v);
        }
        int years = v.months() / 12;
        int months = v.months() % 12;
        int days = v.days();
        long time = v.micros();
        StringBuilder sb = new StringBuilder();
        boolean[] state = {true, false}; // isZero, isBefore
        addPart(sb, years, "year", state);
        addPart(sb, months, "mon", state);
        addPart(sb, days, "day", state);
        if (state[0] || time != 0) {
            boolean minus = time < 0;
            long a = Math.abs(time);
            long hours = a / (3600 * MICROS_PER_SECOND);
            long minutes = (a / (60 * MICROS_PER_SECOND)) % 60;
            long seconds = (a / MICROS_PER_SECOND) % 60;
            long frac = a % MICROS_PER_SECOND;
            if (!state[0]) {
                sb.append(' ');
            }
            sb.append(minus ? "-" : state[1] ? "+" : "");
            pad(sb, hours, 2).append(':');
            pad(sb, minutes, 2).append(':');
            pad(sb, seconds, 2);
            appendFraction(sb, frac);
        }
        return sb.toString();
    }

    /**
     * IntervalStyle iso_8601 (EncodeInterval's format with designators): P, then the nonzero
     * years, months, days; T and the nonzero hours, minutes, seconds (each field keeps its own
     * sign, a negative fraction of a second its minus); PT0S for a zero interval.
     */
    private static String formatIso8601(IntervalValue v) {
        int years = v.months() / 12, months = v.months() % 12, days = v.days();
        long time = v.micros();
        long hours = time / (3600 * MICROS_PER_SECOND);
        time -= hours * 3600 * MICROS_PER_SECOND;
        long minutes = time / (60 * MICROS_PER_SECOND);
        time -= minutes * 60 * MICROS_PER_SECOND;
        long seconds = time / MICROS_PER_SECOND;
        long frac = time - seconds * MICROS_PER_SECOND;
        if (years == 0 && months == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0 && frac == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder().append('P');
        isoPart(sb, years, 'Y');
        isoPart(sb, months, 'M');
        isoPart(sb, days, 'D');
        if (hours != 0 || minutes != 0 || seconds != 0 || frac != 0) {
            sb.append('T');
        }
        isoPart(sb, hours, 'H');
        isoPart(sb, minutes, 'M');
        if (seconds != 0 || frac != 0) {
            if (seconds < 0 || frac < 0) {
                sb.append('-');
            }
            sb.append(Math.abs(seconds));
            appendFraction(sb, Math.abs(frac));
            sb.append('S');
        }
        return sb.toString();
    }

    private static void isoPart(StringBuilder sb, long value, char designator) {
        if (value != 0) {
            sb.append(value).append(designator);
        }
    }

    private static void addPart(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            sb.append(' ');
        }
        if (state[1] && value > 0) {
            sb.append('+');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }

    // ---- arithmetic -----------------------------------------------------------------------

    /** timestamp(tz) + interval; months and days move the wall clock in the zone (null: none). */
    public static long addInterval(long micros, IntervalValue iv, ZoneId zone) {
        if (micros == TimestampValue.NEG_INFINITY || micros == TimestampValue.POS_INFINITY) {
            return micros;
        }
        long result = micros;
        if (iv.months() != 0 || iv.days() != 0) {
            long local = zone == null ? micros : utcToLocal(micros, zone);
            LocalDateTime t = toLocal(local).plusMonths(iv.months()).plusDays(iv.days());
            local = fromLocal(t);
            result = zone == null ? local : localToUtc(local, zone);
        }
        try {
            result = Math.addExact(result, iv.micros());
        } catch (ArithmeticException e) {
            throw Errors.timestampOutOfRange();
        }
        checkTimestamp(result);
        return result;
    }

    static void checkTimestamp(long micros) {
        // PostgreSQL's range: 4714-11-24 BC .. 294276 AD.
        if (micros != TimestampValue.NEG_INFINITY && micros != TimestampValue.POS_INFINITY
            && (micros < -211813488000000000L || micros >= 9223371331200000000L)) {
            throw Errors.timestampOutOfRange();
        }
    }

    /** timestamp - timestamp: the difference as days and time (interval_justify_hours). */
    public static IntervalValue subtract(long a, long b) {
        if (a == TimestampValue.NEG_INFINITY || a == TimestampValue.POS_INFINITY
            || b == TimestampValue.NEG_INFINITY || b == TimestampValue.POS_INFINITY) {
            throw org.tuskdb.api.DatabaseException.error("22008", "cannot subtract infinite timestamps");
        }
        long diff = a - b;
        long days = diff / MICROS_PER_DAY;
        long time = diff % MICROS_PER_DAY;
        if (days > 0 && time < 0) {
            time += MICROS_PER_DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= MICROS_PER_DAY;
            days++;
        }
        return new IntervalValue(0, (int) days, time);
    }

    public static IntervalValue negate(IntervalValue v) {
        if (v.months() == Integer.MIN_VALUE || v.days() == Integer.MIN_VALUE || v.micros() == Long.MIN_VALUE) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue(-v.months(), -v.days(), -v.micros());
    }

    public static IntervalValue add(IntervalValue a, IntervalValue b) {
        try {
            return new IntervalValue(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw Errors.intervalOutOfRange();
        }
    }

    /** interval_mul: fractional months spill into days (30 per month), fractional days into time. */
    public static IntervalValue multiply(IntervalValue span, double factor) {
        return scale(span, factor, false);
    }

    /** interval_div: as interval_mul, but dividing each field (not multiplying by 1/factor). */
    public static IntervalValue divide(IntervalValue span, double factor) {
        if (factor == 0) {
            throw Errors.divisionByZero();
        }
        return scale(span, factor, true);
    }

    private static double apply(double v, double factor, boolean divide) {
        return divide ? v / factor : v * factor;
    }

    /** PostgreSQL rounds the spilled remainders to microseconds (TSROUND) at each step. */
    private static double tsRound(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    private static IntervalValue scale(IntervalValue span, double factor, boolean divide) {
        double monthsD = apply(span.months(), factor, divide);
        double daysD = apply(span.days(), factor, divide);
        if (Double.isNaN(factor) || Math.abs(monthsD) > Integer.MAX_VALUE || Math.abs(daysD) > Integer.MAX_VALUE) {
            throw Errors.intervalOutOfRange();
        }
        int months = (int) monthsD;
        int days = (int) daysD;
        double monthRemainderDays = tsRound((monthsD - months) * 30);
        double secRemainder = tsRound((daysD - days + monthRemainderDays - (int) monthRemainderDays) * 86400.0);
        if (Math.abs(secRemainder) >= 86400) {
            days += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        days += (int) monthRemainderDays;
        double time = Math.rint(apply(span.micros(), factor, divide) + secRemainder * 1e6);
        if (Math.abs(time) >= 9.2e18) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue(months, days, (long) time);
    }
}
