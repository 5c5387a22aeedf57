package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Reads a table's FOREIGN KEY constraints from pg_constraint, both those it declares (conrelid)
 * and those referencing it (confrelid), with the catalog snapshot its descriptor is loaded with.
 * conkey / confkey hold attnums ("{1,3}"), mapped here to positions among the non-dropped columns.
 */
public final class ForeignKeyCatalog {
    private ForeignKeyCatalog() {}

    /** pg_constraint's confupdtype, confdeltype and confkey columns. */
    private static final int CON_UPDTYPE = 11, CON_DELTYPE = 12, CON_FKEY = 15;

    public static TableDescriptor attach(TableDescriptor table, CatalogStore store, Snapshot snapshot) {
        List<ForeignKey> out = new ArrayList<>();
        List<ForeignKey> in = new ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, table.oid(),
            snapshot)) {
            ForeignKey fk = read(e.row(), store, snapshot);
            if (fk != null) {
                out.add(fk);
            }
        }
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_FRELID, table.oid(),
            snapshot)) {
            ForeignKey fk = read(e.row(), store, snapshot);
            if (fk != null) {
                in.add(fk);
            }
        }
        if (out.isEmpty() && in.isEmpty()) {
            return table;
        }
        // PostgreSQL fires the RI triggers in trigger name order, i.e. in creation (oid) order
        out.sort(Comparator.comparingLong(ForeignKey::oid));
        in.sort(Comparator.comparingLong(ForeignKey::oid));
        return table.withForeignKeys(List.copyOf(out), List.copyOf(in));
    }

    private static ForeignKey read(Value[] r, CatalogStore store, Snapshot snapshot) {
        if (!((TextValue) r[CatalogTables.CON_TYPE]).value().equals("f")) {
            return null;
        }
        long child = ((OidValue) r[CatalogTables.CON_RELID]).value();
        long parent = ((OidValue) r[CatalogTables.CON_FRELID]).value();
        CatalogStore.Entry childClass = store.findClassByOid(child, snapshot);
        CatalogStore.Entry parentClass = store.findClassByOid(parent, snapshot);
        if (childClass == null || parentClass == null) {
            return null;
        }
        int[] childCols = positions(store, child, ((TextValue) r[CatalogTables.CON_KEY]).value(), snapshot);
        int[] parentCols = positions(store, parent, ((TextValue) r[CON_FKEY]).value(), snapshot);
        for (int i = 0; i < childCols.length; i++) {
            if (childCols[i] < 0 || i >= parentCols.length || parentCols[i] < 0) {
                return null; // a key column was dropped (PostgreSQL drops the constraint with it)
            }
        }
        return new ForeignKey(((OidValue) r[CatalogTables.CON_OID]).value(),
            ((TextValue) r[CatalogTables.CON_NAME]).value(), child, schemaOf(store, childClass, snapshot),
            relname(childClass), childCols, parent, schemaOf(store, parentClass, snapshot), relname(parentClass),
            parentCols, action(r[CON_UPDTYPE]), action(r[CON_DELTYPE]), ((BoolValue) r[4]).value(),
            ((BoolValue) r[5]).value(), r[13] != null && ((TextValue) r[13]).value().equals("f"));
    }

    private static char action(Value v) {
        String s = v == null ? "" : ((TextValue) v).value().trim();
        return s.isEmpty() ? ForeignKey.NO_ACTION : s.charAt(0);
    }

    private static String relname(CatalogStore.Entry cls) {
        return ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value();
    }

    private static String schemaOf(CatalogStore store, CatalogStore.Entry cls, Snapshot snapshot) {
        long ns = ((OidValue) cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value();
        for (CatalogStore.Entry n : store.rowsWhere(CatalogTables.PG_NAMESPACE, 0, ns, snapshot)) {
            return ((TextValue) n.row()[1]).value();
        }
        return null;
    }

    /** "{2,3}" attnums of {@code rel} to 0-based positions among its non-dropped columns. */
    private static int[] positions(CatalogStore store, long rel, String array, Snapshot snapshot) {
        List<Integer> live = java.util.Arrays.stream(store.liveAttnums(rel, snapshot)).boxed().toList();
        String body = array.substring(1, array.length() - 1);
        String[] parts = body.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = live.indexOf(Integer.parseInt(parts[i].trim()));
        }
        return out;
    }
}
