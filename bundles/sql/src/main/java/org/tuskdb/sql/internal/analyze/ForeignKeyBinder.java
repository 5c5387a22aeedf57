package org.tuskdb.sql.internal.analyze;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.catalog.ForeignKey;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;

/**
 * Finds the FOREIGN KEYs a modification of a table has to enforce, following the cascaded
 * actions: inserting into (or updating) a table checks its own keys against their referenced
 * tables (locked RowShareLock, as PostgreSQL's {@code SELECT ... FOR KEY SHARE} does); deleting
 * from (or updating) a table acts on the keys referencing it: NO ACTION / RESTRICT read the
 * referencing table (RowShareLock), CASCADE / SET NULL / SET DEFAULT change it (RowExclusiveLock),
 * which in turn is a delete from / update of that table.
 */
public final class ForeignKeyBinder {
    private ForeignKeyBinder() {}

    private record Work(TableDescriptor table, boolean inserts, boolean deletes, boolean updates) {}

    public static ForeignKeyGraph bind(TableDescriptor target, ModifyQuery.Kind kind, ParseState ps) {
        return bind(target, kind == ModifyQuery.Kind.INSERT, kind == ModifyQuery.Kind.DELETE,
            kind == ModifyQuery.Kind.UPDATE, ps);
    }

    /** With the target's operations given (INSERT ... ON CONFLICT DO UPDATE inserts and updates). */
    public static ForeignKeyGraph bind(TableDescriptor target, boolean inserts, boolean deletes, boolean updates,
                                       ParseState ps) {
        if (target.foreignKeys().isEmpty() && target.referencedBy().isEmpty()) {
            return ForeignKeyGraph.NONE;
        }
        Map<Long, List<ForeignKeyGraph.Bound>> out = new HashMap<>();
        Map<Long, List<ForeignKeyGraph.Bound>> in = new HashMap<>();
        Set<String> seen = new HashSet<>();
        ArrayDeque<Work> work = new ArrayDeque<>();
        work.add(new Work(target, inserts, deletes, updates));
        while (!work.isEmpty()) {
            Work w = work.poll();
            TableDescriptor t = w.table();
            if ((w.inserts() || w.updates()) && seen.add(t.oid() + "/out")) {
                List<ForeignKeyGraph.Bound> list = new ArrayList<>();
                for (ForeignKey fk : t.foreignKeys()) {
                    TableDescriptor parent = fk.parentOid() == t.oid() ? t
                        : table(ps, fk.parentSchema(), fk.parentName(), LockMode.ROW_SHARE);
                    list.add(bound(fk, t, parent));
                }
                if (!list.isEmpty()) {
                    out.put(t.oid(), List.copyOf(list));
                }
            }
            for (boolean delete : new boolean[] {true, false}) {
                if (!(delete ? w.deletes() : w.updates()) || !seen.add(t.oid() + (delete ? "/del" : "/upd"))) {
                    continue;
                }
                List<ForeignKeyGraph.Bound> list = new ArrayList<>(in.getOrDefault(t.oid(), List.of()));
                for (ForeignKey fk : t.referencedBy()) {
                    char action = delete ? fk.onDelete() : fk.onUpdate();
                    boolean modifies = action != ForeignKey.NO_ACTION && action != ForeignKey.RESTRICT;
                    TableDescriptor child = fk.childOid() == t.oid() ? t : table(ps, fk.childSchema(), fk.childName(),
                        modifies ? LockMode.ROW_EXCLUSIVE : LockMode.ROW_SHARE);
                    if (list.stream().noneMatch(b -> b.key().oid() == fk.oid())) {
                        list.add(bound(fk, child, t));
                    }
                    if (modifies) {
                        boolean cascadeDelete = delete && action == ForeignKey.CASCADE;
                        work.add(new Work(child, false, cascadeDelete, !cascadeDelete));
                    }
                }
                if (!list.isEmpty()) {
                    in.put(t.oid(), List.copyOf(list));
                }
            }
        }
        return new ForeignKeyGraph(Map.copyOf(out), Map.copyOf(in));
    }

    private static TableDescriptor table(ParseState ps, String schema, String name, LockMode mode) {
        Relation r = ps.lookup(schema, name, mode, 0, false);
        if (!(r instanceof TableDescriptor t)) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "foreign key table \"" + name + "\" is not a table");
        }
        return t;
    }

    /** One key bound to its two tables (ALTER TABLE ADD FOREIGN KEY's check of the existing rows). */
    public static ForeignKeyGraph.Bound bindOne(ForeignKey fk, TableDescriptor child, TableDescriptor parent) {
        return bound(fk, child, parent);
    }

    private static ForeignKeyGraph.Bound bound(ForeignKey fk, TableDescriptor child, TableDescriptor parent) {
        return new ForeignKeyGraph.Bound(fk, child, parent, uniqueIndexOn(parent, fk.parentColumns()),
            leadingIndexOn(child, fk.childColumns()));
    }

    private static IndexDescriptor uniqueIndexOn(TableDescriptor t, int[] cols) {
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.unique() && ix.plain() && ix.columns().length == cols.length && leadsWith(ix, cols)) {
                return ix;
            }
        }
        throw DatabaseException.error("42830", "there is no unique constraint matching given keys for referenced table \""
            + t.name() + "\"");
    }

    private static IndexDescriptor leadingIndexOn(TableDescriptor t, int[] cols) {
        for (IndexDescriptor ix : t.indexes()) {
            if (ix.plain() && ix.columns().length >= cols.length && leadsWith(ix, cols)) {
                return ix;
            }
        }
        return null;
    }

    /** Whether the first cols.length columns of ix are the set cols. */
    private static boolean leadsWith(IndexDescriptor ix, int[] cols) {
        for (int i = 0; i < cols.length; i++) {
            boolean found = false;
            for (int c : cols) {
                found |= ix.columns()[i] == c;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
