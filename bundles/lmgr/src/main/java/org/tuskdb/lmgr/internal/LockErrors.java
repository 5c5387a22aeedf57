package org.tuskdb.lmgr.internal;

import java.util.List;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

/** The lock manager's errors, worded as PostgreSQL's. */
final class LockErrors {
    static final String OUT_OF_MEMORY = "53200";
    static final String LOCK_NOT_AVAILABLE = "55P03";
    static final String DEADLOCK_DETECTED = "40P01";

    private LockErrors() {
    }

    static DatabaseException outOfSharedMemory() {
        return new DatabaseException(DatabaseException.Severity.ERROR, OUT_OF_MEMORY, "out of shared memory", null,
                "You might need to increase max_locks_per_transaction.", 0, null);
    }

    static DatabaseException lockTimeout() {
        return DatabaseException.error(LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
    }

    /** One line per edge of the cycle, as DeadLockReport writes them. */
    record Wait(long pid, LockMode mode, LockTag tag, long blockerPid) {
    }

    static DatabaseException deadlock(List<Wait> cycle) {
        StringBuilder detail = new StringBuilder();
        for (Wait wait : cycle) {
            if (!detail.isEmpty()) {
                detail.append('\n');
            }
            detail.append("Process ").append(wait.pid()).append(" waits for ").append(wait.mode().pgName())
                    .append(" on ").append(describe(wait.tag())).append("; blocked by process ")
                    .append(wait.blockerPid()).append('.');
        }
        return new DatabaseException(DatabaseException.Severity.ERROR, DEADLOCK_DETECTED, "deadlock detected",
                detail.toString(), "See server log for query details.", 0, null);
    }

    /** DescribeLockTag's wording. */
    static String describe(LockTag tag) {
        return switch (tag.kind()) {
            case RELATION -> "relation " + tag.field2() + " of database " + tag.field1();
            case TRANSACTION -> "transaction " + tag.field1();
            case TUPLE -> "tuple (" + (tag.field3() >>> 16) + "," + (tag.field3() & 0xFFFF) + ") of relation "
                    + tag.field2() + " of database " + tag.field1();
            case EXTEND -> "extension of relation " + tag.field2() + " of database " + tag.field1();
            case OBJECT -> "object " + tag.field3() + " of class " + tag.field2() + " of database " + tag.field1();
            case ADVISORY -> "advisory lock [" + tag.field1() + "," + tag.field2() + "," + tag.field3() + "]";
        };
    }
}
