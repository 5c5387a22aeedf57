package org.tuskdb.sql.internal.function;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RangeValue;
import org.tuskdb.sql.internal.value.RangeValue.Bound;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The operators and functions PostgreSQL declares over anyrange (rangetypes.c), made per range
 * type because the registry holds no polymorphic signatures: for the built-in range types in this
 * family, for a user-defined one per call ({@link FunctionRegistry#ofRangeType}). Each signature
 * pairs the range type with its own subtype only, as anyrange / anyelement resolution does.
 * The constructors (int4range(a, b [, flags])) are ordinary functions named as their type.
 */
public final class RangeFunctions {
    private RangeFunctions() {}

    static void register(FunctionRegistry r) {
        for (PgType t : PgType.BUILTIN_RANGES) {
            registerFor(r, t);
        }
        for (PgType t : PgType.BUILTIN_RANGES) {
            for (FunctionDef f : constructors(t)) {
                r.addFunction(f);
            }
        }
    }

    /** The operators and functions of one range type. */
    static void registerFor(FunctionRegistry r, PgType t) {
        PgType e = t.rangeSubtype();
        PgType bool = PgType.BOOL;
        r.comparisons(t); // range_cmp's order: RangeValue.compareTo
        r.op("@>", t, t, bool, (x, y) -> BoolValue.of(contains(rng(x), rng(y))));
        r.op("@>", t, e, bool, (x, y) -> BoolValue.of(containsElement(rng(x), y)));
        r.op("<@", t, t, bool, (x, y) -> BoolValue.of(contains(rng(y), rng(x))));
        r.op("<@", e, t, bool, (x, y) -> BoolValue.of(containsElement(rng(y), x)));
        r.op("&&", t, t, bool, (x, y) -> BoolValue.of(overlaps(rng(x), rng(y))));
        r.op("<<", t, t, bool, (x, y) -> BoolValue.of(before(rng(x), rng(y))));
        r.op(">>", t, t, bool, (x, y) -> BoolValue.of(before(rng(y), rng(x))));
        r.op("&<", t, t, bool, (x, y) -> BoolValue.of(overLeft(rng(x), rng(y))));
        r.op("&>", t, t, bool, (x, y) -> BoolValue.of(overRight(rng(x), rng(y))));
        r.op("-|-", t, t, bool, (x, y) -> BoolValue.of(adjacent(rng(x), rng(y))));
        r.op("+", t, t, t, (x, y) -> union(rng(x), rng(y), true));
        r.op("*", t, t, t, (x, y) -> intersection(rng(x), rng(y)));
        r.op("-", t, t, t, (x, y) -> difference(rng(x), rng(y)));
        r.fn("lower", e, List.of(t), (a, c) -> rng(a[0]).lower());
        r.fn("upper", e, List.of(t), (a, c) -> rng(a[0]).upper());
        r.fn("isempty", bool, List.of(t), (a, c) -> BoolValue.of(rng(a[0]).isEmpty()));
        r.fn("lower_inc", bool, List.of(t), (a, c) -> BoolValue.of(rng(a[0]).lowerInc()));
        r.fn("upper_inc", bool, List.of(t), (a, c) -> BoolValue.of(rng(a[0]).upperInc()));
        r.fn("lower_inf", bool, List.of(t), (a, c) -> BoolValue.of(rng(a[0]).lowerInf()));
        r.fn("upper_inf", bool, List.of(t), (a, c) -> BoolValue.of(rng(a[0]).upperInf()));
        r.fn("range_merge", t, List.of(t, t), (a, c) -> union(rng(a[0]), rng(a[1]), false));
    }

    /**
     * range_constructor2 / range_constructor3: {@code name(lower, upper)} is '[)', the third
     * argument one of '[]', '[)', '(]', '()'. Not strict: a NULL bound is infinite, a NULL flags
     * argument is 22004.
     */
    public static List<FunctionDef> constructors(PgType t) {
        PgType e = t.rangeSubtype();
        String name = t.name();
        return List.of(
            new FunctionDef(name, List.of(e, e), t, false, false, 'i',
                (a, c) -> RangeValue.of(t, a[0], a[0] != null, a[1], false)),
            new FunctionDef(name, List.of(e, e, PgType.TEXT), t, false, false, 'i', (a, c) -> {
                if (a[2] == null) {
                    throw DatabaseException.error("22000",
                        "range constructor flags argument must not be null");
                }
                String flags = ((TextValue) a[2]).value();
                if (flags.length() != 2 || "[(".indexOf(flags.charAt(0)) < 0 || "])".indexOf(flags.charAt(1)) < 0) {
                    throw DatabaseException.error(SqlState.SYNTAX_ERROR, "invalid range bound flags")
                        .withHint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".");
                }
                return RangeValue.of(t, a[0], flags.charAt(0) == '[', a[1], flags.charAt(1) == ']');
            }));
    }

    private static RangeValue rng(Value v) {
        return (RangeValue) v;
    }

    // ---- the operations (range_contains_internal, range_overlaps_internal, ...) -------------

    /** r1 @> r2: every point of r2 is in r1 (the empty range is in every range). */
    public static boolean contains(RangeValue r1, RangeValue r2) {
        if (r2.isEmpty()) {
            return true;
        }
        if (r1.isEmpty()) {
            return false;
        }
        return RangeValue.compareBounds(r1.lowerBound(), r2.lowerBound()) <= 0
            && RangeValue.compareBounds(r1.upperBound(), r2.upperBound()) >= 0;
    }

    /** r @> element. */
    public static boolean containsElement(RangeValue r, Value v) {
        if (r.isEmpty()) {
            return false;
        }
        if (r.lower() != null) {
            int c = r.lower().compareTo(v);
            if (c > 0 || c == 0 && !r.lowerInc()) {
                return false;
            }
        }
        if (r.upper() != null) {
            int c = r.upper().compareTo(v);
            if (c < 0 || c == 0 && !r.upperInc()) {
                return false;
            }
        }
        return true;
    }

    public static boolean overlaps(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty()) {
            return false;
        }
        Bound l1 = r1.lowerBound();
        Bound l2 = r2.lowerBound();
        return RangeValue.compareBounds(l1, l2) >= 0 && RangeValue.compareBounds(l1, r2.upperBound()) <= 0
            || RangeValue.compareBounds(l2, l1) >= 0 && RangeValue.compareBounds(l2, r1.upperBound()) <= 0;
    }

    /** r1 << r2: r1 ends before r2 starts. */
    static boolean before(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && RangeValue.compareBounds(r1.upperBound(), r2.lowerBound()) < 0;
    }

    /** r1 &< r2: r1 does not extend to the right of r2. */
    static boolean overLeft(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && RangeValue.compareBounds(r1.upperBound(), r2.upperBound()) <= 0;
    }

    /** r1 &> r2: r1 does not extend to the left of r2. */
    static boolean overRight(RangeValue r1, RangeValue r2) {
        return !r1.isEmpty() && !r2.isEmpty() && RangeValue.compareBounds(r1.lowerBound(), r2.lowerBound()) >= 0;
    }

    static boolean adjacent(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty()) {
            return false;
        }
        return boundsAdjacent(r1.type(), r1.upperBound(), r2.lowerBound())
            || boundsAdjacent(r1.type(), r2.upperBound(), r1.lowerBound());
    }

    /**
     * bounds_adjacent: an upper bound meets a lower bound when their values are equal and exactly
     * one is inclusive; for a discrete type also when no value lies between them (the range
     * between them, inclusiveness flipped, is empty).
     */
    private static boolean boundsAdjacent(PgType type, Bound upper, Bound lower) {
        int c = RangeValue.compareBoundValues(upper, lower);
        if (c < 0) {
            if (!RangeValue.isDiscrete(type)) {
                return false;
            }
            return RangeValue.of(type, upper.value(), !upper.inclusive(), lower.value(), !lower.inclusive()).isEmpty();
        }
        return c == 0 && upper.inclusive() != lower.inclusive();
    }

    /** range_union_internal: strict (the + operator) refuses ranges with a gap between them, range_merge does not. */
    static RangeValue union(RangeValue r1, RangeValue r2, boolean strict) {
        if (r1.isEmpty()) {
            return r2;
        }
        if (r2.isEmpty()) {
            return r1;
        }
        if (strict && !overlaps(r1, r2) && !adjacent(r1, r2)) {
            throw DatabaseException.error("22000", "result of range union would not be contiguous");
        }
        Bound lower = RangeValue.compareBounds(r1.lowerBound(), r2.lowerBound()) < 0 ? r1.lowerBound() : r2.lowerBound();
        Bound upper = RangeValue.compareBounds(r1.upperBound(), r2.upperBound()) > 0 ? r1.upperBound() : r2.upperBound();
        return RangeValue.of(r1.type(), lower, upper);
    }

    static RangeValue intersection(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty() || !overlaps(r1, r2)) {
            return RangeValue.empty(r1.type());
        }
        Bound lower = RangeValue.compareBounds(r1.lowerBound(), r2.lowerBound()) >= 0 ? r1.lowerBound() : r2.lowerBound();
        Bound upper = RangeValue.compareBounds(r1.upperBound(), r2.upperBound()) <= 0 ? r1.upperBound() : r2.upperBound();
        return RangeValue.of(r1.type(), lower, upper);
    }

    /** range_minus_internal: 22000 when r2 lies strictly inside r1 (two pieces). */
    static RangeValue difference(RangeValue r1, RangeValue r2) {
        if (r1.isEmpty() || r2.isEmpty()) {
            return r1;
        }
        Bound l1 = r1.lowerBound();
        Bound u1 = r1.upperBound();
        Bound l2 = r2.lowerBound();
        Bound u2 = r2.upperBound();
        int l1l2 = RangeValue.compareBounds(l1, l2);
        int l1u2 = RangeValue.compareBounds(l1, u2);
        int u1l2 = RangeValue.compareBounds(u1, l2);
        int u1u2 = RangeValue.compareBounds(u1, u2);
        if (l1l2 < 0 && u1u2 > 0) {
            throw DatabaseException.error("22000", "result of range difference would not be contiguous");
        }
        if (l1u2 > 0 || u1l2 < 0) {
            return r1;
        }
        if (l1l2 >= 0 && u1u2 <= 0) {
            return RangeValue.empty(r1.type());
        }
        if (l1l2 <= 0 && u1l2 >= 0 && u1u2 <= 0) {
            return RangeValue.of(r1.type(), l1.value(), l1.inclusive(), l2.value(), !l2.inclusive());
        }
        return RangeValue.of(r1.type(), u2.value(), !u2.inclusive(), u1.value(), u1.inclusive());
    }
}
