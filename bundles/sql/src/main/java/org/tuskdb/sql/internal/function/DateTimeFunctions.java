package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.DATE;
import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.DateTimeParser;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * now() and its relatives (fixed per transaction, per statement, or the clock), extract /
 * date_part, date_trunc, AT TIME ZONE (timezone()), to_timestamp.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {}

    static void register(FunctionRegistry r) {
        r.fn("now", TIMESTAMPTZ, List.of(), 's', (a, c) -> TimestampValue.tz(c.transactionStartMicros()));
        r.fn("transaction_timestamp", TIMESTAMPTZ, List.of(), 's', (a, c) -> TimestampValue.tz(c.transactionStartMicros()));
        r.fn("statement_timestamp", TIMESTAMPTZ, List.of(), 's', (a, c) -> TimestampValue.tz(c.statementStartMicros()));
        r.fn("clock_timestamp", TIMESTAMPTZ, List.of(), 'v', (a, c) -> TimestampValue.tz(DateTimes.nowMicros()));
        r.fn("timeofday", TEXT, List.of(), 'v', (a, c) -> TextValue.text(DateTimes.formatTimestamp(
            DateTimes.nowMicros(), c.style().zone())));
        for (PgType t : List.of(TIMESTAMPTZ, TIMESTAMP, DATE, INTERVAL, PgType.TIME, PgType.TIMETZ)) {
            r.fn("date_part", FLOAT8, List.of(TEXT, t), 's',
                (a, c) -> FloatValue.float8(extract(text(a[0]), a[1], c).doubleValue()));
            r.fn("extract", NUMERIC, List.of(TEXT, t), 's', (a, c) -> NumericValue.of(extract(text(a[0]), a[1], c)));
        }
        r.fn("date_trunc", TIMESTAMPTZ, List.of(TEXT, TIMESTAMPTZ), 's', (a, c) -> {
            TimestampValue ts = (TimestampValue) a[1];
            if (!ts.isFinite()) {
                return ts;
            }
            long local = DateTimes.utcToLocal(ts.micros(), c.style().zone());
            return TimestampValue.tz(DateTimes.localToUtc(truncate(text(a[0]), local, TIMESTAMPTZ), c.style().zone()));
        });
        r.fn("date_trunc", TIMESTAMP, List.of(TEXT, TIMESTAMP), (a, c) -> {
            TimestampValue ts = (TimestampValue) a[1];
            return ts.isFinite() ? new TimestampValue(TIMESTAMP, truncate(text(a[0]), ts.micros(), TIMESTAMP)) : ts;
        });
        // AT TIME ZONE
        r.fn("timezone", TIMESTAMP, List.of(TEXT, TIMESTAMPTZ), (a, c) -> {
            TimestampValue ts = (TimestampValue) a[1];
            return new TimestampValue(TIMESTAMP, DateTimes.utcToLocal(ts.micros(), zone(text(a[0]))));
        });
        r.fn("timezone", TIMESTAMPTZ, List.of(TEXT, TIMESTAMP), (a, c) -> {
            TimestampValue ts = (TimestampValue) a[1];
            return TimestampValue.tz(DateTimes.localToUtc(ts.micros(), zone(text(a[0]))));
        });
        r.fn("to_timestamp", TIMESTAMPTZ, List.of(FLOAT8), (a, c) -> {
            double seconds = ((FloatValue) a[0]).value();
            if (Double.isNaN(seconds)) {
                throw DatabaseException.error("22008", "timestamp cannot be NaN");
            }
            if (Double.isInfinite(seconds)) {
                return TimestampValue.tz(seconds > 0 ? TimestampValue.POS_INFINITY : TimestampValue.NEG_INFINITY);
            }
            return TimestampValue.tz(Math.round((seconds - DateTimes.EPOCH_DAY_OFFSET * 86400.0) * 1e6));
        });
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    private static ZoneId zone(String name) {
        ZoneId z = DateTimeParser.zoneByName(name);
        if (z == null) {
            z = DateTimeParser.posixOffsetZone(name);
        }
        if (z == null) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
        return z;
    }

    private static DatabaseException unsupportedUnit(String field, PgType type) {
        if (!DateUnits.known(field)) {
            return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "unit \"" + field + "\" not recognized for type " + type.displayName());
        }
        return DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
            "unit \"" + field + "\" not supported for type " + type.displayName());
    }

    /** EXTRACT(field FROM x) as numeric; date_part is the same as float8. */
    static BigDecimal extract(String fieldText, Value v, EvalContext ctx) {
        String field = DateUnits.canonical(fieldText);
        if (v instanceof IntervalValue iv) {
            return extractInterval(field, iv);
        }
        if (v instanceof org.tuskdb.sql.internal.value.TimeTzValue tz) {
            long offset = tz.offsetSeconds();
            switch (field) {
                case "timezone": return BigDecimal.valueOf(offset);
                case "timezone_hour": return BigDecimal.valueOf(offset / 3600);
                case "timezone_minute": return BigDecimal.valueOf((offset / 60) % 60);
                case "epoch": return BigDecimal.valueOf(tz.utcMicros(), 6);
                default: v = new org.tuskdb.sql.internal.value.TimeValue(tz.micros());
            }
        }
        if (v instanceof org.tuskdb.sql.internal.value.TimeValue tv) {
            long time = tv.micros();
            return switch (field) {
                case "hour" -> BigDecimal.valueOf(time / 3_600_000_000L);
                case "minute" -> BigDecimal.valueOf((time / 60_000_000L) % 60);
                case "second" -> BigDecimal.valueOf(time % 60_000_000L, 6);
                case "milliseconds" -> BigDecimal.valueOf(time % 60_000_000L, 3);
                case "microseconds" -> BigDecimal.valueOf(time % 60_000_000L);
                case "epoch" -> BigDecimal.valueOf(time, 6);
                default -> throw unsupportedUnit(field, PgType.TIME);
            };
        }
        long local;
        long utc;
        boolean isDate = v instanceof DateValue;
        if (isDate) {
            DateValue d = (DateValue) v;
            if (!d.isFinite()) {
                return null;
            }
            local = d.days() * DateTimes.MICROS_PER_DAY;
            utc = local;
        } else {
            TimestampValue ts = (TimestampValue) v;
            if (!ts.isFinite()) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "infinite timestamps are not supported by extract");
            }
            utc = ts.micros();
            local = ts.hasZone() ? DateTimes.utcToLocal(utc, ctx.style().zone()) : utc;
        }
        LocalDateTime t = DateTimes.toLocal(local);
        long microsOfMinute = (t.getSecond() * 1_000_000L) + t.getNano() / 1000;
        switch (field) {
            case "epoch": {
                BigDecimal secs = BigDecimal.valueOf(utc + DateTimes.EPOCH_DAY_OFFSET * DateTimes.MICROS_PER_DAY, 6);
                return isDate ? secs.setScale(0, RoundingMode.UNNECESSARY) : secs;
            }
            case "year": return BigDecimal.valueOf(t.getYear() > 0 ? t.getYear() : t.getYear() - 1);
            case "month": return BigDecimal.valueOf(t.getMonthValue());
            case "day": return BigDecimal.valueOf(t.getDayOfMonth());
            case "quarter": return BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "dow": return BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case "isodow": return BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy": return BigDecimal.valueOf(t.getDayOfYear());
            case "week": return BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear": return BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case "decade": return BigDecimal.valueOf(Math.floorDiv(t.getYear(), 10));
            case "century": return BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - (t.getYear() - 1)) / 100));
            case "millennium": return BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - (t.getYear() - 1)) / 1000));
            default: break;
        }
        if (isDate) {
            throw unsupportedUnit(field, PgType.DATE);
        }
        switch (field) {
            case "hour": return BigDecimal.valueOf(t.getHour());
            case "minute": return BigDecimal.valueOf(t.getMinute());
            case "second": return BigDecimal.valueOf(microsOfMinute, 6);
            case "milliseconds": return BigDecimal.valueOf(microsOfMinute, 3);
            case "microseconds": return BigDecimal.valueOf(microsOfMinute);
            case "timezone", "timezone_hour", "timezone_minute": {
                if (!((TimestampValue) v).hasZone()) {
                    throw unsupportedUnit(field, PgType.TIMESTAMP);
                }
                long offset = (local - utc) / 1_000_000L;
                return BigDecimal.valueOf(field.equals("timezone") ? offset
                    : field.equals("timezone_hour") ? offset / 3600 : (offset / 60) % 60);
            }
            default:
                throw unsupportedUnit(field, v.type());
        }
    }

    private static BigDecimal extractInterval(String field, IntervalValue iv) {
        long time = iv.micros();
        switch (field) {
            case "epoch": {
                BigDecimal days = BigDecimal.valueOf(iv.months() / 12).multiply(new BigDecimal("365.25"))
                    .add(BigDecimal.valueOf((iv.months() % 12) * 30L + iv.days()));
                return days.multiply(BigDecimal.valueOf(86400)).add(BigDecimal.valueOf(time, 6)).setScale(6, RoundingMode.HALF_UP);
            }
            case "year": return BigDecimal.valueOf(iv.months() / 12);
            case "month": return BigDecimal.valueOf(iv.months() % 12);
            case "day": return BigDecimal.valueOf(iv.days());
            case "hour": return BigDecimal.valueOf(time / 3_600_000_000L);
            case "minute": return BigDecimal.valueOf((time / 60_000_000L) % 60);
            case "second": return BigDecimal.valueOf(time % 60_000_000L, 6);
            case "milliseconds": return BigDecimal.valueOf(time % 60_000_000L, 3);
            case "microseconds": return BigDecimal.valueOf(time % 60_000_000L);
            case "quarter": return BigDecimal.valueOf((iv.months() % 12) / 3 + 1);
            case "decade": return BigDecimal.valueOf(iv.months() / 120);
            case "century": return BigDecimal.valueOf(iv.months() / 1200);
            case "millennium": return BigDecimal.valueOf(iv.months() / 12000);
            default: throw unsupportedUnit(field, PgType.INTERVAL);
        }
    }

    /** date_trunc on wall-clock micros. */
    private static long truncate(String fieldText, long local, PgType type) {
        String field = DateUnits.canonical(fieldText);
        LocalDateTime t = DateTimes.toLocal(local);
        LocalDateTime r = switch (field) {
            case "microseconds" -> t;
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.truncatedTo(ChronoUnit.DAYS).with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case "decade" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
            case "century" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear((t.getYear() - 1) / 100 * 100 + 1);
            case "millennium" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear((t.getYear() - 1) / 1000 * 1000 + 1);
            default -> throw unsupportedUnit(field, type);
        };
        return DateTimes.fromLocal(r);
    }
}
