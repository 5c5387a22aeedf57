package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.EnumLabel;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The user-defined types as one backend sees them: the stored pg_type rows ({@link
 * CatalogTables#PG_TYPE}) with an enum's pg_enum labels, read with a catalog snapshot and kept by
 * the relation cache until its next emptying (so within one cache generation every lookup of a type
 * gives the same {@link PgType} instance, and after DDL of a type everything is read again).
 *
 * <p>A type's display name (format_type) is its name, schema-qualified when the schema is not in
 * search_path, quoted as an identifier when it must be.
 */
public final class UserTypes {
    /** One stored pg_type row, as read. */
    public record Row(long oid, String name, long namespace, String typtype, long arrayOid, long baseType,
                      int typmod, boolean notNull, String defaultText, long owner) {}

    private final List<Row> rows;
    private final Map<Long, PgType> byOid = new HashMap<>();
    private final List<PgType> types = new ArrayList<>();

    private UserTypes(List<Row> rows) {
        this.rows = rows;
    }

    static final UserTypes NONE = new UserTypes(List.of());

    /** Reads pg_type and pg_enum; {@code visible} says which namespaces search_path has. */
    static UserTypes load(StorageContext sc, java.util.function.LongPredicate visible,
                          java.util.function.LongFunction<String> schemaName, java.util.Set<Long> unsafeLabels) {
        Snapshot snapshot = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Row> rows = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TYPE, snapshot)) {
            rows.add(rowOf(e.row()));
        }
        if (rows.isEmpty()) {
            return NONE;
        }
        rows.sort(Comparator.comparingLong(Row::oid));
        Map<Long, List<EnumLabel>> labels = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_ENUM, snapshot)) {
            Value[] r = e.row();
            labels.computeIfAbsent(oid(r[CatalogTables.ENUM_TYPID]), k -> new ArrayList<>()).add(new EnumLabel(
                oid(r[CatalogTables.ENUM_OID]), (float) ((FloatValue) r[CatalogTables.ENUM_SORTORDER]).value(),
                ((TextValue) r[CatalogTables.ENUM_LABEL]).value(), unsafeLabels.contains(oid(r[CatalogTables.ENUM_OID]))));
        }
        Map<Long, List<PgType.DomainCheck>> domainChecks = new HashMap<>();
        if (rows.stream().anyMatch(r -> r.typtype().equals("d"))) {
            for (CatalogStore.Entry e : store.all(CatalogTables.PG_CONSTRAINT, snapshot)) {
                Value[] c = e.row();
                long typid = oid(c[CatalogTables.CON_TYPID]);
                if (typid != 0) {
                    domainChecks.computeIfAbsent(typid, k -> new ArrayList<>()).add(new PgType.DomainCheck(
                        oid(c[CatalogTables.CON_OID]), ((TextValue) c[CatalogTables.CON_NAME]).value(),
                        c[CatalogTables.CON_BIN] == null ? "true" : ((TextValue) c[CatalogTables.CON_BIN]).value()));
                }
            }
        }
        UserTypes out = new UserTypes(List.copyOf(rows));
        for (Row r : rows) {
            String shown = RelationCache.quoteIdent(r.name());
            if (!visible.test(r.namespace())) {
                shown = RelationCache.quoteIdent(schemaName.apply(r.namespace())) + "." + shown;
            }
            if (r.typtype().equals("e")) {
                List<EnumLabel> l = labels.getOrDefault(r.oid(), new ArrayList<>());
                l.sort(Comparator.comparingDouble(EnumLabel::sortOrder));
                out.add(PgType.enumType((int) r.oid(), r.name(), shown, r.namespace(), schemaName.apply(r.namespace()),
                    (int) r.arrayOid(), l));
            } else if (r.typtype().equals("r") || r.typtype().equals("m")) {
                PgType t = rangeOrMultirange(out, rows, r, shown, schemaName.apply(r.namespace()));
                if (t != null) {
                    out.add(t);
                }
            } else if (r.typtype().equals("d")) {
                PgType base = PgType.byOid((int) r.baseType());
                if (base == null) {
                    base = out.byOid(r.baseType()); // a domain over an enum or another domain: an older type
                }
                if (base != null) {
                    List<PgType.DomainCheck> checks = new ArrayList<>(domainChecks.getOrDefault(r.oid(), List.of()));
                    checks.sort(Comparator.comparing(PgType.DomainCheck::name));
                    out.add(PgType.domainType((int) r.oid(), r.name(), shown, r.namespace(),
                        schemaName.apply(r.namespace()), (int) r.arrayOid(),
                        new PgType.Domain(base, r.typmod(), r.notNull(), r.defaultText(), List.copyOf(checks))));
                }
            }
        }
        return out;
    }

    /**
     * A range type (typbasetype its subtype, typdefault its subtype_diff function's name, the
     * multirange the m row over it) or a multirange type (typbasetype its range), or null when
     * what it is over is missing.
     */
    private static PgType rangeOrMultirange(UserTypes out, List<Row> rows, Row r, String shown, String schema) {
        if (r.typtype().equals("m")) {
            PgType range = out.byOid(r.baseType());
            return range == null ? null : PgType.multirangeType((int) r.oid(), r.name(), shown, r.namespace(), schema,
                (int) r.arrayOid(), range);
        }
        PgType sub = PgType.byOid((int) r.baseType());
        if (sub == null) {
            sub = out.byOid(r.baseType());
        }
        if (sub == null) {
            return null;
        }
        Row multi = null;
        for (Row m : rows) {
            if (m.typtype().equals("m") && m.baseType() == r.oid()) {
                multi = m;
            }
        }
        return PgType.rangeType((int) r.oid(), r.name(), shown, r.namespace(), schema, (int) r.arrayOid(),
            new PgType.RangeSpec(sub, null, r.defaultText(), multi == null ? 0 : (int) multi.oid(),
                multi == null ? null : multi.name()));
    }

    private void add(PgType t) {
        types.add(t);
        byOid.put((long) t.oid(), t);
        PgType array = PgType.arrayOf(t);
        if (array != null) {
            byOid.put((long) array.oid(), array);
        }
    }

    public static Row rowOf(Value[] r) {
        return new Row(oid(r[CatalogTables.TYPE_OID]), ((TextValue) r[CatalogTables.TYPE_NAME]).value(),
            oid(r[CatalogTables.TYPE_NAMESPACE]), ((TextValue) r[CatalogTables.TYPE_TYPTYPE]).value(),
            oid(r[CatalogTables.TYPE_ARRAY]), oid(r[CatalogTables.TYPE_BASETYPE]),
            r[CatalogTables.TYPE_TYPMOD] == null ? -1
                : (int) ((org.tuskdb.sql.internal.value.IntegerValue) r[CatalogTables.TYPE_TYPMOD]).value(),
            r[CatalogTables.TYPE_NOTNULL] != null && ((org.tuskdb.sql.internal.value.BoolValue) r[CatalogTables.TYPE_NOTNULL]).value(),
            r[CatalogTables.TYPE_DEFAULT] == null ? null : ((TextValue) r[CatalogTables.TYPE_DEFAULT]).value(), CatalogTables.owner(r[CatalogTables.TYPE_OWNER]));
    }

    private static long oid(Value v) {
        return v == null ? 0 : ((OidValue) v).value();
    }

    /** The type (or array type) of that oid, or null. */
    public PgType byOid(long oid) {
        return byOid.get(oid);
    }

    /** The stored rows, in oid order. */
    public List<Row> rows() {
        return rows;
    }

    /** The stored row of that type oid, or null. */
    public Row row(long oid) {
        for (Row r : rows) {
            if (r.oid() == oid) {
                return r;
            }
        }
        return null;
    }

    /** The type named so in that namespace ("_name" its array type), or null. */
    public PgType find(long namespace, String name) {
        for (PgType t : types) {
            if (t.namespace() == namespace) {
                if (t.name().equals(name)) {
                    return t;
                }
                PgType a = PgType.arrayOf(t);
                if (a != null && a.name().equals(name)) {
                    return a;
                }
            }
        }
        return null;
    }

    public List<PgType> types() {
        return types;
    }

    private static OidValue proc(long oid, String name) {
        return new OidValue(PgType.REGPROC, oid, name);
    }

    private static final OidValue NONE_PROC = new OidValue(PgType.REGPROC, 0, "-");

    private static Value ch(String s) {
        return new TextValue(PgType.CHAR, s);
    }

    /** The pg_type view's rows of the stored types and their array types (its 32 columns). */
    void viewRows(List<Value[]> out) {
        for (Row r : rows) {
            Value name = new TextValue(PgType.NAME, r.name());
            if (r.typtype().equals("d")) {
                PgType d = byOid(r.oid());
                if (d == null) {
                    continue;
                }
                PgType base = d.domain().base();
                Value[] io = base.isUserDefined() ? null : TypeIoFunctions.of(base);
                Value[] row = viewRow(r.oid(), name, r.namespace(), r.owner(), base.length(), base.length() > 0 && base.length() <= 8,
                    "d", String.valueOf(base.category()), NONE_PROC, 0, r.arrayOid(), proc(2597, "domain_in"),
                    io == null ? proc(3505, "enum_out") : io[TypeIoFunctions.OUTPUT], proc(2598, "domain_recv"),
                    io == null ? proc(3533, "enum_send") : io[TypeIoFunctions.SEND], NONE_PROC,
                    PgCatalogViews.align(base.baseType()), PgCatalogViews.storage(base.baseType()));
                row[24] = org.tuskdb.sql.internal.value.BoolValue.of(r.notNull());
                row[25] = OidValue.oid(r.baseType());
                row[26] = org.tuskdb.sql.internal.value.IntegerValue.int4(r.typmod());
                row[28] = OidValue.oid(PgCatalogViews.collation(base.baseType()));
                row[29] = r.defaultText() == null ? null : TextValue.text(r.defaultText());
                row[30] = row[29];
                out.add(row);
                out.add(arrayRow(r, name));
                continue;
            }
            if (r.typtype().equals("r") || r.typtype().equals("m")) {
                boolean range = r.typtype().equals("r");
                PgType t = byOid(r.oid());
                PgType over = t == null ? null : range ? t.rangeSubtype() : null;
                String align = over == null || !PgCatalogViews.align(over.baseType()).equals("d") ? "i" : "d";
                out.add(viewRow(r.oid(), name, r.namespace(), r.owner(), -1, false, r.typtype(), "R", NONE_PROC, 0,
                    r.arrayOid(), range ? proc(3834, "range_in") : proc(4229, "multirange_in"),
                    range ? proc(3835, "range_out") : proc(4230, "multirange_out"),
                    range ? proc(3836, "range_recv") : proc(4231, "multirange_recv"),
                    range ? proc(3837, "range_send") : proc(4232, "multirange_send"),
                    range ? proc(3916, "range_typanalyze") : proc(4242, "multirange_typanalyze"), align, "x"));
                out.add(arrayRow(r, name));
                continue;
            }
            if (!r.typtype().equals("e")) {
                continue;
            }
            out.add(viewRow(r.oid(), name, r.namespace(), r.owner(), 4, true, "e", "E", NONE_PROC, 0, r.arrayOid(),
                proc(3504, "enum_in"), proc(3505, "enum_out"), proc(3532, "enum_recv"), proc(3533, "enum_send"),
                NONE_PROC, "i", "p"));
            out.add(arrayRow(r, name));
        }
    }

    /** The row of a stored type's array type "_name". */
    private static Value[] arrayRow(Row r, Value name) {
        return viewRow(r.arrayOid(), new TextValue(PgType.NAME, "_" + r.name()), r.namespace(), r.owner(), -1, false, "b", "A",
            proc(6179, "array_subscript_handler"), r.oid(), 0, proc(750, "array_in"), proc(751, "array_out"),
            proc(2400, "array_recv"), proc(2401, "array_send"), proc(3816, "array_typanalyze"), "i", "x");
    }

    private static Value[] viewRow(long oid, Value name, long namespace, long owner, int len, boolean byval, String typtype,
                                   String category, Value subscript, long elem, long array, Value in, Value outFn,
                                   Value recv, Value send, Value analyze, String align, String storage) {
        return new Value[] {OidValue.oid(oid), name, OidValue.oid(namespace), OidValue.oid(owner),
            org.tuskdb.sql.internal.value.IntegerValue.of(PgType.INT2, len),
            org.tuskdb.sql.internal.value.BoolValue.of(byval), ch(typtype), ch(category),
            org.tuskdb.sql.internal.value.BoolValue.FALSE, org.tuskdb.sql.internal.value.BoolValue.TRUE, ch(","),
            OidValue.oid(0), subscript, OidValue.oid(elem), OidValue.oid(array), in, outFn, recv, send, NONE_PROC,
            NONE_PROC, analyze, ch(align), ch(storage), org.tuskdb.sql.internal.value.BoolValue.FALSE, OidValue.oid(0),
            org.tuskdb.sql.internal.value.IntegerValue.int4(-1), org.tuskdb.sql.internal.value.IntegerValue.int4(0),
            OidValue.oid(0), null, null, null};
    }
}
