package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.FLOAT8;
import static org.tuskdb.sql.internal.value.PgType.INT2;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.Errors;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/** abs, round, trunc, ceil, floor, sqrt, mod, power, exp, ln, log, sign, pi, random. */
final class MathFunctions {
    private MathFunctions() {}

    private static double f(Value v) {
        return ((FloatValue) v).value();
    }

    private static BigDecimal n(Value v) {
        return ((NumericValue) v).value();
    }

    private static long l(Value v) {
        return ((IntegerValue) v).value();
    }

    private static FloatValue d(double v) {
        return FloatValue.float8(v);
    }

    static void register(FunctionRegistry r) {
        for (PgType t : List.of(INT2, INT4, INT8)) {
            r.fn("abs", t, List.of(t), (a, c) -> {
                if (l(a[0]) == Long.MIN_VALUE) {
                    throw Errors.outOfRange(t);
                }
                return IntegerValue.of(t, Math.abs(l(a[0])));
            });
            r.fn("mod", t, List.of(t, t), (a, c) -> {
                if (l(a[1]) == 0) {
                    throw Errors.divisionByZero();
                }
                return IntegerValue.of(t, l(a[1]) == -1 ? 0 : l(a[0]) % l(a[1]));
            });
        }
        r.fn("abs", PgType.FLOAT4, List.of(PgType.FLOAT4), (a, c) -> FloatValue.float4((float) Math.abs(f(a[0]))));
        r.fn("abs", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.abs(f(a[0]))));
        r.fn("abs", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).abs()));
        r.fn("mod", NUMERIC, List.of(NUMERIC, NUMERIC), (a, c) -> NumericValue.of(NumericMath.modulo(n(a[0]), n(a[1]))));
        r.fn("div", NUMERIC, List.of(NUMERIC, NUMERIC), (a, c) -> {
            if (n(a[1]).signum() == 0) {
                throw Errors.divisionByZero();
            }
            return NumericValue.of(n(a[0]).divideToIntegralValue(n(a[1])).setScale(0, RoundingMode.DOWN));
        });

        r.fn("round", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.rint(f(a[0]))));
        r.fn("round", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).setScale(0, RoundingMode.HALF_UP)));
        r.fn("round", NUMERIC, List.of(NUMERIC, INT4), (a, c) -> NumericValue.of(scaled(n(a[0]), l(a[1]), RoundingMode.HALF_UP)));
        r.fn("trunc", FLOAT8, List.of(FLOAT8), (a, c) -> d(f(a[0]) < 0 ? Math.ceil(f(a[0])) : Math.floor(f(a[0]))));
        r.fn("trunc", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).setScale(0, RoundingMode.DOWN)));
        r.fn("trunc", NUMERIC, List.of(NUMERIC, INT4), (a, c) -> NumericValue.of(scaled(n(a[0]), l(a[1]), RoundingMode.DOWN)));
        for (String name : List.of("ceil", "ceiling")) {
            r.fn(name, FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.ceil(f(a[0]))));
            r.fn(name, NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).setScale(0, RoundingMode.CEILING)));
        }
        r.fn("floor", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.floor(f(a[0]))));
        r.fn("floor", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).setScale(0, RoundingMode.FLOOR)));
        r.fn("sign", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.signum(f(a[0]))));
        r.fn("sign", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(n(a[0]).signum()));

        r.fn("sqrt", FLOAT8, List.of(FLOAT8), (a, c) -> {
            if (f(a[0]) < 0) {
                throw DatabaseException.error("2201F", "cannot take square root of a negative number");
            }
            return d(Math.sqrt(f(a[0])));
        });
        r.fn("sqrt", NUMERIC, List.of(NUMERIC), (a, c) -> NumericValue.of(sqrt(n(a[0]))));
        r.fn("cbrt", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.cbrt(f(a[0]))));
        for (String name : List.of("power", "pow")) {
            r.fn(name, FLOAT8, List.of(FLOAT8, FLOAT8), (a, c) -> d(ArithmeticOperators.power(f(a[0]), f(a[1]))));
            r.fn(name, NUMERIC, List.of(NUMERIC, NUMERIC), (a, c) -> NumericValue.of(NumericMath.power(n(a[0]), n(a[1]))));
        }
        r.fn("exp", FLOAT8, List.of(FLOAT8), (a, c) -> {
            double v = Math.exp(f(a[0]));
            if (Double.isInfinite(v) && !Double.isInfinite(f(a[0]))) {
                throw Errors.floatOverflow();
            }
            return d(v);
        });
        r.fn("ln", FLOAT8, List.of(FLOAT8), (a, c) -> d(log(f(a[0]), Math.log(f(a[0])))));
        r.fn("log", FLOAT8, List.of(FLOAT8), (a, c) -> d(log(f(a[0]), Math.log10(f(a[0])))));
        r.fn("log10", FLOAT8, List.of(FLOAT8), (a, c) -> d(log(f(a[0]), Math.log10(f(a[0])))));
        r.fn("pi", FLOAT8, List.of(), (a, c) -> d(Math.PI));
        r.fn("degrees", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.toDegrees(f(a[0]))));
        r.fn("radians", FLOAT8, List.of(FLOAT8), (a, c) -> d(Math.toRadians(f(a[0]))));
        // prefix operators that are spellings of functions
        for (PgType t : List.of(INT2, INT4, INT8, PgType.FLOAT4, FLOAT8, NUMERIC)) {
            for (FunctionDef abs : r.functions("abs")) {
                if (abs.argTypes().get(0) == t) {
                    r.prefix("@", t, t, abs.impl());
                }
            }
        }
        for (FunctionDef sqrt : r.functions("sqrt")) {
            if (sqrt.argTypes().get(0) == FLOAT8) { // PostgreSQL's |/ is float8 only: |/ 16.0 is 4, not 4.000...
                r.prefix("|/", FLOAT8, FLOAT8, sqrt.impl());
            }
        }
        r.addFunction(new FunctionDef("random", List.of(), FLOAT8, false, false, 'v',
            (a, c) -> d(ThreadLocalRandom.current().nextDouble())));
    }

    private static double log(double x, double result) {
        if (x == 0) {
            throw DatabaseException.error("2201E", "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw DatabaseException.error("2201E", "cannot take logarithm of a negative number");
        }
        return result;
    }

    /** round/trunc to a (possibly negative) number of decimal places; the result scale is max(places, 0). */
    private static BigDecimal scaled(BigDecimal v, long places, RoundingMode mode) {
        int p = (int) Math.max(-1000, Math.min(1000, places));
        BigDecimal r = v.setScale(p, mode);
        return p < 0 ? r.setScale(0) : r;
    }

    /** numeric_sqrt with its result scale: 16 significant digits at least. */
    private static BigDecimal sqrt(BigDecimal v) {
        if (v.signum() < 0) {
            throw DatabaseException.error("2201F", "cannot take square root of a negative number");
        }
        int weight = v.signum() == 0 ? 0 : Math.floorDiv(v.precision() - v.scale() - 1, 4);
        int rscale = 16 - (weight * 2 + 1);
        rscale = Math.min(Math.max(Math.max(rscale, v.scale()), 0), 1000);
        if (v.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = rscale + Math.max(1, (v.precision() - v.scale()) / 2 + 1) + 5;
        return v.sqrt(new MathContext(digits, RoundingMode.HALF_EVEN)).setScale(rscale, RoundingMode.HALF_UP);
    }
}
