package org.tuskdb.sql.internal.function;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The statistical and bitwise aggregates and the ordered-set aggregates of PostgreSQL's
 * catalog, with its transition and final functions' arithmetic:
 * <ul>
 * <li>stddev / stddev_samp / stddev_pop / variance / var_samp / var_pop: numeric for integer and
 * numeric input (exact sums, the quotient at select_div_scale, the square root rounded to that
 * scale: numeric_stddev_internal), double precision for real and double input (the
 * Youngs–Cramer update of float8_accum);</li>
 * <li>corr, covar_pop, covar_samp and the regr_* family over (Y, X) double precision pairs
 * (float8_regr_accum); a pair with a NULL is skipped;</li>
 * <li>bit_and / bit_or / bit_xor of smallint, integer, bigint;</li>
 * <li>percentile_cont(fraction) / percentile_disc(fraction) / mode() WITHIN GROUP (ORDER BY x):
 * the analyzer passes the sort value first and the direct argument after it, and the Agg feeds
 * the rows in the WITHIN GROUP order (as for aggregates with ORDER BY).</li>
 * </ul>
 */
final class StatisticalAggregates {
    private StatisticalAggregates() {}

    private static final Set<String> VARIANCE = Set.of("stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
        "var_pop");
    private static final Set<String> REGRESSION = Set.of("corr", "covar_pop", "covar_samp", "regr_count", "regr_sxx",
        "regr_syy", "regr_sxy", "regr_avgx", "regr_avgy", "regr_slope", "regr_intercept", "regr_r2");
    private static final Set<String> BITWISE = Set.of("bit_and", "bit_or", "bit_xor");
    static final Set<String> ORDERED_SET = Set.of("percentile_cont", "percentile_disc", "mode");

    static boolean handles(String name) {
        return VARIANCE.contains(name) || REGRESSION.contains(name) || BITWISE.contains(name)
            || ORDERED_SET.contains(name);
    }

    /** For an ordered-set aggregate: the sort value's type first, then the direct arguments'. */
    static AggregateFunction resolve(String name, List<PgType> args) {
        if (ORDERED_SET.contains(name)) {
            return orderedSet(name, args);
        }
        if (REGRESSION.contains(name)) {
            if (args.size() != 2 || !floatable(args.get(0)) || !floatable(args.get(1))) {
                return null;
            }
            PgType result = name.equals("regr_count") ? PgType.INT8 : PgType.FLOAT8;
            return AggregateFunction.of(name, List.of(PgType.FLOAT8, PgType.FLOAT8), result, () -> new Regression(name));
        }
        if (args.size() != 1) {
            return null;
        }
        PgType t = args.get(0);
        if (BITWISE.contains(name)) {
            if (t == PgType.UNKNOWN) {
                t = PgType.INT4;
            }
            if (t != PgType.INT2 && t != PgType.INT4 && t != PgType.INT8) {
                return null;
            }
            PgType type = t;
            return AggregateFunction.of(name, List.of(type), type, () -> new Bitwise(name, type));
        }
        boolean sample = !name.endsWith("_pop");
        boolean sqrt = name.startsWith("stddev");
        if (t == PgType.FLOAT4 || t == PgType.FLOAT8 || t == PgType.UNKNOWN) {
            return AggregateFunction.of(name, List.of(PgType.FLOAT8), PgType.FLOAT8, () -> new FloatVariance(sample, sqrt));
        }
        if (t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8 || t == PgType.NUMERIC) {
            return AggregateFunction.of(name, List.of(PgType.NUMERIC), PgType.NUMERIC,
                () -> new NumericVariance(sample, sqrt));
        }
        return null;
    }

    private static boolean floatable(PgType t) {
        return t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8 || t == PgType.NUMERIC || t == PgType.FLOAT4
            || t == PgType.FLOAT8 || t == PgType.UNKNOWN;
    }

    private static AggregateFunction orderedSet(String name, List<PgType> args) {
        if (args.isEmpty()) {
            return null;
        }
        PgType sort = args.get(0) == PgType.UNKNOWN ? PgType.TEXT : args.get(0);
        switch (name) {
            case "mode":
                return args.size() != 1 || sort.isPseudo() ? null
                    : AggregateFunction.of(name, List.of(sort), sort, Mode::new);
            case "percentile_disc":
                return args.size() != 2 || sort.isPseudo() || !floatable(args.get(1)) ? null
                    : AggregateFunction.of(name, List.of(sort, PgType.FLOAT8), sort, PercentileDisc::new);
            default: // percentile_cont
                if (args.size() != 2 || !floatable(args.get(1))) {
                    return null;
                }
                if (sort == PgType.INTERVAL) {
                    return AggregateFunction.of(name, List.of(PgType.INTERVAL, PgType.FLOAT8), PgType.INTERVAL,
                        () -> new PercentileCont(true));
                }
                return floatable(sort) ? AggregateFunction.of(name, List.of(PgType.FLOAT8, PgType.FLOAT8), PgType.FLOAT8,
                    () -> new PercentileCont(false)) : null;
        }
    }

    /** What a variance aggregate's final function needs to know: sample or population, and whether stddev. */
    private abstract static class Variance implements AggregateFunction.Accumulator {
        final boolean sample;
        final boolean sqrt;

        Variance(boolean sample, boolean sqrt) {
            this.sample = sample;
            this.sqrt = sqrt;
        }
    }

    /** float8_accum's Youngs–Cramer update and float8_var_* / float8_stddev_* finals. */
    private static final class FloatVariance extends Variance {
        private double n;
        private double sx;
        private double sxx;

        FloatVariance(boolean sample, boolean sqrt) {
            super(sample, sqrt);
        }

        @Override
        public void add(Value[] args) {
            double v = ((FloatValue) args[0]).value();
            n += 1.0;
            sx += v;
            if (n > 1.0) {
                double tmp = v * n - sx;
                sxx += tmp * tmp / (n * (n - 1.0));
            } else {
                sxx = v * 0.0; // NaN or infinity input poisons the sum of squares, as in PostgreSQL
            }
        }

        @Override
        public Value result() {
            if (n == 0.0 || sample && n == 1.0) {
                return null;
            }
            double var = sxx / (sample ? n - 1.0 : n);
            return FloatValue.float8(sqrt ? Math.sqrt(var) : var);
        }
    }

    /** numeric_accum's exact sums and numeric_stddev_internal's scales. */
    private static final class NumericVariance extends Variance {
        private long n;
        private BigDecimal sx = BigDecimal.ZERO;
        private BigDecimal sxx = BigDecimal.ZERO;
        private boolean nan;

        NumericVariance(boolean sample, boolean sqrt) {
            super(sample, sqrt);
        }

        @Override
        public void add(Value[] args) {
            NumericValue v = (NumericValue) args[0];
            n++;
            if (!v.isFinite()) {
                nan = true;
                return;
            }
            BigDecimal d = v.value();
            sx = sx.add(d);
            sxx = sxx.add(d.multiply(d));
        }

        @Override
        public Value result() {
            if (n == 0 || sample && n == 1) {
                return null;
            }
            if (nan) {
                return NumericValue.NaN;
            }
            BigDecimal count = BigDecimal.valueOf(n);
            BigDecimal numerator = count.multiply(sxx).subtract(sx.multiply(sx));
            if (numerator.signum() <= 0) {
                return NumericValue.of(BigDecimal.ZERO);
            }
            BigDecimal denominator = sample ? count.multiply(BigDecimal.valueOf(n - 1)) : count.multiply(count);
            int rscale = NumericMath.divideScale(numerator, denominator);
            BigDecimal var = numerator.divide(denominator, rscale, RoundingMode.HALF_UP);
            if (!sqrt) {
                return NumericValue.of(var);
            }
            BigDecimal root = var.sqrt(new MathContext(var.precision() + rscale + 10));
            return NumericValue.of(root.setScale(rscale, RoundingMode.HALF_UP));
        }
    }

    /** float8_regr_accum over (Y, X) and the finals of corr, covar_* and regr_*. */
    private static final class Regression implements AggregateFunction.Accumulator {
        private final String name;
        private double n;
        private double sx;
        private double sxx;
        private double sy;
        private double syy;
        private double sxy;

        Regression(String name) {
            this.name = name;
        }

        @Override
        public void add(Value[] args) {
            if (args[0] == null || args[1] == null) {
                return;
            }
            double y = ((FloatValue) args[0]).value();
            double x = ((FloatValue) args[1]).value();
            n += 1.0;
            sx += x;
            sy += y;
            if (n > 1.0) {
                double tx = x * n - sx;
                double ty = y * n - sy;
                double scale = 1.0 / (n * (n - 1.0));
                sxx += tx * tx * scale;
                syy += ty * ty * scale;
                sxy += tx * ty * scale;
            } else {
                sxx = x * 0.0;
                syy = y * 0.0;
                sxy = x * y * 0.0;
            }
        }

        @Override
        public Value result() {
            if (name.equals("regr_count")) {
                return IntegerValue.int8((long) n);
            }
            if (n < 1.0) {
                return null;
            }
            return switch (name) {
                case "regr_sxx" -> f(sxx);
                case "regr_syy" -> f(syy);
                case "regr_sxy" -> f(sxy);
                case "regr_avgx" -> f(sx / n);
                case "regr_avgy" -> f(sy / n);
                case "covar_pop" -> f(sxy / n);
                case "covar_samp" -> n < 2.0 ? null : f(sxy / (n - 1.0));
                case "corr" -> sxx == 0 || syy == 0 ? null : f(sxy / Math.sqrt(sxx * syy));
                case "regr_r2" -> sxx == 0 ? null : syy == 0 ? f(1.0) : f(sxy * sxy / (sxx * syy));
                case "regr_slope" -> sxx == 0 ? null : f(sxy / sxx);
                default -> sxx == 0 ? null : f((sy - sx * sxy / sxx) / n); // regr_intercept
            };
        }

        private static Value f(double v) {
            return FloatValue.float8(v);
        }
    }

    private static final class Bitwise implements AggregateFunction.Accumulator {
        private final char op;
        private final PgType type;
        private long state;
        private boolean any;

        Bitwise(String name, PgType type) {
            this.op = name.charAt(4); // bit_[a]nd, bit_[o]r, bit_[x]or
            this.type = type;
        }

        @Override
        public void add(Value[] args) {
            long v = ((IntegerValue) args[0]).value();
            if (!any) {
                state = v;
                any = true;
                return;
            }
            state = switch (op) {
                case 'a' -> state & v;
                case 'o' -> state | v;
                default -> state ^ v;
            };
        }

        @Override
        public Value result() {
            return any ? IntegerValue.of(type, state) : null;
        }
    }

    /** The sorted non-NULL sort values and the direct argument (the same in every row). */
    private abstract static class OrderedSet implements AggregateFunction.Accumulator {
        final List<Value> values = new ArrayList<>();
        Value fraction;

        @Override
        public void add(Value[] args) {
            values.add(args[0]);
            if (args.length > 1) {
                fraction = args[1];
            }
        }

        /** The fraction, checked as percentile_*_final does; NaN when it is NULL. */
        double fraction() {
            if (fraction == null) {
                return Double.NaN;
            }
            double p = ((FloatValue) fraction).value();
            if (p < 0 || p > 1 || Double.isNaN(p)) {
                throw new DatabaseException("22003", "percentile value " + shortest(p) + " is not between 0 and 1");
            }
            return p;
        }

        /** printf's %g, as PostgreSQL's message has it. */
        private static String shortest(double p) {
            return new BigDecimal(p).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
    }

    private static final class PercentileCont extends OrderedSet {
        private final boolean interval;

        PercentileCont(boolean interval) {
            this.interval = interval;
        }

        @Override
        public Value result() {
            if (values.isEmpty()) {
                return null;
            }
            double p = fraction();
            if (Double.isNaN(p)) {
                return null;
            }
            double position = p * (values.size() - 1);
            int first = (int) Math.floor(position);
            int second = (int) Math.ceil(position);
            Value lo = values.get(first);
            if (first == second) {
                return lo;
            }
            Value hi = values.get(second);
            double frac = position - first;
            if (interval) {
                IntervalValue a = (IntervalValue) lo;
                IntervalValue b = (IntervalValue) hi;
                return DateTimes.add(a, DateTimes.multiply(DateTimes.add(b, DateTimes.negate(a)), frac));
            }
            double a = ((FloatValue) lo).value();
            double b = ((FloatValue) hi).value();
            return FloatValue.float8(a + (b - a) * frac);
        }
    }

    private static final class PercentileDisc extends OrderedSet {
        @Override
        public Value result() {
            if (values.isEmpty()) {
                return null;
            }
            double p = fraction();
            if (Double.isNaN(p)) {
                return null;
            }
            long row = (long) Math.ceil(p * values.size());
            return values.get((int) Math.max(0, row - 1));
        }
    }

    /** The most frequent value; of equally frequent ones the first in the sort order. */
    private static final class Mode extends OrderedSet {
        @Override
        public Value result() {
            Value best = null;
            int bestCount = 0;
            int i = 0;
            while (i < values.size()) {
                Value v = values.get(i);
                int j = i + 1;
                while (j < values.size() && values.get(j).compareTo(v) == 0) {
                    j++;
                }
                if (j - i > bestCount) {
                    best = v;
                    bestCount = j - i;
                }
                i = j;
            }
            return best;
        }
    }
}
