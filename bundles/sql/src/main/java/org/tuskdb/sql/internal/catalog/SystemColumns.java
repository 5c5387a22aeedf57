package org.tuskdb.sql.internal.catalog;

import java.util.Locale;
import java.util.Set;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TidValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The system columns a query can read from a table's rows (PostgreSQL's ctid, xmin, xmax: heap.c's
 * negative attnums), and where they travel. Rules:
 *
 * <ol>
 *   <li>A table's slice of a query level's wide row has {@link #SLOTS} slots after its columns for
 *       them only when the statement's text names one ({@link #mentionedIn}); every other query
 *       keeps the slices it had, so they cost nothing there. The slots are in the base's "used"
 *       array, whose length then tells the scans to fill them ({@link #width}).</li>
 *   <li>A scan fills a slot only when the query reads it, from the heap tuple it returns: its tid,
 *       and its xmin / xmax as xids (the low 32 bits of Tusk's 64-bit ids, as PostgreSQL's xid
 *       type has no epoch).</li>
 *   <li>tableoid is a constant per relation (analyze/Scope) except through a partitioned table,
 *       whose rows come from its leaves: there it reads the fourth slot, which a scan fills with the
 *       oid of the table it read the row from (a leaf, as PostgreSQL's tableoid of an Append's
 *       row), and ModifyTable with that of the leaf it changed. cmin / cmax are not selectable
 *       (the heap api does not expose command ids of fetched versions).</li>
 * </ol>
 */
public final class SystemColumns {
    private SystemColumns() {}

    /** The selectable ones, in slot order. */
    private static final String[] NAMES = {"ctid", "xmin", "xmax", "tableoid"};
    private static final PgType[] TYPES = {PgType.TID, PgType.XID, PgType.XID, PgType.OID};
    public static final int SLOTS = NAMES.length;

    /** Every system column name of a heap relation (a user column may not have one: 42701). */
    private static final Set<String> RESERVED = Set.of("tableoid", "cmax", "xmax", "cmin", "xmin", "ctid");

    public static boolean reserved(String name) {
        return RESERVED.contains(name);
    }

    /** The slot (0 ... SLOTS - 1) of a selectable system column, or -1. */
    public static int slot(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public static PgType type(int slot) {
        return TYPES[slot];
    }

    /**
     * Whether {@code sql} may name a selectable system column (a substring test, so a false yes
     * only reserves slots no one fills).
     */
    public static boolean mentionedIn(String sql) {
        String s = sql.toLowerCase(Locale.ROOT);
        return s.contains("ctid") || s.contains("xmin") || s.contains("xmax") || s.contains("tableoid");
    }

    /** The length of a scan's row of {@code table} for a used array: its columns, and the system slots when reserved. */
    public static int width(TableDescriptor table, boolean[] used) {
        int n = table.columns().size();
        return used != null && used.length >= n + SLOTS ? n + SLOTS : n;
    }

    /** Fills the reserved system slots the query reads ({@code used}) of a row of {@code table} read from {@code t}. */
    public static void fill(TableDescriptor table, Value[] row, boolean[] used, HeapTuple t) {
        int n = table.columns().size();
        if (used == null || used.length < n + SLOTS) {
            return;
        }
        if (used[n]) {
            row[n] = TidValue.of(t.tid());
        }
        if (used[n + 1]) {
            row[n + 1] = new OidValue(PgType.XID, t.xmin());
        }
        if (used[n + 2]) {
            row[n + 2] = new OidValue(PgType.XID, t.xmax());
        }
        if (used[n + 3]) {
            row[n + 3] = OidValue.oid(table.oid());
        }
    }

    /**
     * A row of {@code table} (or a wide row starting with it) with the system slots set to a
     * version's: a new array of at least the columns and the slots.
     */
    public static Value[] with(TableDescriptor table, Value[] row, Tid tid, long xmin, long xmax) {
        int n = table.columns().size();
        Value[] out = row.length >= n + SLOTS ? row.clone() : java.util.Arrays.copyOf(row, n + SLOTS);
        out[n] = TidValue.of(tid);
        out[n + 1] = new OidValue(PgType.XID, xmin);
        out[n + 2] = new OidValue(PgType.XID, xmax);
        out[n + 3] = OidValue.oid(table.oid());
        return out;
    }

    /** A copy of {@code row} long enough for the system slots, only tableoid's set (a row ON CONFLICT DO UPDATE made). */
    public static Value[] withTableOid(TableDescriptor table, Value[] row) {
        int n = table.columns().size();
        Value[] out = java.util.Arrays.copyOf(row, Math.max(row.length, n + SLOTS));
        out[n + 3] = OidValue.oid(table.oid());
        return out;
    }

    /** {@code row}, or a copy long enough for the system slots (NULL there) when it is not. */
    public static Value[] pad(TableDescriptor table, Value[] row) {
        int w = table.columns().size() + SLOTS;
        return row.length >= w ? row : java.util.Arrays.copyOf(row, w);
    }

    /** A used array reading every column and every system slot (UPDATE / DELETE's own scan). */
    public static boolean[] allUsed(TableDescriptor table) {
        boolean[] used = new boolean[table.columns().size() + SLOTS];
        java.util.Arrays.fill(used, true);
        return used;
    }
}
