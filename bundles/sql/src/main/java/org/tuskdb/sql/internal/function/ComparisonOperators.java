package org.tuskdb.sql.internal.function;

import java.util.List;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * = <> < <= > >= for every type (via the values' btree ordering), the cross-width float
 * comparisons, and LIKE / ILIKE (~~, ~~*, !~~, !~~*).
 */
final class ComparisonOperators {
    private ComparisonOperators() {}

    private static final List<PgType> ORDERED = List.of(PgType.BOOL, PgType.INT2, PgType.INT4, PgType.INT8,
        PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.TEXT, PgType.BPCHAR, PgType.NAME, PgType.OID,
        PgType.DATE, PgType.TIME, PgType.TIMETZ, PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.INTERVAL, PgType.BYTEA, PgType.INET, PgType.UUID, PgType.JSONB,
        PgType.REGTYPE, PgType.CHAR, PgType.REGCLASS, PgType.REGNAMESPACE, PgType.REGPROC, PgType.TID, PgType.PG_LSN);

    static void register(FunctionRegistry r) {
        for (PgType t : ORDERED) {
            comparisons(r, t, t);
        }
        comparisons(r, PgType.FLOAT4, PgType.FLOAT8);
        // xid has only equality (xideq, xidneq; xideqint4, xidneqint4 read the int4 as an unsigned xid)
        r.op("=", PgType.XID, PgType.XID, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) == 0));
        r.op("<>", PgType.XID, PgType.XID, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) != 0));
        r.op("=", PgType.XID, PgType.INT4, PgType.BOOL, (a, b) -> BoolValue.of(xidEqualsInt4(a, b)));
        r.op("<>", PgType.XID, PgType.INT4, PgType.BOOL, (a, b) -> BoolValue.of(!xidEqualsInt4(a, b)));
        comparisons(r, PgType.FLOAT8, PgType.FLOAT4);
        for (PgType t : List.of(PgType.TEXT, PgType.BPCHAR, PgType.NAME)) {
            like(r, t, "~~", false, false);
            like(r, t, "!~~", false, true);
            like(r, t, "~~*", true, false);
            like(r, t, "!~~*", true, true);
        }
        CrossTypeOperators.registerComparisons(r);
        r.fn("like_escape", PgType.TEXT, List.of(PgType.TEXT, PgType.TEXT),
            (a, c) -> TextValue.text(LikeMatcher.withEscape(((TextValue) a[0]).textValue(), ((TextValue) a[1]).textValue())));
    }

    private static boolean xidEqualsInt4(Value xid, Value int4) {
        return ((OidValue) xid).value() == (((IntegerValue) int4).value() & 0xffffffffL);
    }

    /** The six btree comparison operators over Value.compareTo (other families reuse it for their types). */
    static void comparisons(FunctionRegistry r, PgType left, PgType right) {
        r.op("=", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) == 0));
        r.op("<>", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) != 0));
        r.op("<", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) < 0));
        r.op("<=", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) <= 0));
        r.op(">", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) > 0));
        r.op(">=", left, right, PgType.BOOL, (a, b) -> BoolValue.of(a.compareTo(b) >= 0));
    }

    private static void like(FunctionRegistry r, PgType left, String symbol, boolean ignoreCase, boolean negate) {
        r.op(symbol, left, PgType.TEXT, PgType.BOOL, (a, b) -> BoolValue.of(
            LikeMatcher.matches(left == PgType.BPCHAR ? ((TextValue) a).value() : ((TextValue) a).textValue(),
                ((TextValue) b).textValue(), ignoreCase) != negate));
    }
}
