package org.tuskdb.sql.internal.function;

import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.EnumLabel;
import org.tuskdb.sql.internal.value.EnumValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The functions and operators PostgreSQL declares over anyenum (enum_eq ... enum_ge, enum_first,
 * enum_last, enum_range), made for the one enum type of a call: the registry holds no
 * polymorphic signatures, and enum types come and go with the catalog, so the analyzer asks here
 * before it resolves a name against the registry. An unknown operand of a comparison takes the
 * enum's type, as PostgreSQL's polymorphic resolution does.
 */
public final class EnumFunctions {
    private EnumFunctions() {}

    private static final Map<String, FunctionImpl> COMPARISONS = Map.of(
        "=", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) == 0),
        "<>", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) != 0),
        "<", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) < 0),
        "<=", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) <= 0),
        ">", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) > 0),
        ">=", (a, c) -> BoolValue.of(a[0].compareTo(a[1]) >= 0));

    /**
     * The comparison {@code left op right} when one side is an enum and the other the same enum
     * or unknown; null otherwise (the registry's rules then apply, so {@code mood = text} stays
     * 42883 as in PostgreSQL).
     */
    public static FunctionDef operator(String op, PgType left, PgType right) {
        FunctionImpl impl = COMPARISONS.get(op);
        if (impl == null || left == null) {
            return null;
        }
        PgType t = left.isEnum() ? left : right.isEnum() ? right : null;
        if (t == null || !(PgType.same(left, t) || left == PgType.UNKNOWN)
            || !(PgType.same(right, t) || right == PgType.UNKNOWN)) {
            return null;
        }
        return new FunctionDef(op, List.of(t, t), PgType.BOOL, false, true, 'i', impl);
    }

    /** Whether {@code name} is one of the anyenum functions here. */
    public static boolean handles(String name) {
        return name.equals("enum_first") || name.equals("enum_last") || name.equals("enum_range");
    }

    /**
     * enum_first / enum_last (anyenum) → anyenum and enum_range (anyenum [, anyenum]) → anyarray for
     * arguments of one enum type (their values only bound the range: the type is the input), or
     * null when the arguments are not of one enum type.
     */
    public static FunctionDef function(String name, List<PgType> args) {
        if (args.isEmpty() || args.size() > (name.equals("enum_range") ? 2 : 1)) {
            return null;
        }
        PgType t = args.get(0).isEnum() || args.size() == 1 ? args.get(0) : args.get(1);
        if (!t.isEnum()) {
            return null;
        }
        for (PgType a : args) {
            if (!PgType.same(a, t) && a != PgType.UNKNOWN) {
                return null;
            }
        }
        List<EnumLabel> labels = t.enumLabels();
        return switch (name) {
            case "enum_first" -> new FunctionDef(name, List.of(t), t, false, false, 's', (a, c) -> {
                checkNotEmpty(t, labels);
                return t.enumValue(labels.get(0).label());
            });
            case "enum_last" -> new FunctionDef(name, List.of(t), t, false, false, 's', (a, c) -> {
                checkNotEmpty(t, labels);
                return t.enumValue(labels.get(labels.size() - 1).label());
            });
            default -> new FunctionDef(name, args.size() == 1 ? List.of(t) : List.of(t, t), PgType.arrayOf(t), false,
                false, 's', (a, c) -> range(t, labels, a.length == 1 ? null : (EnumValue) a[0],
                    a.length == 1 ? null : (EnumValue) a[1]));
        };
    }

    private static void checkNotEmpty(PgType t, List<EnumLabel> labels) {
        if (labels.isEmpty()) {
            throw DatabaseException.error("55000", "enum " + t.displayName() + " contains no values");
        }
    }

    /** enum_range_bounds: the labels from lower to upper (NULL: open), in sort order. */
    private static Value range(PgType t, List<EnumLabel> labels, EnumValue lower, EnumValue upper) {
        List<Value> out = new java.util.ArrayList<>();
        for (EnumLabel l : labels) {
            if ((lower == null || l.sortOrder() >= lower.sortOrder()) && (upper == null || l.sortOrder() <= upper.sortOrder())) {
                out.add(t.enumValue(l.label()));
            }
        }
        return new ArrayValue(PgType.arrayOf(t), out.toArray(Value[]::new));
    }
}
