package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Reads and writes rows of the bootstrap catalogs through the heap, like any table's rows
 * (sequential scans with a catalog snapshot; there are no catalog indexes yet).
 */
public final class CatalogStore {
    private final HeapAccess heap;
    private final Transaction tx;

    public CatalogStore(HeapAccess heap, Transaction tx) {
        this.heap = heap;
        this.tx = tx;
    }

    /** A catalog row and where it is. */
    public record Entry(Tid tid, Value[] row) {}

    public Entry findClass(long namespace, String name, Snapshot snapshot) {
        TableDescriptor c = CatalogTables.PG_CLASS;
        try (HeapScan scan = heap.scan(c.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = c.codec().decode(t.data());
                if (((TextValue) row[CatalogTables.CLASS_RELNAME]).value().equals(name)
                    && ((OidValue) row[CatalogTables.CLASS_RELNAMESPACE]).value() == namespace) {
                    return new Entry(t.tid(), row);
                }
            }
        }
        return null;
    }

    public Entry findClassByOid(long oid, Snapshot snapshot) {
        TableDescriptor c = CatalogTables.PG_CLASS;
        try (HeapScan scan = heap.scan(c.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = c.codec().decode(t.data());
                if (((OidValue) row[CatalogTables.CLASS_OID]).value() == oid) {
                    return new Entry(t.tid(), row);
                }
            }
        }
        return null;
    }

    /** The table's pg_attribute rows in attnum order. */
    public List<Entry> attributes(long relOid, Snapshot snapshot) {
        TableDescriptor a = CatalogTables.PG_ATTRIBUTE;
        List<Entry> out = new ArrayList<>();
        try (HeapScan scan = heap.scan(a.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = a.codec().decode(t.data());
                if (((OidValue) row[CatalogTables.ATT_RELID]).value() == relOid) {
                    out.add(new Entry(t.tid(), row));
                }
            }
        }
        out.sort(Comparator.comparingLong(e -> ((IntegerValue) e.row()[CatalogTables.ATT_NUM]).value()));
        return out;
    }

    /** The attnums of the table's live (not dropped) columns, in order: position i's attnum is element i. */
    public int[] liveAttnums(long relOid, Snapshot snapshot) {
        return attributes(relOid, snapshot).stream()
            .filter(a -> !((org.tuskdb.sql.internal.value.BoolValue) a.row()[CatalogTables.ATT_DROPPED]).value())
            .mapToInt(a -> (int) ((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value()).toArray();
    }

    /** The namespace's oid, or -1. */
    public long namespaceOid(String name, Snapshot snapshot) {
        TableDescriptor n = CatalogTables.PG_NAMESPACE;
        try (HeapScan scan = heap.scan(n.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = n.codec().decode(t.data());
                if (((TextValue) row[1]).value().equals(name)) {
                    return ((OidValue) row[0]).value();
                }
            }
        }
        return -1;
    }

    /** Every row of a catalog whose oid-typed column {@code column} equals {@code oid}. */
    public List<Entry> rowsWhere(TableDescriptor catalog, int column, long oid, Snapshot snapshot) {
        List<Entry> out = new ArrayList<>();
        try (HeapScan scan = heap.scan(catalog.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row = catalog.codec().decode(t.data());
                if (row[column] instanceof OidValue o && o.value() == oid) {
                    out.add(new Entry(t.tid(), row));
                }
            }
        }
        return out;
    }

    /** Every row of a catalog. */
    public List<Entry> all(TableDescriptor catalog, Snapshot snapshot) {
        List<Entry> out = new ArrayList<>();
        try (HeapScan scan = heap.scan(catalog.locator(), snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                out.add(new Entry(t.tid(), catalog.codec().decode(t.data())));
            }
        }
        return out;
    }

    /** The pg_namespace row of that oid, or null. */
    public Entry namespaceByOid(long oid, Snapshot snapshot) {
        List<Entry> rows = rowsWhere(CatalogTables.PG_NAMESPACE, 0, oid, snapshot);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Deletes every row of the catalog whose oid column {@code column} is {@code oid}. */
    public void deleteWhere(TableDescriptor catalog, int column, long oid, Snapshot snapshot) {
        for (Entry e : rowsWhere(catalog, column, oid, snapshot)) {
            delete(catalog, e.tid());
        }
    }

    public Tid insert(TableDescriptor catalog, Value[] row) {
        return heap.insert(catalog.locator(), catalog.codec().encode(row), tx);
    }

    public void delete(TableDescriptor catalog, Tid tid) {
        check(heap.delete(catalog.locator(), tid, tx, true));
    }

    /** Catalog tables have no indexes, so every update may be HOT (its dead versions' item ids are then reused). */
    public void update(TableDescriptor catalog, Tid tid, Value[] row) {
        check(heap.update(catalog.locator(), tid, catalog.codec().encode(row), tx, true, catalog.indexes().isEmpty()));
    }

    private static void check(ModifyResult r) {
        if (r.status() != ModifyResult.Status.OK) {
            // PostgreSQL's simple_heap_update/delete: the caller's lock should have prevented it
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
        }
    }
}
