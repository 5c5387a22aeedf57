package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_range: one row per range type, the built-in ones as initdb writes them and the user-defined
 * ones (CREATE TYPE ... AS RANGE) from their pg_type rows. Also what pg_type shows of a range type
 * that differs from a base type (its alignment).
 */
final class RangeViews {
    private RangeViews() {}

    /** The default btree operator classes of the subtypes (pg_opclass oids), for rngsubopc. */
    private static final Map<Integer, Long> BTREE_OPCLASS = Map.ofEntries(Map.entry(23, 1978L), Map.entry(20, 1980L),
        Map.entry(21, 1979L), Map.entry(1700, 3125L), Map.entry(1114, 3128L), Map.entry(1184, 3127L),
        Map.entry(1082, 3122L), Map.entry(701, 1971L), Map.entry(700, 1970L), Map.entry(25, 3126L),
        Map.entry(1043, 3126L), Map.entry(1083, 1991L), Map.entry(1186, 1982L), Map.entry(2950, 2969L));

    /** The built-in ranges' canonical and subtype_diff functions (pg_proc oids). */
    private static final Map<String, Long> FUNCTIONS = Map.ofEntries(Map.entry("int4range_canonical", 3914L),
        Map.entry("int8range_canonical", 3928L), Map.entry("daterange_canonical", 3915L),
        Map.entry("int4range_subdiff", 3922L), Map.entry("int8range_subdiff", 3923L),
        Map.entry("numrange_subdiff", 3924L), Map.entry("daterange_subdiff", 3925L),
        Map.entry("tsrange_subdiff", 3929L), Map.entry("tstzrange_subdiff", 3930L));

    static List<PgCatalogViews.ComputedView> views() {
        return List.of(PgCatalogViews.view("pg_range", 3541, RangeViews::pgRange, "rngtypid oid", "rngsubtype oid",
            "rngmultitypid oid", "rngcollation oid", "rngsubopc oid", "rngcanonical regproc", "rngsubdiff regproc"));
    }

    private static List<Value[]> pgRange(EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (PgType t : PgType.BUILTIN_RANGES) {
            out.add(row(t));
        }
        StorageContext sc = ctx.storage();
        if (CatalogNames.tables(sc) && sc.relationCache() != null) {
            for (PgType t : sc.relationCache().userTypes(sc).types()) {
                if (t.isRange()) {
                    out.add(row(t));
                }
            }
        }
        return out;
    }

    private static Value[] row(PgType t) {
        PgType.RangeSpec r = t.rangeSpec();
        PgType sub = r.subtype().baseType();
        return new Value[] {OidValue.oid(Integer.toUnsignedLong(t.oid())), OidValue.oid(Integer.toUnsignedLong(r.subtype().oid())),
            OidValue.oid(Integer.toUnsignedLong(r.multirangeOid())), OidValue.oid(PgCatalogViews.collation(sub)),
            OidValue.oid(BTREE_OPCLASS.getOrDefault(sub.oid(), 0L)), proc(r.canonical()), proc(r.subtypeDiff())};
    }

    private static OidValue proc(String name) {
        if (name == null) {
            return new OidValue(PgType.REGPROC, 0, "-");
        }
        Long oid = FUNCTIONS.get(name);
        return new OidValue(PgType.REGPROC, oid == null ? 0 : oid, name);
    }

    /** typalign of a range type: its subtype's when that is double, else int. */
    static String align(PgType t) {
        return PgCatalogViews.align(t.rangeSubtype().baseType()).equals("d") ? "d" : "i";
    }
}
