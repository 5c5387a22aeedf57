package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.DATE;
import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.TIME;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.Errors;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TimeTzValue;
import org.tuskdb.sql.internal.value.TimeValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * time without time zone arithmetic (time ± interval wraps at midnight, time - time, date +
 * time), age, make_date / make_time / make_timestamp, justify_hours / justify_days /
 * justify_interval: PostgreSQL's date.c / timestamp.c semantics.
 */
final class TimeFunctions {
    private TimeFunctions() {}

    private static final long DAY = DateTimes.MICROS_PER_DAY;

    static void register(FunctionRegistry r) {
        r.op("-", TIME, TIME, INTERVAL, (a, b) -> new IntervalValue(0, 0, t(a) - t(b)));
        r.op("+", TIME, INTERVAL, TIME, (a, b) -> new TimeValue(Math.floorMod(t(a) + ((IntervalValue) b).micros() % DAY, DAY)));
        r.op("+", INTERVAL, TIME, TIME, (a, b) -> new TimeValue(Math.floorMod(t(b) + ((IntervalValue) a).micros() % DAY, DAY)));
        r.op("-", TIME, INTERVAL, TIME, (a, b) -> new TimeValue(Math.floorMod(t(a) - ((IntervalValue) b).micros() % DAY, DAY)));
        r.op("+", PgType.TIMETZ, INTERVAL, PgType.TIMETZ, (a, b) -> {
            TimeTzValue x = (TimeTzValue) a;
            return new TimeTzValue(Math.floorMod(x.micros() + ((IntervalValue) b).micros() % DAY, DAY), x.offsetSeconds());
        });
        r.op("-", PgType.TIMETZ, INTERVAL, PgType.TIMETZ, (a, b) -> {
            TimeTzValue x = (TimeTzValue) a;
            return new TimeTzValue(Math.floorMod(x.micros() - ((IntervalValue) b).micros() % DAY, DAY), x.offsetSeconds());
        });
        r.op("+", DATE, TIME, TIMESTAMP, (a, b) -> dateTime(a, b));
        r.op("+", TIME, DATE, TIMESTAMP, (a, b) -> dateTime(b, a));
        r.op("-", DATE, TIME, TIMESTAMP, (a, b) -> {
            Value ts = dateTime(a, new TimeValue(0));
            return new TimestampValue(TIMESTAMP, ((TimestampValue) ts).micros() - t(b));
        });

        r.fn("age", INTERVAL, List.of(TIMESTAMP, TIMESTAMP), (a, c) -> age(ts(a[0]), ts(a[1])));
        r.fn("age", INTERVAL, List.of(TIMESTAMPTZ, TIMESTAMPTZ), 's', (a, c) -> age(
            DateTimes.utcToLocal(ts(a[0]), c.style().zone()), DateTimes.utcToLocal(ts(a[1]), c.style().zone())));
        r.fn("age", INTERVAL, List.of(TIMESTAMP), 's', (a, c) -> age(today(c), ts(a[0])));
        r.fn("age", INTERVAL, List.of(TIMESTAMPTZ), 's', (a, c) -> age(today(c),
            DateTimes.utcToLocal(ts(a[0]), c.style().zone())));

        r.fn("make_date", DATE, List.of(INT4, INT4, INT4), (a, c) -> new DateValue(
            DateTimes.fromDate(makeDate((int) l(a[0]), (int) l(a[1]), (int) l(a[2])))));
        r.fn("make_time", TIME, List.of(INT4, INT4, FLOAT8), (a, c) ->
            new TimeValue(makeTime((int) l(a[0]), (int) l(a[1]), f(a[2]))));
        r.fn("make_timestamp", TIMESTAMP, List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), (a, c) -> {
            LocalDate d = makeDate((int) l(a[0]), (int) l(a[1]), (int) l(a[2]));
            long micros = DateTimes.fromDate(d) * DAY + makeTime((int) l(a[3]), (int) l(a[4]), f(a[5]));
            return new TimestampValue(TIMESTAMP, micros);
        });

        r.fn("make_interval", INTERVAL, List.of(INT4, INT4, INT4, INT4, INT4, INT4, FLOAT8), (a, c) ->
            makeInterval(l(a[0]), l(a[1]), l(a[2]), l(a[3]), l(a[4]), l(a[5]), f(a[6])));

        r.fn("date_bin", TIMESTAMP, List.of(INTERVAL, TIMESTAMP, TIMESTAMP), (a, c) ->
            dateBin((IntervalValue) a[0], (TimestampValue) a[1], (TimestampValue) a[2], TIMESTAMP));
        r.fn("date_bin", TIMESTAMPTZ, List.of(INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ), (a, c) ->
            dateBin((IntervalValue) a[0], (TimestampValue) a[1], (TimestampValue) a[2], TIMESTAMPTZ));

        r.fn("justify_hours", INTERVAL, List.of(INTERVAL), (a, c) -> justifyHours((IntervalValue) a[0]));
        r.fn("justify_days", INTERVAL, List.of(INTERVAL), (a, c) -> justifyDays((IntervalValue) a[0]));
        r.fn("justify_interval", INTERVAL, List.of(INTERVAL),
            (a, c) -> justifyInterval((IntervalValue) a[0]));
    }

    private static long t(Value v) {
        return ((TimeValue) v).micros();
    }

    private static long ts(Value v) {
        TimestampValue t = (TimestampValue) v;
        if (!t.isFinite()) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return t.micros();
    }

    /**
     * date_bin(stride, source, origin): the start of the stride-wide bin, counted from origin, that
     * source falls in (timestamp_bin); strides of months or years have no fixed width (22023).
     */
    private static TimestampValue dateBin(IntervalValue stride, TimestampValue source, TimestampValue origin, PgType type) {
        if (!source.isFinite()) {
            return source;
        }
        if (!origin.isFinite()) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "origin out of range");
        }
        if (stride.months() != 0) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "timestamps cannot be binned into intervals containing months or years");
        }
        long width;
        try {
            width = Math.addExact(Math.multiplyExact((long) stride.days(), DAY), stride.micros());
        } catch (ArithmeticException e) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        if (width <= 0) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
        }
        long delta;
        try {
            delta = Math.subtractExact(source.micros(), origin.micros());
        } catch (ArithmeticException e) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        long bins = Math.floorDiv(delta, width);
        return new TimestampValue(type, origin.micros() + bins * width);
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs), as timestamp.c's make_interval. */
    private static IntervalValue makeInterval(long years, long months, long weeks, long days, long hours, long mins,
                                              double secs) {
        double micros = Math.rint(secs * 1_000_000.0);
        if (Double.isNaN(micros) || Double.isInfinite(micros)) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        try {
            int m = Math.toIntExact(Math.addExact(Math.multiplyExact(years, 12), months));
            int d = Math.toIntExact(Math.addExact(Math.multiplyExact(weeks, 7), days));
            long us = Math.addExact(Math.addExact(Math.multiplyExact(hours, 3_600_000_000L),
                Math.multiplyExact(mins, 60_000_000L)), (long) micros);
            if (Math.abs(micros) >= 9.2e18) {
                throw new ArithmeticException();
            }
            return new IntervalValue(m, d, us);
        } catch (ArithmeticException e) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    private static long l(Value v) {
        return ((IntegerValue) v).value();
    }

    private static double f(Value v) {
        return ((FloatValue) v).value();
    }

    private static long today(org.tuskdb.sql.internal.expr.EvalContext c) {
        long local = DateTimes.utcToLocal(c.transactionStartMicros(), c.style().zone());
        return Math.floorDiv(local, DAY) * DAY;
    }

    private static Value dateTime(Value date, Value time) {
        DateValue d = (DateValue) date;
        if (!d.isFinite()) {
            return new TimestampValue(TIMESTAMP, d.days() > 0 ? TimestampValue.POS_INFINITY : TimestampValue.NEG_INFINITY);
        }
        return new TimestampValue(TIMESTAMP, d.days() * DAY + t(time));
    }

    private static LocalDate makeDate(int year, int month, int day) {
        int y = year < 0 ? year + 1 : year; // 1 BC is year 0 in java.time
        try {
            if (year == 0) {
                throw new java.time.DateTimeException("year zero");
            }
            return LocalDate.of(y, month, day);
        } catch (java.time.DateTimeException e) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                "date field value out of range: " + year + "-" + two(month) + "-" + two(day));
        }
    }

    private static String two(int v) {
        return v >= 0 && v < 10 ? "0" + v : Integer.toString(v);
    }

    private static long makeTime(int hour, int minute, double seconds) {
        long micros = Math.round(seconds * 1e6);
        long total = ((hour * 60L + minute) * 60) * 1_000_000L + micros;
        if (hour < 0 || minute < 0 || minute > 59 || seconds < 0 || seconds > 60 || total > DAY) {
            throw DatabaseException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                "time field value out of range: " + hour + ":" + two(minute) + ":" + two((int) seconds));
        }
        return total;
    }

    /**
     * timestamp_age: the field-wise difference (years, months, days, time), each negative field
     * borrowing from the next larger one, months borrowing the length of the earlier date's month.
     */
    static IntervalValue age(long a, long b) {
        boolean flip = a < b;
        LocalDateTime t1 = DateTimes.toLocal(a);
        LocalDateTime t2 = DateTimes.toLocal(b);
        long fsec = (t1.getNano() - t2.getNano()) / 1000;
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = t1.getYear() - t2.getYear();
        if (flip) {
            fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year;
        }
        while (fsec < 0) { fsec += 1_000_000; sec--; }
        while (sec < 0) { sec += 60; min--; }
        while (min < 0) { min += 60; hour--; }
        while (hour < 0) { hour += 24; mday--; }
        while (mday < 0) {
            LocalDateTime earlier = flip ? t1 : t2;
            mday += earlier.getMonth().length(Year.isLeap(earlier.getYear()));
            mon--;
        }
        while (mon < 0) { mon += 12; year--; }
        if (flip) {
            fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year;
        }
        long time = ((hour * 60 + min) * 60 + sec) * 1_000_000L + fsec;
        long months = year * 12 + mon;
        if (months != (int) months) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue((int) months, (int) mday, time);
    }

    static IntervalValue justifyHours(IntervalValue v) {
        long days = v.days() + v.micros() / DAY;
        long time = v.micros() % DAY;
        if (days > 0 && time < 0) {
            time += DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= DAY;
            days++;
        }
        if (days != (int) days) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue(v.months(), (int) days, time);
    }

    static IntervalValue justifyDays(IntervalValue v) {
        long months = v.months() + v.days() / 30;
        int days = v.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        if (months != (int) months) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue((int) months, days, v.micros());
    }

    static IntervalValue justifyInterval(IntervalValue v) {
        long days = v.days() + v.micros() / DAY;
        long time = v.micros() % DAY;
        long months = v.months() + days / 30;
        days = days % 30;
        if (months > 0 && (days < 0 || (days == 0 && time < 0))) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || (days == 0 && time > 0))) {
            days -= 30;
            months++;
        }
        if (days > 0 && time < 0) {
            time += DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= DAY;
            days++;
        }
        if (months != (int) months) {
            throw Errors.intervalOutOfRange();
        }
        return new IntervalValue((int) months, (int) days, time);
    }
}
