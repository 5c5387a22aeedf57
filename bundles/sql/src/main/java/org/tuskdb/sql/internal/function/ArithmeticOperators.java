package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.DATE;
import static org.tuskdb.sql.internal.value.PgType.FLOAT4;
import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INT2;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.ByteaValue;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.Errors;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * + - * / % ^ and || with PostgreSQL's operand types and errors: integer arithmetic checks its
 * width (22003 "integer out of range"), division by zero is 22012, float results that overflow
 * are 22003 "value out of range: overflow". The cross-width float operators (real + double
 * precision) exist because they change which operator resolution picks, as in pg_operator; the
 * cross-width integer ones are {@link CrossTypeOperators}'.
 */
final class ArithmeticOperators {
    private ArithmeticOperators() {}

    static void register(FunctionRegistry r) {
        for (PgType t : List.of(INT2, INT4, INT8)) {
            registerInteger(r, t);
        }
        registerFloat(r, FLOAT4, FLOAT4, FLOAT4);
        registerFloat(r, FLOAT8, FLOAT8, FLOAT8);
        registerFloat(r, FLOAT4, FLOAT8, FLOAT8);
        registerFloat(r, FLOAT8, FLOAT4, FLOAT8);
        r.prefix("-", FLOAT4, FLOAT4, (a, c) -> FloatValue.float4((float) -f(a[0])));
        r.prefix("-", FLOAT8, FLOAT8, (a, c) -> FloatValue.float8(-f(a[0])));
        r.prefix("+", FLOAT4, FLOAT4, (a, c) -> a[0]);
        r.prefix("+", FLOAT8, FLOAT8, (a, c) -> a[0]);
        r.op("^", FLOAT8, FLOAT8, FLOAT8, (a, b) -> FloatValue.float8(power(f(a), f(b))));
        registerNumeric(r);
        registerDateTime(r);
        CrossTypeOperators.registerArithmetic(r);
        r.op("||", PgType.TEXT, PgType.TEXT, PgType.TEXT, (a, b) -> TextValue.text(s(a) + s(b)));
        r.addOperator(new FunctionDef("||", List.of(PgType.TEXT, PgType.ANYNONARRAY), PgType.TEXT, false, true, 's',
            (a, c) -> TextValue.text(s(a[0]) + anyText(a[1], c))));
        r.addOperator(new FunctionDef("||", List.of(PgType.ANYNONARRAY, PgType.TEXT), PgType.TEXT, false, true, 's',
            (a, c) -> TextValue.text(anyText(a[0], c) + s(a[1]))));
        r.op("||", PgType.BYTEA, PgType.BYTEA, PgType.BYTEA, (a, b) -> {
            byte[] x = ((ByteaValue) a).value();
            byte[] y = ((ByteaValue) b).value();
            byte[] z = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            return new ByteaValue(z);
        });
    }

    static String s(Value v) {
        return ((TextValue) v).textValue();
    }

    /**
     * A value of any type as text, for anynonarray || text: PostgreSQL's x::text, which is the
     * output function except for boolean (booltext says 'true' where boolout says 't').
     */
    static String anyText(Value v, org.tuskdb.sql.internal.expr.EvalContext ctx) {
        if (v instanceof org.tuskdb.sql.internal.value.BoolValue b) {
            return b.value() ? "true" : "false";
        }
        return v instanceof TextValue t ? t.textValue() : v.toText(ctx.style());
    }

    static long l(Value v) {
        return ((IntegerValue) v).value();
    }

    static double f(Value v) {
        return ((FloatValue) v).value();
    }

    static BigDecimal n(Value v) {
        return ((NumericValue) v).value();
    }

    private static void registerInteger(FunctionRegistry r, PgType t) {
        integerArithmetic(r, t, t, t);
        r.op("%", t, t, t, (a, b) -> {
            long y = l(b);
            if (y == 0) {
                throw Errors.divisionByZero();
            }
            return IntegerValue.of(t, y == -1 ? 0 : l(a) % y);
        });
        r.prefix("-", t, t, (a, c) -> integer(t, () -> Math.negateExact(l(a[0]))));
        r.prefix("+", t, t, (a, c) -> a[0]);
    }

    /**
     * + - * / of two integer types with the result (and its 22003 overflow) in type t; the
     * cross-width ones ({@link CrossTypeOperators}) pass the wider of the two.
     */
    static void integerArithmetic(FunctionRegistry r, PgType left, PgType right, PgType t) {
        r.op("+", left, right, t, (a, b) -> integer(t, () -> Math.addExact(l(a), l(b))));
        r.op("-", left, right, t, (a, b) -> integer(t, () -> Math.subtractExact(l(a), l(b))));
        r.op("*", left, right, t, (a, b) -> integer(t, () -> Math.multiplyExact(l(a), l(b))));
        r.op("/", left, right, t, (a, b) -> {
            long y = l(b);
            if (y == 0) {
                throw Errors.divisionByZero();
            }
            return integer(t, () -> y == -1 ? Math.negateExact(l(a)) : l(a) / y);
        });
    }

    private interface LongOp {
        long compute();
    }

    private static IntegerValue integer(PgType t, LongOp op) {
        long v;
        try {
            v = op.compute();
        } catch (ArithmeticException e) {
            throw Errors.outOfRange(t);
        }
        return IntegerValue.of(t, v);
    }

    private static void registerFloat(FunctionRegistry r, PgType left, PgType right, PgType result) {
        boolean single = result == FLOAT4;
        r.op("+", left, right, result, (a, b) -> floatResult(single, f(a) + f(b), f(a), f(b), false));
        r.op("-", left, right, result, (a, b) -> floatResult(single, f(a) - f(b), f(a), f(b), false));
        r.op("*", left, right, result, (a, b) -> floatResult(single, f(a) * f(b), f(a), f(b), true));
        r.op("/", left, right, result, (a, b) -> {
            if (f(b) == 0) {
                throw Errors.divisionByZero();
            }
            return floatResult(single, f(a) / f(b), f(a), f(b), true);
        });
    }

    /**
     * float4/float8 result with PostgreSQL's checks: an infinite result from finite inputs
     * overflowed; a zero product or quotient from non-zero inputs underflowed.
     */
    private static FloatValue floatResult(boolean single, double exact, double x, double y, boolean checkUnderflow) {
        double v = single ? (float) exact : exact;
        if (Double.isInfinite(v) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw Errors.floatOverflow();
        }
        if (checkUnderflow && v == 0 && x != 0 && !Double.isInfinite(y) && !(y == 0)) {
            throw Errors.floatUnderflow();
        }
        return single ? FloatValue.float4((float) v) : FloatValue.float8(v);
    }

    static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw DatabaseException.error("2201F", "zero raised to a negative power is undefined");
        }
        if (x < 0 && y != Math.floor(y) && !Double.isInfinite(y)) {
            throw DatabaseException.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        double v = Math.pow(x, y);
        if (Double.isInfinite(v) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw Errors.floatOverflow();
        }
        if (v == 0 && x != 0 && !Double.isInfinite(y)) {
            throw Errors.floatUnderflow();
        }
        return v;
    }

    private static void registerNumeric(FunctionRegistry r) {
        r.op("+", NUMERIC, NUMERIC, NUMERIC, (a, b) -> special(a, b) ? specialOp('+', a, b) : NumericValue.of(n(a).add(n(b))));
        r.op("-", NUMERIC, NUMERIC, NUMERIC,
            (a, b) -> special(a, b) ? specialOp('-', a, b) : NumericValue.of(n(a).subtract(n(b))));
        r.op("*", NUMERIC, NUMERIC, NUMERIC,
            (a, b) -> special(a, b) ? specialOp('*', a, b) : NumericValue.of(n(a).multiply(n(b))));
        r.op("/", NUMERIC, NUMERIC, NUMERIC,
            (a, b) -> special(a, b) ? specialOp('/', a, b) : NumericValue.of(NumericMath.divide(n(a), n(b))));
        r.op("%", NUMERIC, NUMERIC, NUMERIC,
            (a, b) -> special(a, b) ? specialOp('%', a, b) : NumericValue.of(NumericMath.modulo(n(a), n(b))));
        r.op("^", NUMERIC, NUMERIC, NUMERIC, (a, b) -> NumericValue.of(NumericMath.power(n(a), n(b))));
        r.prefix("-", NUMERIC, NUMERIC, (a, c) -> {
            NumericValue x = (NumericValue) a[0];
            return switch (x.special()) {
                case NumericValue.NAN -> x;
                case NumericValue.POS_INF -> NumericValue.NEG_INFINITY;
                case NumericValue.NEG_INF -> NumericValue.INFINITY;
                default -> NumericValue.of(x.value().negate());
            };
        });
        r.prefix("+", NUMERIC, NUMERIC, (a, c) -> a[0]);
    }

    private static void registerDateTime(FunctionRegistry r) {
        // date and integers: days
        r.op("+", DATE, INT4, DATE, (a, b) -> addDays(a, l(b)));
        r.op("+", INT4, DATE, DATE, (a, b) -> addDays(b, l(a)));
        r.op("-", DATE, INT4, DATE, (a, b) -> addDays(a, -l(b)));
        r.op("-", DATE, DATE, INT4, (a, b) -> {
            DateValue x = (DateValue) a;
            DateValue y = (DateValue) b;
            if (!x.isFinite() || !y.isFinite()) {
                throw DatabaseException.error("22008", "cannot subtract infinite dates");
            }
            return IntegerValue.int4((long) x.days() - y.days());
        });
        // intervals
        r.op("+", INTERVAL, INTERVAL, INTERVAL, (a, b) -> DateTimes.add((IntervalValue) a, (IntervalValue) b));
        r.op("-", INTERVAL, INTERVAL, INTERVAL,
            (a, b) -> DateTimes.add((IntervalValue) a, DateTimes.negate((IntervalValue) b)));
        r.prefix("-", INTERVAL, INTERVAL, (a, c) -> DateTimes.negate((IntervalValue) a[0]));
        r.prefix("+", INTERVAL, INTERVAL, (a, c) -> a[0]);
        r.op("*", INTERVAL, FLOAT8, INTERVAL, (a, b) -> DateTimes.multiply((IntervalValue) a, f(b)));
        r.op("*", FLOAT8, INTERVAL, INTERVAL, (a, b) -> DateTimes.multiply((IntervalValue) b, f(a)));
        r.op("/", INTERVAL, FLOAT8, INTERVAL, (a, b) -> DateTimes.divide((IntervalValue) a, f(b)));
        // timestamps and intervals; timestamptz moves its wall clock in the session's zone
        for (PgType ts : List.of(TIMESTAMP, TIMESTAMPTZ)) {
            boolean tz = ts == TIMESTAMPTZ;
            r.addOperator(new FunctionDef("+", List.of(ts, INTERVAL), ts, false, true, tz ? 's' : 'i',
                (a, c) -> new TimestampValue(ts, DateTimes.addInterval(((TimestampValue) a[0]).micros(),
                    (IntervalValue) a[1], tz ? c.style().zone() : null))));
            r.addOperator(new FunctionDef("+", List.of(INTERVAL, ts), ts, false, true, tz ? 's' : 'i',
                (a, c) -> new TimestampValue(ts, DateTimes.addInterval(((TimestampValue) a[1]).micros(),
                    (IntervalValue) a[0], tz ? c.style().zone() : null))));
            r.addOperator(new FunctionDef("-", List.of(ts, INTERVAL), ts, false, true, tz ? 's' : 'i',
                (a, c) -> new TimestampValue(ts, DateTimes.addInterval(((TimestampValue) a[0]).micros(),
                    DateTimes.negate((IntervalValue) a[1]), tz ? c.style().zone() : null))));
            r.op("-", ts, ts, INTERVAL, (a, b) -> DateTimes.subtract(((TimestampValue) a).micros(),
                ((TimestampValue) b).micros()));
        }
        r.op("+", DATE, INTERVAL, TIMESTAMP, (a, b) -> new TimestampValue(TIMESTAMP,
            DateTimes.addInterval(dateMicros(a), (IntervalValue) b, null)));
        r.op("+", INTERVAL, DATE, TIMESTAMP, (a, b) -> new TimestampValue(TIMESTAMP,
            DateTimes.addInterval(dateMicros(b), (IntervalValue) a, null)));
        r.op("-", DATE, INTERVAL, TIMESTAMP, (a, b) -> new TimestampValue(TIMESTAMP,
            DateTimes.addInterval(dateMicros(a), DateTimes.negate((IntervalValue) b), null)));
    }

    private static boolean special(Value a, Value b) {
        return !((NumericValue) a).isFinite() || !((NumericValue) b).isFinite();
    }

    private static double asDouble(NumericValue v) {
        return switch (v.special()) {
            case NumericValue.NAN -> Double.NaN;
            case NumericValue.POS_INF -> Double.POSITIVE_INFINITY;
            case NumericValue.NEG_INF -> Double.NEGATIVE_INFINITY;
            default -> v.value().signum();
        };
    }

    /**
     * + - * / % with NaN or an infinity involved, as numeric.c: NaN wins, Inf - Inf and Inf * 0
     * are NaN, x / Inf is 0, anything / 0 is 22012, Inf % x is NaN and x % Inf is x.
     */
    private static Value specialOp(char op, Value a, Value b) {
        NumericValue x = (NumericValue) a;
        NumericValue y = (NumericValue) b;
        if ((op == '/' || op == '%') && y.isFinite() && y.value().signum() == 0) {
            throw Errors.divisionByZero();
        }
        if (op == '%' && x.isFinite() && y.special() != NumericValue.NAN) {
            return x;
        }
        double dx = asDouble(x);
        double dy = asDouble(y);
        double r = switch (op) {
            case '+' -> dx + dy;
            case '-' -> dx - dy;
            case '*' -> dx * dy;
            case '/' -> dx / dy;
            default -> Double.NaN;
        };
        if (Double.isNaN(r)) {
            return NumericValue.NaN;
        }
        if (Double.isInfinite(r)) {
            return r > 0 ? NumericValue.INFINITY : NumericValue.NEG_INFINITY;
        }
        return NumericValue.of(0);
    }

    private static long dateMicros(Value v) {
        DateValue d = (DateValue) v;
        if (!d.isFinite()) {
            return d.days() > 0 ? TimestampValue.POS_INFINITY : TimestampValue.NEG_INFINITY;
        }
        return d.days() * DateTimes.MICROS_PER_DAY;
    }

    private static Value addDays(Value date, long days) {
        DateValue d = (DateValue) date;
        if (!d.isFinite()) {
            return d;
        }
        long r = d.days() + days;
        if (r < -2451545 || r > 2147483494L - 2451545) {
            throw DatabaseException.error("22008", "date out of range");
        }
        return new DateValue((int) r);
    }
}
