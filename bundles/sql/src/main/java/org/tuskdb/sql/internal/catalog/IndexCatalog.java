package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The index catalog (PostgreSQL's pg_index plus the index's pg_class row of relkind 'i'):
 * heap-stored like every catalog, read with the catalog snapshot when a table is loaded into the
 * relation cache, written by CREATE INDEX / constraints in the DDL's transaction (MVCC; an
 * aborted CREATE leaves rows of an aborted transaction and its file is unlinked at abort).
 */
public final class IndexCatalog {
    private IndexCatalog() {}

    public static final int IND_RELID = 0, IND_TABLE = 1, IND_NATTS = 2, IND_UNIQUE = 3, IND_PRIMARY = 4, IND_KEY = 5,
        IND_OPTION = 6;
    /** pg_am "btree". */
    public static final long BTREE_AM_OID = 403;

    public static Value[] indexRow(long indexOid, long tableOid, int[] columns, int[] flags, boolean unique,
                                   boolean primary) {
        return new Value[] {OidValue.oid(indexOid), OidValue.oid(tableOid), IntegerValue.of(PgType.INT2, columns.length),
            BoolValue.of(unique), BoolValue.of(primary), TextValue.text(vector(columns, 1)), TextValue.text(vector(flags, 0))};
    }

    /** The pg_class row of an index: relkind i, relam btree, its own relfilenode. */
    public static Value[] classRow(long oid, String name, long namespace, long relfilenode, int natts,
                                   String relpersistence) {
        Value[] row = CatalogTables.classRow(oid, name, namespace, relfilenode, natts, null, "i", relpersistence);
        row[5] = OidValue.oid(BTREE_AM_OID);
        return row;
    }

    private static String vector(int[] v, int add) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : " ").append(v[i] + add);
        }
        return b.toString();
    }

    private static int[] parse(String s, int add) {
        String[] parts = s.isEmpty() ? new String[0] : s.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]) + add;
        }
        return out;
    }

    /**
     * A name that means no table but an index (the relation cache has no indexes): 42809
     * "\"i\" is an index" at the name's position, as PostgreSQL's parserOpenTable.
     */
    static void refuseIndex(RelationCache cache, String schema, String name, int position,
                            org.tuskdb.sql.internal.storage.StorageContext sc) {
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Long> namespaces = new ArrayList<>();
        if (schema != null) {
            namespaces.add(cache.namespaceOid(schema, sc));
        } else {
            namespaces.addAll(cache.searchPath(sc, sc.sessionUser()));
        }
        Snapshot snapshot = sc.freshSnapshot();
        for (long nsp : namespaces) {
            CatalogStore.Entry e = nsp < 0 ? null : store.findClass(nsp, name, snapshot);
            if (e != null) {
                if (((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
                    throw org.tuskdb.api.DatabaseException.atPosition("42809", "\"" + name + "\" is an index", position);
                }
                return;
            }
        }
    }

    /** The table with its indexes read from pg_index / pg_class (none: the table itself). */
    public static TableDescriptor attach(TableDescriptor table, CatalogStore store, Snapshot snapshot) {
        List<IndexDescriptor> list = indexes(table.oid(), store, snapshot);
        return list.isEmpty() ? table : table.withIndexes(list);
    }

    public static List<IndexDescriptor> indexes(long tableOid, CatalogStore store, Snapshot snapshot) {
        List<IndexDescriptor> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IND_TABLE, tableOid, snapshot)) {
            Value[] r = e.row();
            long oid = ((OidValue) r[IND_RELID]).value();
            CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
            if (cls == null) {
                continue;
            }
            out.add(new IndexDescriptor(oid, ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value(), tableOid,
                new RelFileLocator(CatalogTables.DB_OID,
                    ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value()),
                parse(((TextValue) r[IND_KEY]).value(), -1), parse(((TextValue) r[IND_OPTION]).value(), 0),
                ((BoolValue) r[IND_UNIQUE]).value(), ((BoolValue) r[IND_PRIMARY]).value()));
        }
        out.sort(Comparator.comparingLong(IndexDescriptor::oid));
        return out;
    }
}
