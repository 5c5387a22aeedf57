package org.tuskdb.sql.internal.function;

import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The comparison operators PostgreSQL declares over record (record_eq ... record_ge, rowtypes.c),
 * made for the record types of a call: a row type or an anonymous record on both sides (two row
 * constructors never get here: they compare field by field, see analyze/RowExpressions). As
 * record_cmp: fields left to right by their types' ordering, two NULL fields equal and a NULL
 * field after any value (so {@code ROW(1,NULL)::t = ROW(1,NULL)::t} is true, unlike the row
 * constructors' comparison), the first unequal field decides; a different field count or a
 * field pair of different types is 42804 when the values meet (record_cmp checks at run time).
 */
public final class RecordFunctions {
    private RecordFunctions() {}

    private static final Map<String, IntPredicate> COMPARISONS = Map.of(
        "=", c -> c == 0, "<>", c -> c != 0, "<", c -> c < 0, "<=", c -> c <= 0, ">", c -> c > 0, ">=", c -> c >= 0);

    /** {@code left op right} when both sides are records; null otherwise (the registry's rules apply). */
    public static FunctionDef operator(String op, PgType left, PgType right) {
        IntPredicate test = COMPARISONS.get(op);
        if (test == null || left == null || !left.isRecord() || !right.isRecord()) {
            return null;
        }
        return new FunctionDef(op, List.of(left, right), PgType.BOOL, false, true, 'i',
            (a, c) -> BoolValue.of(test.test(compare((RecordValue) a[0], (RecordValue) a[1]))));
    }

    /** record_cmp with its checks. */
    public static int compare(RecordValue a, RecordValue b) {
        int n = Math.min(a.fieldCount(), b.fieldCount());
        for (int i = 0; i < n; i++) {
            PgType ta = fieldType(a, i);
            PgType tb = fieldType(b, i);
            if (ta != null && tb != null && !PgType.same(ta.baseType(), tb.baseType())) {
                throw DatabaseException.error("42804", "cannot compare dissimilar column types " + ta.displayName()
                    + " and " + tb.displayName() + " at record column " + (i + 1));
            }
            Value x = a.field(i);
            Value y = b.field(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        if (a.fieldCount() != b.fieldCount()) {
            throw DatabaseException.error("42804", "cannot compare record types with different numbers of columns");
        }
        return 0;
    }

    /** A field's declared type (a row type's attribute, an anonymous record's field), else its value's. */
    private static PgType fieldType(RecordValue r, int i) {
        if (i < r.type().fieldCount()) {
            return r.type().fieldType(i);
        }
        return r.field(i) == null ? null : r.field(i).type();
    }
}
