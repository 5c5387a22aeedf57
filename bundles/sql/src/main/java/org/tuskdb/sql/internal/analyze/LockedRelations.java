package org.tuskdb.sql.internal.analyze;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * Which FROM items of a SELECT its locking clause applies to (PostgreSQL's transformLockingClause
 * and the checks of its planner): without OF every table of the level, with OF the named ones,
 * each with the strongest strength of the clauses naming it. A SELECT over one plain table keeps
 * the clause as written and reads the row's tid from the scan's extra value; over joins every
 * locked table's slice of the wide row gets one slot more after its columns for that tid, so the
 * join nodes carry it to LockRows with the slice.
 */
final class LockedRelations {
    private LockedRelations() {}

    /** The lock for the FROM item named {@code ref}, or null when the clause does not apply to it. */
    static RowLock forItem(Statement.Select s, String ref) {
        RowLock lock = s.rowLock();
        if (lock == null || lock.of().isEmpty()) {
            return lock;
        }
        RowLockMode strength = null;
        for (RowLock.OfName n : lock.of()) {
            if (n.name().equals(ref) && (strength == null || n.strength().compareTo(strength) > 0)) {
                strength = n.strength();
            }
        }
        if (strength == null) {
            return null;
        }
        return singleTable(s) ? lock : new RowLock(strength, lock.waitPolicy(), lock.of());
    }

    /** Whether the SELECT reads one table and nothing else (the tid then travels as the scan's extra value). */
    static boolean singleTable(Statement.Select s) {
        return s.from().size() == 1 && s.from().get(0) instanceof Statement.FromTable;
    }

    /** 0A000 when a locked table lies on the nullable side of an outer join (as PostgreSQL's planner). */
    static void checkNullableSides(FromNode n, boolean nullable) {
        switch (n) {
            case FromNode.BaseRel b -> {
                if (nullable && b.rowLock() != null) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "FOR "
                        + RowLock.sqlName(b.rowLock().strength()) + " cannot be applied to the nullable side of an outer join");
                }
            }
            case FromNode.Join j -> {
                Statement.JoinKind k = j.kind();
                checkNullableSides(j.left(), nullable || k == Statement.JoinKind.RIGHT || k == Statement.JoinKind.FULL);
                checkNullableSides(j.right(), nullable || k == Statement.JoinKind.LEFT || k == Statement.JoinKind.FULL);
            }
            case FromNode.Lateral l -> checkNullableSides(l.inner(), nullable);
            default -> { }
        }
    }

    /** The 0A000 for a locked FROM item that is no table (a derived table or a WITH query). */
    static DatabaseException notTable(RowLock lock, String what, int position) {
        return DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
            "FOR " + RowLock.sqlName(lock.strength()) + " of " + what + " is not supported yet", position);
    }
}
