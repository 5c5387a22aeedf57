package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Reads declarative partitioning from pg_class (relpartkey, relpartparent, relpartbound; see
 * {@link Partitioning}) when the relation cache loads a table: a partitioned table gets its key
 * and its partitions' descriptors (loaded through {@code load}, so a partition that is itself
 * partitioned brings its own), a partition its bound and the constraint of every level above it.
 * The children are read with the same fresh catalog snapshot as the table, so a descriptor is
 * one consistent tree; any DDL on a partition moves the catalog counter and drops the tree.
 */
public final class PartitionCatalog {
    private PartitionCatalog() {}

    /** {@code t} with its partitioning attached; {@code t} itself when it has none. */
    public static TableDescriptor attach(TableDescriptor t, Value[] cls, CatalogStore store, Snapshot snapshot,
                                         LongFunction<TableDescriptor> load) {
        String keyText = CatalogTables.classText(cls, CatalogTables.CLASS_RELPARTKEY);
        long parent = CatalogTables.partitionParent(cls);
        if (keyText == null && parent == 0) {
            return t;
        }
        PartitionKey key = keyText == null ? null : PartitionKey.parse(keyText, t);
        List<TableDescriptor> children = null;
        if (key != null) {
            children = new ArrayList<>();
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CLASS, CatalogTables.CLASS_RELPARTPARENT, t.oid(),
                snapshot)) {
                TableDescriptor c = load.apply(((org.tuskdb.sql.internal.value.OidValue) e.row()[CatalogTables.CLASS_OID])
                    .value());
                if (c != null && c.partitioning() != null) {
                    children.add(c);
                }
            }
            children.sort(Comparator.comparing(c -> c.partitioning().bound(), Partitioning.BOUND_ORDER));
            children = List.copyOf(children);
        }
        PartitionBound bound = null;
        String parentName = null;
        List<Partitioning.Level> levels = new ArrayList<>();
        if (parent != 0) {
            long child = t.oid();
            long up = parent;
            Value[] childRow = cls;
            // each level: the child's bound under the key of the table above it, up to the root
            while (up != 0) {
                CatalogStore.Entry p = store.findClassByOid(up, snapshot);
                if (p == null) {
                    break;
                }
                PartitionKey upKey = keyOver(p.row(), t, store, snapshot);
                List<PartitionBound> siblings = new ArrayList<>();
                for (CatalogStore.Entry s : store.rowsWhere(CatalogTables.PG_CLASS, CatalogTables.CLASS_RELPARTPARENT, up,
                    snapshot)) {
                    if (((org.tuskdb.sql.internal.value.OidValue) s.row()[CatalogTables.CLASS_OID]).value() != child) {
                        siblings.add(PartitionBound.parse(CatalogTables.classText(s.row(), CatalogTables.CLASS_RELPARTBOUND),
                            upKey));
                    }
                }
                PartitionBound b = PartitionBound.parse(CatalogTables.classText(childRow, CatalogTables.CLASS_RELPARTBOUND),
                    upKey);
                if (bound == null) {
                    bound = b;
                    parentName = ((TextValue) p.row()[CatalogTables.CLASS_RELNAME]).value();
                }
                levels.add(new Partitioning.Level(upKey, b, List.copyOf(siblings)));
                child = up;
                childRow = p.row();
                up = CatalogTables.partitionParent(p.row());
            }
        }
        return t.withPartitioning(new Partitioning(key, children, parent, parentName, bound, List.copyOf(levels)));
    }

    /**
     * The key of the partitioned table whose pg_class row is {@code cls}, over the columns of its
     * partition {@code t} (a partition has its parent's columns in the same order, under the same
     * names, though a DROP COLUMN may have given them other attnums).
     */
    private static PartitionKey keyOver(Value[] cls, TableDescriptor t, CatalogStore store, Snapshot snapshot) {
        String text = CatalogTables.classText(cls, CatalogTables.CLASS_RELPARTKEY);
        long oid = ((org.tuskdb.sql.internal.value.OidValue) cls[CatalogTables.CLASS_OID]).value();
        String[] parts = text.trim().split(" ");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int attnum = Integer.parseInt(parts[i]);
            String name = null;
            for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
                Value[] r = a.row();
                if (((IntegerValue) r[CatalogTables.ATT_NUM]).value() == attnum && !((BoolValue) r[CatalogTables.ATT_DROPPED]).value()) {
                    name = ((TextValue) r[CatalogTables.ATT_NAME]).value();
                }
            }
            b.append(' ').append(t.attnum(t.columnIndex(name)));
        }
        return PartitionKey.parse(b.toString(), t);
    }
}
