package org.tuskdb.sql.internal.function;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * An aggregate (pg_aggregate): the argument types its inputs are coerced to, the result type,
 * and a factory of per-group accumulators. Resolution ({@link #resolve}) follows PostgreSQL's
 * catalog entries: count → bigint, sum(int2/int4) → bigint, sum(int8/numeric) → numeric,
 * avg(integers/numeric) → numeric, avg(float) → double precision, min/max of any ordered type.
 * Strict like PostgreSQL's: NULL inputs are skipped; an empty group gives NULL (count: 0).
 */
public final class AggregateFunction {
    /** The running state of one aggregate over one group. */
    public interface Accumulator {
        /** One input row's (coerced) argument values; NULLs reach only count(*) and non-strict aggregates. */
        void add(Value[] args);

        /** The same, for aggregates whose state depends on session settings (json_agg's TimeZone). */
        default void add(Value[] args, org.tuskdb.sql.internal.expr.EvalContext ctx) {
            add(args);
        }

        Value result();
    }

    private final String name;
    private final List<PgType> argTypes;
    private final PgType resultType;
    private final Supplier<Accumulator> factory;

    private AggregateFunction(String name, List<PgType> argTypes, PgType resultType, Supplier<Accumulator> factory) {
        this.name = name;
        this.argTypes = argTypes;
        this.resultType = resultType;
        this.factory = factory;
    }

    /** An aggregate of another catalog file of this package (StatisticalAggregates). */
    static AggregateFunction of(String name, List<PgType> argTypes, PgType resultType, Supplier<Accumulator> factory) {
        return new AggregateFunction(name, argTypes, resultType, factory);
    }

    public String name() { return name; }
    public List<PgType> argTypes() { return argTypes; }
    public PgType resultType() { return resultType; }
    public Accumulator newAccumulator() { return factory.get(); }

    /** True for count(*), which counts rows rather than non-NULL values. */
    public boolean countsRows() {
        return argTypes.isEmpty();
    }

    /**
     * PostgreSQL's strict transition function: NULL inputs are skipped. array_agg is not strict
     * (its arrays keep the NULLs).
     */
    public boolean strict() {
        return !name.equals("array_agg") && !name.equals("json_agg") && !name.equals("jsonb_agg")
            && !name.equals("json_object_agg") && !name.equals("jsonb_object_agg");
    }

    /** percentile_cont, percentile_disc, mode: called only WITHIN GROUP (ORDER BY ...). */
    public static boolean isOrderedSetName(String name) {
        return StatisticalAggregates.ORDERED_SET.contains(name);
    }

    public static boolean isAggregateName(String name) {
        return switch (name) {
            case "count", "sum", "avg", "min", "max", "string_agg", "bool_and", "bool_or", "every", "array_agg",
                 "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg" -> true;
            default -> StatisticalAggregates.handles(name);
        };
    }

    /**
     * The aggregate for name over arguments of these types, or null when none matches (the caller
     * reports 42883). For min/max the caller has checked the type is ordered.
     */
    public static AggregateFunction resolve(String name, List<PgType> args, boolean star, FunctionRegistry registry) {
        if (star) {
            return name.equals("count") ? new AggregateFunction("count", List.of(), PgType.INT8, CountRows::new) : null;
        }
        if (StatisticalAggregates.handles(name)) {
            return StatisticalAggregates.resolve(name, args);
        }
        if (name.equals("string_agg")) {
            if (args.size() != 2 || !textual(args.get(0)) || !textual(args.get(1))) {
                return null;
            }
            return new AggregateFunction(name, List.of(PgType.TEXT, PgType.TEXT), PgType.TEXT, StringAgg::new);
        }
        if (name.equals("json_object_agg") || name.equals("jsonb_object_agg")) {
            if (args.size() != 2) {
                return null;
            }
            boolean jsonb = name.equals("jsonb_object_agg");
            List<PgType> kv = new java.util.ArrayList<>(2);
            for (PgType a : args) {
                kv.add(a == PgType.UNKNOWN ? PgType.TEXT : a);
            }
            return new AggregateFunction(name, List.copyOf(kv), jsonb ? PgType.JSONB : PgType.JSON,
                () -> JsonFunctions.objectAggregator(jsonb));
        }
        if (args.size() != 1) {
            return null;
        }
        PgType t = args.get(0);
        switch (name) {
            case "count":
                return new AggregateFunction(name, List.of(t == PgType.UNKNOWN ? PgType.TEXT : t), PgType.INT8,
                    CountValues::new);
            case "sum":
                if (t == PgType.INT2 || t == PgType.INT4) {
                    // no per-row cast to int8: SumInt reads any integer width
                    return new AggregateFunction(name, List.of(t), PgType.INT8, SumInt::new);
                }
                if (t == PgType.INT8 || t == PgType.NUMERIC) {
                    return new AggregateFunction(name, List.of(PgType.NUMERIC), PgType.NUMERIC, SumNumeric::new);
                }
                if (t == PgType.FLOAT4 || t == PgType.FLOAT8) {
                    return new AggregateFunction(name, List.of(t), t, () -> new SumFloat(t));
                }
                FunctionDef plus = operator(registry, "+", t);
                return plus == null ? null : new AggregateFunction(name, List.of(t), t, () -> new SumGeneric(plus));
            case "avg":
                if (t == PgType.INT2 || t == PgType.INT4) {
                    // as PostgreSQL's int4_avg_accum: a bigint sum and count, no per-row numeric
                    return new AggregateFunction(name, List.of(t), PgType.NUMERIC, AvgInt::new);
                }
                if (t == PgType.INT8 || t == PgType.NUMERIC) {
                    return new AggregateFunction(name, List.of(PgType.NUMERIC), PgType.NUMERIC, AvgNumeric::new);
                }
                if (t == PgType.FLOAT4 || t == PgType.FLOAT8) {
                    return new AggregateFunction(name, List.of(PgType.FLOAT8), PgType.FLOAT8, AvgFloat::new);
                }
                return null;
            case "min", "max":
                if (t.isPseudo() && t != PgType.UNKNOWN) {
                    return null;
                }
                PgType r = t == PgType.UNKNOWN ? PgType.TEXT : t;
                boolean max = name.equals("max");
                return new AggregateFunction(name, List.of(r), r, () -> new MinMax(max));
            case "array_agg":
                PgType arr = t == PgType.UNKNOWN ? PgType.TEXT_ARRAY : PgType.arrayOf(t);
                if (arr == null || t.isArray()) {
                    return null; // arrays of arrays need multidimensional arrays
                }
                return new AggregateFunction(name, List.of(arr.elementType()), arr, () -> new ArrayAgg(arr));
            case "json_agg", "jsonb_agg":
                boolean jsonb = name.equals("jsonb_agg");
                return new AggregateFunction(name, List.of(t == PgType.UNKNOWN ? PgType.TEXT : t),
                    jsonb ? PgType.JSONB : PgType.JSON, () -> JsonFunctions.aggregator(jsonb));
            case "bool_and", "every", "bool_or":
                if (t != PgType.BOOL && t != PgType.UNKNOWN) {
                    return null;
                }
                boolean and = !name.equals("bool_or");
                return new AggregateFunction(name, List.of(PgType.BOOL), PgType.BOOL, () -> new BoolAgg(and));
            default:
                return null;
        }
    }

    private static boolean textual(PgType t) {
        return t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.BPCHAR || t == PgType.NAME || t == PgType.UNKNOWN;
    }

    private static FunctionDef operator(FunctionRegistry registry, String op, PgType t) {
        for (FunctionDef f : registry.operators(op, 2)) {
            if (f.argType(0) == t && f.argType(1) == t && f.returnType() == t) {
                return f;
            }
        }
        return null;
    }

    /** array_agg: the inputs in order, NULLs included; an empty group gives NULL. */
    private static final class ArrayAgg implements Accumulator {
        private final PgType type;
        private final java.util.ArrayList<Value> elements = new java.util.ArrayList<>();

        ArrayAgg(PgType type) {
            this.type = type;
        }

        @Override public void add(Value[] args) { elements.add(args[0]); }

        @Override
        public Value result() {
            return elements.isEmpty() ? null
                : new org.tuskdb.sql.internal.value.ArrayValue(type, elements.toArray(new Value[0]));
        }
    }

    private static final class CountRows implements Accumulator {
        private long n;
        @Override public void add(Value[] args) { n++; }
        @Override public Value result() { return IntegerValue.int8(n); }
    }

    private static final class CountValues implements Accumulator {
        private long n;
        @Override public void add(Value[] args) { n++; }
        @Override public Value result() { return IntegerValue.int8(n); }
    }

    private static final class SumInt implements Accumulator {
        private long sum;
        private boolean any;

        @Override
        public void add(Value[] args) {
            long v = ((IntegerValue) args[0]).value();
            long r = sum + v;
            if (((sum ^ r) & (v ^ r)) < 0) {
                throw DatabaseException.error("22003", "bigint out of range");
            }
            sum = r;
            any = true;
        }

        @Override public Value result() { return any ? IntegerValue.int8(sum) : null; }
    }

    private static final class SumNumeric implements Accumulator {
        private BigDecimal sum;

        @Override
        public void add(Value[] args) {
            BigDecimal v = ((NumericValue) args[0]).value();
            sum = sum == null ? v : sum.add(v);
        }

        @Override public Value result() { return sum == null ? null : NumericValue.of(sum); }
    }

    private static final class SumFloat implements Accumulator {
        private final PgType type;
        private double sum;
        private boolean any;

        SumFloat(PgType type) {
            this.type = type;
        }

        @Override
        public void add(Value[] args) {
            double v = ((FloatValue) args[0]).value();
            sum = type == PgType.FLOAT4 ? (float) (sum + v) : sum + v;
            any = true;
        }

        @Override public Value result() { return any ? FloatValue.of(type, sum) : null; }
    }

    /** sum over a type's own + operator (interval, money, ...). */
    private static final class SumGeneric implements Accumulator {
        private final FunctionDef plus;
        private Value sum;

        SumGeneric(FunctionDef plus) {
            this.plus = plus;
        }

        @Override
        public void add(Value[] args) {
            sum = sum == null ? args[0] : plus.impl().call(new Value[] {sum, args[0]}, null);
        }

        @Override public Value result() { return sum; }
    }

    /** avg(int2 / int4): the sum in a long (2^32 rows of int4 cannot overflow it), divided as numeric. */
    private static final class AvgInt implements Accumulator {
        private long sum;
        private long n;

        @Override
        public void add(Value[] args) {
            sum += ((IntegerValue) args[0]).value();
            n++;
        }

        @Override
        public Value result() {
            return n == 0 ? null : NumericValue.of(NumericMath.divide(BigDecimal.valueOf(sum), BigDecimal.valueOf(n)));
        }
    }

    private static final class AvgNumeric implements Accumulator {
        private BigDecimal sum;
        private long n;

        @Override
        public void add(Value[] args) {
            BigDecimal v = ((NumericValue) args[0]).value();
            sum = sum == null ? v : sum.add(v);
            n++;
        }

        @Override
        public Value result() {
            return n == 0 ? null : NumericValue.of(NumericMath.divide(sum, BigDecimal.valueOf(n)));
        }
    }

    private static final class AvgFloat implements Accumulator {
        private double sum;
        private long n;

        @Override
        public void add(Value[] args) {
            sum += ((FloatValue) args[0]).value();
            n++;
        }

        @Override public Value result() { return n == 0 ? null : FloatValue.float8(sum / n); }
    }

    private static final class MinMax implements Accumulator {
        private final boolean max;
        private Value best;

        MinMax(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Value[] args) {
            Value v = args[0];
            if (best == null || (max ? v.compareTo(best) > 0 : v.compareTo(best) < 0)) {
                best = v;
            }
        }

        @Override public Value result() { return best; }
    }

    private static final class BoolAgg implements Accumulator {
        private final boolean and;
        private Boolean state;

        BoolAgg(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Value[] args) {
            boolean v = ((BoolValue) args[0]).value();
            state = state == null ? v : and ? state && v : state || v;
        }

        @Override public Value result() { return state == null ? null : BoolValue.of(state); }
    }

    /** string_agg(value, delimiter): the delimiter of each value but the first goes before it. */
    private static final class StringAgg implements Accumulator {
        private StringBuilder sb;

        @Override
        public void add(Value[] args) {
            if (args[0] == null) {
                return;
            }
            if (sb == null) {
                sb = new StringBuilder();
            } else if (args[1] != null) {
                sb.append(((TextValue) args[1]).value());
            }
            sb.append(((TextValue) args[0]).value());
        }

        @Override public Value result() { return sb == null ? null : TextValue.text(sb.toString()); }
    }
}
