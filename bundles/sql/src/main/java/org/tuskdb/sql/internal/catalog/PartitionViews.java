package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_inherits and pg_partitioned_table, computed from the partitioning columns of the stored
 * pg_class rows (relpartparent, relpartkey; see {@link Partitioning}): one pg_inherits row per
 * partition (Tusk has no INHERITS, so every row is a partition's), one pg_partitioned_table row
 * per partitioned table with its default partition.
 */
final class PartitionViews {
    private PartitionViews() {}

    /** The btree operator class PostgreSQL's DDL picks for a RANGE / LIST key (int4_ops, text_ops, ...); 0 otherwise. */
    private static long opclass(PgType t, char strategy) {
        if (strategy == 'h') {
            return 0;
        }
        if (t == PgType.INT2) {
            return 1979;
        } else if (t == PgType.INT4) {
            return 1978;
        } else if (t == PgType.INT8) {
            return 3124;
        } else if (t == PgType.TEXT || t == PgType.VARCHAR) {
            return 3126;
        } else if (t == PgType.DATE) {
            return 3122;
        }
        return 0;
    }

    private static List<CatalogStore.Entry> classes(StorageContext sc) {
        Snapshot snap = sc.freshSnapshot();
        return new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_CLASS, snap);
    }

    static List<Value[]> pgInherits(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : classes(sc)) {
            long parent = CatalogTables.partitionParent(e.row());
            if (parent != 0) {
                out.add(new Value[] {e.row()[CatalogTables.CLASS_OID], OidValue.oid(parent), IntegerValue.int4(1),
                    BoolValue.FALSE});
            }
        }
        return out;
    }

    static List<Value[]> pgPartitionedTable(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        List<CatalogStore.Entry> classes = classes(sc);
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> out = new ArrayList<>();
        for (CatalogStore.Entry e : classes) {
            String key = CatalogTables.classText(e.row(), CatalogTables.CLASS_RELPARTKEY);
            if (key == null) {
                continue;
            }
            long oid = ((OidValue) e.row()[CatalogTables.CLASS_OID]).value();
            long deflt = 0;
            for (CatalogStore.Entry c : classes) {
                if (CatalogTables.partitionParent(c.row()) == oid
                    && "DEFAULT".equals(CatalogTables.classText(c.row(), CatalogTables.CLASS_RELPARTBOUND))) {
                    deflt = ((OidValue) c.row()[CatalogTables.CLASS_OID]).value();
                }
            }
            String[] parts = key.trim().split(" ");
            int n = parts.length - 1;
            Value[] attrs = new Value[n];
            Value[] classesOf = new Value[n];
            Value[] collations = new Value[n];
            for (int i = 0; i < n; i++) {
                int attnum = Integer.parseInt(parts[i + 1]);
                attrs[i] = IntegerValue.of(PgType.INT2, attnum);
                PgType type = null;
                for (CatalogStore.Entry a : store.attributes(oid, snap)) {
                    if (((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value() == attnum) {
                        long typid = ((OidValue) a.row()[CatalogTables.ATT_TYPID]).value();
                        type = PgType.byOid((int) typid);
                    }
                }
                classesOf[i] = OidValue.oid(type == null ? 0 : opclass(type, parts[0].charAt(0)));
                collations[i] = OidValue.oid(type != null && type.category() == 'S' ? PgCatalogViews.DEFAULT_COLLATION : 0);
            }
            out.add(new Value[] {OidValue.oid(oid), new TextValue(PgType.CHAR, parts[0]), IntegerValue.of(PgType.INT2, n),
                OidValue.oid(deflt), new ArrayValue(PgType.INT2VECTOR, attrs), new ArrayValue(PgType.OIDVECTOR, classesOf),
                new ArrayValue(PgType.OIDVECTOR, collations), null});
        }
        return out;
    }
}
