package org.tuskdb.sql.internal.ast;

import java.util.List;
import org.tuskdb.api.heap.RowLockMode;

/**
 * The locking clauses of a SELECT ({@code FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, ...]
 * [NOWAIT | SKIP LOCKED]}, any number of them) merged as PostgreSQL's applyLockingClause merges
 * those that apply to one relation: the strongest strength and the strongest wait policy.
 *
 * @param of every relation name of an OF list, with the clause that named it (its strength names
 *           the clause in errors); a clause without OF applies to every relation
 */
public record RowLock(RowLockMode strength, WaitPolicy waitPolicy, List<OfName> of) {
    /** PostgreSQL's LockWaitPolicy, weakest first: wait, skip the row, or fail (55P03). */
    public enum WaitPolicy { BLOCK, SKIP, ERROR }

    /** A name in an OF list; {@code qualified} when it had a dot (42601). */
    public record OfName(String name, boolean qualified, RowLockMode strength, int location) {}

    public RowLock(RowLockMode strength, WaitPolicy waitPolicy) {
        this(strength, waitPolicy, List.of());
    }

    /** This clause and another one together. */
    public RowLock merge(RowLock other) {
        List<OfName> names = new java.util.ArrayList<>(of);
        names.addAll(other.of);
        return new RowLock(strength.compareTo(other.strength) >= 0 ? strength : other.strength,
            waitPolicy.compareTo(other.waitPolicy) >= 0 ? waitPolicy : other.waitPolicy, List.copyOf(names));
    }

    /** Whether rows are waited for (no NOWAIT / SKIP LOCKED). */
    public boolean waits() { return waitPolicy == WaitPolicy.BLOCK; }

    /** FOR's SQL words: UPDATE, NO KEY UPDATE, SHARE, KEY SHARE. */
    public static String sqlName(RowLockMode m) {
        return switch (m) {
            case UPDATE -> "UPDATE";
            case NO_KEY_UPDATE -> "NO KEY UPDATE";
            case SHARE -> "SHARE";
            case KEY_SHARE -> "KEY SHARE";
        };
    }
}
