package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.TIME;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;
import static org.tuskdb.sql.internal.value.PgType.TIMETZ;

import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * {@code (s1, e1) OVERLAPS (s2, e2)}, which the parser turns into overlaps(s1, e1, s2, e2):
 * SQL's period predicate for timestamp, timestamptz, time and timetz, and the forms whose end
 * is given as a length (an interval added to the start). Not strict: a NULL end makes the
 * answer NULL only where the other bounds do not already decide it (timestamp.c's rules).
 */
final class OverlapsFunctions {
    private OverlapsFunctions() {}

    static void register(FunctionRegistry r) {
        for (PgType t : List.of(TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ)) {
            add(r, t, t, t, t, (a, c) -> overlaps(a[0], a[1], a[2], a[3]));
        }
        for (PgType t : List.of(TIMESTAMP, TIMESTAMPTZ, TIME)) {
            FunctionDef plus = plusInterval(r, t);
            add(r, t, INTERVAL, t, INTERVAL, (a, c) -> overlaps(a[0], end(plus, a[0], a[1], c), a[2],
                end(plus, a[2], a[3], c)));
            add(r, t, t, t, INTERVAL, (a, c) -> overlaps(a[0], a[1], a[2], end(plus, a[2], a[3], c)));
            add(r, t, INTERVAL, t, t, (a, c) -> overlaps(a[0], end(plus, a[0], a[1], c), a[2], a[3]));
        }
    }

    private static void add(FunctionRegistry r, PgType s1, PgType e1, PgType s2, PgType e2, FunctionImpl impl) {
        char volatility = s1 == TIMESTAMPTZ && e1 == INTERVAL || s2 == TIMESTAMPTZ && e2 == INTERVAL ? 's' : 'i';
        r.addFunction(new FunctionDef("overlaps", List.of(s1, e1, s2, e2), PgType.BOOL, false, false, volatility,
            impl));
    }

    /** The "+" of (t, interval), registered before this library. */
    private static FunctionDef plusInterval(FunctionRegistry r, PgType t) {
        for (FunctionDef d : r.operators("+", 2)) {
            if (d.argTypes().get(0) == t && d.argTypes().get(1) == INTERVAL) {
                return d;
            }
        }
        throw new IllegalStateException("no operator + (" + t.name() + ", interval)");
    }

    private static Value end(FunctionDef plus, Value start, Value length, EvalContext c) {
        return start == null || length == null ? null : plus.impl().call(new Value[] {start, length}, c);
    }

    /** The period predicate with SQL's NULL rules; each period's bounds may come in either order. */
    static Value overlaps(Value start1, Value end1, Value start2, Value end2) {
        Value[] p1 = period(start1, end1);
        Value[] p2 = period(start2, end2);
        if (p1 == null || p2 == null) {
            return null;
        }
        Value s1 = p1[0];
        Value e1 = p1[1];
        Value s2 = p2[0];
        Value e2 = p2[1];
        int order = s1.compareTo(s2);
        if (order == 0) {
            // equal starts: overlapping when both ends are known
            return e1 == null || e2 == null ? null : BoolValue.TRUE;
        }
        // the later start must lie before the end of the period that starts first
        Value laterStart = order > 0 ? s1 : s2;
        Value earlierEnd = order > 0 ? e2 : e1;
        Value laterEnd = order > 0 ? e1 : e2;
        if (earlierEnd == null) {
            return null;
        }
        if (laterStart.compareTo(earlierEnd) < 0) {
            return BoolValue.TRUE;
        }
        return laterEnd == null ? null : BoolValue.FALSE;
    }

    /**
     * A period as {start, end} with start <= end, a lone known bound as the start (end NULL),
     * or null when both bounds are NULL.
     */
    private static Value[] period(Value start, Value end) {
        if (start == null) {
            return end == null ? null : new Value[] {end, null};
        }
        if (end != null && start.compareTo(end) > 0) {
            return new Value[] {end, start};
        }
        return new Value[] {start, end};
    }
}
