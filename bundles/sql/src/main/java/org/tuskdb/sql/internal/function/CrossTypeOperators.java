package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.BPCHAR;
import static org.tuskdb.sql.internal.value.PgType.BYTEA;
import static org.tuskdb.sql.internal.value.PgType.DATE;
import static org.tuskdb.sql.internal.value.PgType.INT2;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.NAME;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;
import static org.tuskdb.sql.internal.value.PgType.TIMETZ;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntPredicate;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TimeTzValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The operators pg_operator declares between two different types that an implicit cast would
 * otherwise stand in for: int2/int4/int8 mixed (int24pl, int48eq, ...), date against timestamp
 * and timestamptz, timestamp against timestamptz, name against text, date + timetz, and the
 * text_pattern_ops comparisons ~<~ ~<=~ ~>=~ ~>~ and bytea LIKE.
 *
 * <p>They matter beyond pg_operator's rows: operator resolution prefers an exact match over an
 * implicit cast, so {@code int2col = 5} compares without casting the column (an index condition
 * as PostgreSQL has it), {@code 32767::int2 + 1} is int24pl (an integer) while
 * {@code 32767::int2 + 1::int2} overflows smallint, and EXPLAIN shows no cast. A cross-width
 * integer operator's result and its overflow error are the wider type's, as int.c's.
 */
final class CrossTypeOperators {
    private CrossTypeOperators() {}

    /** Registered by {@link ArithmeticOperators} (the + - * / symbols are that family's). */
    static void registerArithmetic(FunctionRegistry r) {
        List<PgType> ints = List.of(INT2, INT4, INT8);
        for (PgType a : ints) {
            for (PgType b : ints) {
                if (a != b) {
                    ArithmeticOperators.integerArithmetic(r, a, b, a.length() > b.length() ? a : b);
                }
            }
        }
        // datetimetz_pl / timetzdate_pl: the date's midnight in UTC plus the time's UTC reading
        r.op("+", DATE, TIMETZ, TIMESTAMPTZ, (a, b) -> dateTimeTz(a, b));
        r.op("+", TIMETZ, DATE, TIMESTAMPTZ, (a, b) -> dateTimeTz(b, a));
        // interval_pl_timetz (timetz + interval is TimeFunctions'): the interval's time part, modulo a day
        r.op("+", INTERVAL, TIMETZ, TIMETZ, (a, b) -> {
            TimeTzValue t = (TimeTzValue) b;
            return new TimeTzValue(Math.floorMod(t.micros() + ((IntervalValue) a).micros() % DateTimes.MICROS_PER_DAY,
                DateTimes.MICROS_PER_DAY), t.offsetSeconds());
        });
    }

    /** Registered by {@link ComparisonOperators}. */
    static void registerComparisons(FunctionRegistry r) {
        List<PgType> ints = List.of(INT2, INT4, INT8);
        for (PgType a : ints) {
            for (PgType b : ints) {
                if (a != b) {
                    compare(r, a, b, 'i', (x, y, c) -> Long.compare(l(x), l(y)));
                }
            }
        }
        ComparisonOperators.comparisons(r, NAME, TEXT);
        ComparisonOperators.comparisons(r, TEXT, NAME);
        // date_cmp_timestamp and friends: the date as the timestamp of its midnight (in the
        // session's zone for timestamptz, hence stable), timestamp as timestamptz in that zone
        compare(r, DATE, TIMESTAMP, 'i', (x, y, c) -> as(x, TIMESTAMP, c).compareTo(y));
        compare(r, TIMESTAMP, DATE, 'i', (x, y, c) -> x.compareTo(as(y, TIMESTAMP, c)));
        compare(r, DATE, TIMESTAMPTZ, 's', (x, y, c) -> as(x, TIMESTAMPTZ, c).compareTo(y));
        compare(r, TIMESTAMPTZ, DATE, 's', (x, y, c) -> x.compareTo(as(y, TIMESTAMPTZ, c)));
        compare(r, TIMESTAMP, TIMESTAMPTZ, 's', (x, y, c) -> as(x, TIMESTAMPTZ, c).compareTo(y));
        compare(r, TIMESTAMPTZ, TIMESTAMP, 's', (x, y, c) -> x.compareTo(as(y, TIMESTAMPTZ, c)));
        // text_pattern_ops / bpchar_pattern_ops: byte order, which is the values' order here
        // (text compares by code point, bpchar without its trailing spaces)
        for (PgType t : List.of(TEXT, BPCHAR)) {
            pattern(r, "~<~", t, cmp -> cmp < 0);
            pattern(r, "~<=~", t, cmp -> cmp <= 0);
            pattern(r, "~>=~", t, cmp -> cmp >= 0);
            pattern(r, "~>~", t, cmp -> cmp > 0);
        }
        // bytealike / byteanlike: LIKE over the bytes (each byte one character)
        r.op("~~", BYTEA, BYTEA, BOOL, (a, b) -> BoolValue.of(byteaLike(a, b)));
        r.op("!~~", BYTEA, BYTEA, BOOL, (a, b) -> BoolValue.of(!byteaLike(a, b)));
    }

    private static long l(Value v) {
        return ((IntegerValue) v).value();
    }

    private static Value dateTimeTz(Value date, Value time) {
        DateValue d = (DateValue) date;
        TimeTzValue t = (TimeTzValue) time;
        if (!d.isFinite()) {
            return new TimestampValue(TIMESTAMPTZ, d.days() > 0 ? TimestampValue.POS_INFINITY : TimestampValue.NEG_INFINITY);
        }
        return new TimestampValue(TIMESTAMPTZ, d.days() * DateTimes.MICROS_PER_DAY + t.utcMicros());
    }

    private static Value as(Value v, PgType type, EvalContext c) {
        return Casts.convert(v, type, -1, false, c.style());
    }

    @FunctionalInterface
    private interface Comparison {
        int compare(Value a, Value b, EvalContext c);
    }

    /** The six comparison operators over one three-way comparison. */
    private static void compare(FunctionRegistry r, PgType left, PgType right, char volatility, Comparison cmp) {
        add(r, "=", left, right, volatility, cmp, x -> x == 0);
        add(r, "<>", left, right, volatility, cmp, x -> x != 0);
        add(r, "<", left, right, volatility, cmp, x -> x < 0);
        add(r, "<=", left, right, volatility, cmp, x -> x <= 0);
        add(r, ">", left, right, volatility, cmp, x -> x > 0);
        add(r, ">=", left, right, volatility, cmp, x -> x >= 0);
    }

    private static void add(FunctionRegistry r, String symbol, PgType left, PgType right, char volatility,
                            Comparison cmp, IntPredicate test) {
        r.addOperator(new FunctionDef(symbol, List.of(left, right), BOOL, false, true, volatility,
            (a, c) -> BoolValue.of(test.test(cmp.compare(a[0], a[1], c)))));
    }

    private static void pattern(FunctionRegistry r, String symbol, PgType t, IntPredicate test) {
        r.op(symbol, t, t, BOOL, (a, b) -> BoolValue.of(test.test(a.compareTo(b))));
    }

    private static boolean byteaLike(Value s, Value p) {
        return LikeMatcher.matches(new String(((ByteaValue) s).value(), StandardCharsets.ISO_8859_1),
            new String(((ByteaValue) p).value(), StandardCharsets.ISO_8859_1), false);
    }
}
