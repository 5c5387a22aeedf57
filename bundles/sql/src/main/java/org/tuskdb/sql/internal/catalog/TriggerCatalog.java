package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Reads a table's pg_trigger rows when the relation cache loads it (with the snapshot of the
 * load), with each trigger's function from pg_proc and its WHEN condition analyzed. A statement
 * over the table then finds its triggers in the descriptor: no catalog reads while it runs.
 */
public final class TriggerCatalog {
    private TriggerCatalog() {}

    public static TableDescriptor attach(TableDescriptor table, CatalogStore store, Snapshot snapshot,
                                         RelationCache.ExpressionLoader loader) {
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, table.oid(),
            snapshot);
        if (rows.isEmpty()) {
            return table;
        }
        List<Trigger> out = new ArrayList<>();
        for (CatalogStore.Entry e : rows) {
            out.add(read(e.row(), table, table.oid(), table::position, store, snapshot, loader));
        }
        out.sort(Comparator.comparing(Trigger::name));
        return table.withTriggers(new TriggerSet(out));
    }

    /** The same for a view (INSTEAD OF and statement triggers: no UPDATE OF columns). */
    public static ViewDescriptor attach(ViewDescriptor view, CatalogStore store, Snapshot snapshot,
                                        RelationCache.ExpressionLoader loader) {
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, view.oid(),
            snapshot);
        if (rows.isEmpty()) {
            return view;
        }
        List<Trigger> out = new ArrayList<>();
        for (CatalogStore.Entry e : rows) {
            out.add(read(e.row(), view, view.oid(), attnum -> attnum - 1, store, snapshot, loader));
        }
        out.sort(Comparator.comparing(Trigger::name));
        return view.withTriggers(new TriggerSet(out));
    }

    /** One pg_trigger row as a {@link Trigger} of {@code table} ({@code position}: an attnum's column position). */
    private static Trigger read(Value[] r, Relation table, long relid, java.util.function.IntUnaryOperator position,
                                CatalogStore store, Snapshot snapshot, RelationCache.ExpressionLoader loader) {
        long foid = ((OidValue) r[CatalogTables.TG_FOID]).value();
        UserFunction f = null;
        for (CatalogStore.Entry p : store.rowsWhere(CatalogTables.PG_PROC, 0, foid, snapshot)) {
            f = UserFunction.fromRow(p.row(), oid -> null);
        }
        int[] attnums = attnums(r[CatalogTables.TG_ATTR]);
        int[] columns = new int[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            columns[i] = position.applyAsInt(attnums[i]);
        }
        String qual = r[CatalogTables.TG_QUAL] == null ? null : ((TextValue) r[CatalogTables.TG_QUAL]).value();
        return new Trigger(((OidValue) r[CatalogTables.TG_OID]).value(), relid,
            ((TextValue) r[CatalogTables.TG_NAME]).value(), foid,
            (int) ((IntegerValue) r[CatalogTables.TG_TYPE]).value(),
            ((TextValue) r[CatalogTables.TG_ENABLED]).value().charAt(0), args(r[CatalogTables.TG_ARGS]), attnums,
            columns, qual, qual == null ? null : loader.analyzeTriggerWhen(qual, table), f);
    }

    /** The names a WHEN condition's row {@code [OLD..., NEW...]} prints its columns by: old.c, ..., new.c, .... */
    public static String[] conditionNames(Relation table) {
        int n = table.columns().size();
        String[] names = new String[2 * n];
        for (int i = 0; i < n; i++) {
            String c = RelationCache.quoteIdent(table.columns().get(i).name());
            names[i] = "old." + c;
            names[n + i] = "new." + c;
        }
        return names;
    }

    /** tgargs as stored: each argument ended by a NUL. */
    public static List<String> args(Value v) {
        if (v == null) {
            return List.of();
        }
        String s = ((TextValue) v).value();
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\0') {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        return List.copyOf(out);
    }

    /** tgattr as stored: "1 3" (empty: no UPDATE OF list). */
    public static int[] attnums(Value v) {
        String s = v == null ? "" : ((TextValue) v).value().strip();
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(" +");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }
}
