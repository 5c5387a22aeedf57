package org.tuskdb.api.wal;

/**
 * The resource manager ids of Tusk's own record types (PostgreSQL's rmgrlist.h). Ids 0-127 are
 * Tusk's; a bundle of an integrator takes one from 128 up and registers its
 * {@link ResourceManager} under it. Ids are stored in WAL and must never be reused.
 */
public final class ResourceManagerIds {
    /** Checkpoints, NEXTOID, switch records: the wal bundle's own. */
    public static final int XLOG = 0;
    /** Commit and abort records (transam). */
    public static final int XACT = 1;
    /** File create, unlink and truncate (storage). */
    public static final int SMGR = 2;
    /** Transaction-status log page initialization (transam). */
    public static final int CLOG = 3;
    /** Heap tuple inserts, updates, deletes, locks (heap). */
    public static final int HEAP = 10;
    /** B-tree (later). */
    public static final int BTREE = 11;
    /** Sequences (later). */
    public static final int SEQUENCE = 12;
    /** The first id an integrator's bundle may use. */
    public static final int FIRST_CUSTOM = 128;

    private ResourceManagerIds() {
    }
}
