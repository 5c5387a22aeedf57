package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * What PostgreSQL's heap.c adds for every table besides its columns, as the catalog views show
 * it: the system columns' pg_attribute rows (negative attnums, SystemAttributeDefinition's
 * order and shapes) and the table's row type in pg_type (typtype c, typrelid the table, with
 * its array type "_name"), which JDBC and ORMs read when they ask about composite types. Tusk
 * allocates no type oids: a relation's row type has the relation's own oid (pg_class.reltype)
 * and its array type that oid with the top bit set, so both are unique within pg_type (user
 * oids stay far below 2^31) and stable while the relation lives.
 */
public final class RowTypes {
    private RowTypes() {}

    /**
     * The row type of a table or view as a type of values (a function's RETURNS t, a parameter or
     * PL/pgSQL variable of type t), or null for other relations: its live columns as the fields.
     */
    public static PgType of(Relation r) {
        return of(r, r == null ? null : r.name());
    }

    /** As {@link #of(Relation)}, the type shown (format_type) as {@code displayName}. */
    public static PgType of(Relation r, String displayName) {
        if (!(r instanceof TableDescriptor) && !(r instanceof ViewDescriptor) && !(r instanceof CompositeTypeDescriptor)) {
            return null;
        }
        return PgType.composite(rowTypeOid(RelationCache.oidOf(r)), r.name(), displayName,
            r.columns().stream().map(Relation.Column::name).toList(),
            r.columns().stream().map(Relation.Column::type).toList(),
            r.columns().stream().map(Relation.Column::typmod).toList());
    }

    /**
     * The relkinds with a row type (tables, views and composite types; sequences have none since
     * PostgreSQL 12).
     */
    static boolean hasRowType(String relkind) {
        return relkind.equals("r") || relkind.equals("v") || relkind.equals("m") || relkind.equals("c")
            || relkind.equals("p");
    }

    /** The relkinds with system columns. */
    static boolean hasSystemColumns(String relkind) {
        return relkind.equals("r") || relkind.equals("S") || relkind.equals("m") || relkind.equals("p");
    }

    static long rowTypeOid(long relOid) {
        return relOid;
    }

    public static long arrayTypeOid(long relOid) {
        return relOid | 0x8000_0000L;
    }

    /** name, type oid, attnum, length (tableoid -6 ... ctid -1: heap.c's order). */
    private static final Object[][] SYSTEM = {
        {"tableoid", 26L, -6, 4}, {"cmax", 29L, -5, 4}, {"xmax", 28L, -4, 4}, {"cmin", 29L, -3, 4},
        {"xmin", 28L, -2, 4}, {"ctid", 27L, -1, 6}};

    /** Adds the six system columns of relation {@code rel} in pg_attribute's view column order. */
    static void systemColumns(Value rel, List<Value[]> out) {
        for (Object[] s : SYSTEM) {
            int len = (Integer) s[3];
            boolean tid = len == 6;
            out.add(new Value[] {rel, new TextValue(PgType.NAME, (String) s[0]), OidValue.oid((Long) s[1]),
                IntegerValue.int4(0), IntegerValue.of(PgType.INT2, len), IntegerValue.of(PgType.INT2, (Integer) s[2]),
                IntegerValue.int4(0), IntegerValue.int4(-1), IntegerValue.int4(-1), BoolValue.of(!tid),
                ch(tid ? "s" : "i"), ch("p"), ch(""), BoolValue.TRUE, BoolValue.FALSE, BoolValue.FALSE, ch(""), ch(""),
                BoolValue.FALSE, BoolValue.TRUE, IntegerValue.int4(0), OidValue.oid(0), null, null, null, null});
        }
    }

    private static Value ch(String s) {
        return new TextValue(PgType.CHAR, s);
    }

    private static OidValue proc(long oid, String name) {
        return new OidValue(PgType.REGPROC, oid, name);
    }

    private static final OidValue NONE = new OidValue(PgType.REGPROC, 0, "-");

    /** The row type of relation {@code relOid} and its array type, as pg_type view rows. */
    static void rowType(long relOid, Value name, Value namespace, Value owner, List<Value[]> out) {
        String n = ((TextValue) name).value();
        out.add(type(OidValue.oid(rowTypeOid(relOid)), name, namespace, owner, "c", "C", OidValue.oid(relOid), NONE,
            OidValue.oid(0), OidValue.oid(arrayTypeOid(relOid)), proc(2290, "record_in"), proc(2291, "record_out"),
            proc(2402, "record_recv"), proc(2403, "record_send"), NONE));
        out.add(type(OidValue.oid(arrayTypeOid(relOid)), new TextValue(PgType.NAME, "_" + n), namespace, owner, "b",
            "A", OidValue.oid(0), proc(6179, "array_subscript_handler"), OidValue.oid(rowTypeOid(relOid)),
            OidValue.oid(0), proc(750, "array_in"), proc(751, "array_out"), proc(2400, "array_recv"),
            proc(2401, "array_send"), proc(3816, "array_typanalyze")));
    }

    private static Value[] type(Value oid, Value name, Value namespace, Value owner, String typtype, String category,
                                Value relid, Value subscript, Value elem, Value array, Value in, Value outFn,
                                Value recv, Value send, Value analyze) {
        return new Value[] {oid, name, namespace, owner, IntegerValue.of(PgType.INT2, -1), BoolValue.FALSE, ch(typtype),
            ch(category), BoolValue.FALSE, BoolValue.TRUE, ch(","), relid, subscript, elem, array, in, outFn, recv, send,
            NONE, NONE, analyze, ch("d"), ch("x"), BoolValue.FALSE, OidValue.oid(0), IntegerValue.int4(-1),
            IntegerValue.int4(0), OidValue.oid(0), null, null, null};
    }
}
