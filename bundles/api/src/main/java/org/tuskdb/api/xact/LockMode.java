package org.tuskdb.api.xact;

/**
 * PostgreSQL's eight table lock modes, weakest first, and its conflict table (lock.c's
 * LockConflicts): {@link #conflictsWith} is symmetric.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    /** Bit i set: conflicts with ordinal i. */
    private static final int[] CONFLICTS = {
        0b1000_0000, // ACCESS_SHARE: ACCESS_EXCLUSIVE
        0b1100_0000, // ROW_SHARE: EXCLUSIVE, ACCESS_EXCLUSIVE
        0b1111_0000, // ROW_EXCLUSIVE: SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE
        0b1111_1000, // SHARE_UPDATE_EXCLUSIVE: itself and stronger
        0b1110_1100, // SHARE: ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, ...
        0b1111_1100, // SHARE_ROW_EXCLUSIVE: ROW_EXCLUSIVE and stronger
        0b1111_1110, // EXCLUSIVE: ROW_SHARE and stronger
        0b1111_1111, // ACCESS_EXCLUSIVE: everything
    };

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    /** As pg_locks.mode shows it. */
    public String pgName() {
        return pgName;
    }

    public boolean conflictsWith(LockMode other) {
        return (CONFLICTS[ordinal()] & (1 << other.ordinal())) != 0;
    }

    /** Bit mask of the modes this one conflicts with (bit = ordinal). */
    public int conflictMask() {
        return CONFLICTS[ordinal()];
    }
}
