package org.tuskdb.api.heap;

/**
 * The outcome of an update, delete or row lock (PostgreSQL's TM_Result with TM_FailureData).
 *
 * @param status    what happened
 * @param tid       OK update: the new version; UPDATED: the newer version the row moved to
 *                  (follow it under READ COMMITTED; 40001 under REPEATABLE READ); else null
 * @param xmax      UPDATED / DELETED / SELF_MODIFIED: the transaction that did it
 * @param hot       OK update: the new version is a heap-only tuple (HOT), reached through the
 *                  old version's index entries; the caller inserts none for it (@since 1.4)
 */
public record ModifyResult(Status status, Tid tid, long xmax, boolean hot) {
    public ModifyResult(Status status, Tid tid, long xmax) {
        this(status, tid, xmax, false);
    }

    public enum Status {
        /** Done. */
        OK,
        /** The target version was already updated or deleted by this very command (or a later one of this transaction). */
        SELF_MODIFIED,
        /** A committed concurrent transaction updated the row (see {@link #tid}). */
        UPDATED,
        /** A committed concurrent transaction deleted the row. */
        DELETED,
        /** The version is not visible at all (e.g. its inserter aborted). */
        INVISIBLE,
        /** The caller asked not to wait (NOWAIT / SKIP LOCKED) and the row is locked. */
        WOULD_BLOCK
    }

    public static final ModifyResult OK = new ModifyResult(Status.OK, null, 0);
}
