package org.tuskdb.sql.internal.function;

import java.util.List;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;

/** The integer bitwise operators & | # (xor) ~ << >> of int2, int4 and int8 (int.c / int8.c). */
final class BitwiseOperators {
    private BitwiseOperators() {}

    static void register(FunctionRegistry r) {
        for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8)) {
            r.op("&", t, t, t, (a, b) -> IntegerValue.of(t, v(a) & v(b)));
            r.op("|", t, t, t, (a, b) -> IntegerValue.of(t, v(a) | v(b)));
            r.op("#", t, t, t, (a, b) -> IntegerValue.of(t, v(a) ^ v(b)));
            r.prefix("~", t, t, (a, c) -> IntegerValue.of(t, ~v(a[0])));
            r.op("<<", t, PgType.INT4, t, (a, b) -> IntegerValue.of(t, narrow(t, v(a) << v(b))));
            r.op(">>", t, PgType.INT4, t, (a, b) -> IntegerValue.of(t, narrow(t, v(a) >> v(b))));
        }
    }

    private static long v(org.tuskdb.sql.internal.value.Value x) {
        return ((IntegerValue) x).value();
    }

    /** Shifts wrap within the type's width, as C's do. */
    private static long narrow(PgType t, long x) {
        return t == PgType.INT2 ? (short) x : t == PgType.INT4 ? (int) x : x;
    }
}
