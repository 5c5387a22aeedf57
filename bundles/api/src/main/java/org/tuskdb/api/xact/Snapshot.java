package org.tuskdb.api.xact;

/**
 * An MVCC snapshot (PostgreSQL's SnapshotData): which transactions' effects a statement or a
 * REPEATABLE READ transaction sees. Immutable.
 *
 * <p>Visibility of a tuple version to a snapshot, for xid X that wrote it (xmin) or removed it
 * (xmax): X's effects are seen when X is the viewing transaction's own (and the change came
 * from an earlier command: cmin/cmax below {@link #commandId()}), or when X committed and
 * {@link #isInProgress(long) was not in progress} for this snapshot.
 */
public interface Snapshot {
    /** Every xid below this had finished when the snapshot was taken. */
    long xmin();

    /** Every xid at or above this had not started (had not been assigned) yet. */
    long xmax();

    /** Changes of the owning transaction made by this command or later are not seen. */
    int commandId();

    /**
     * True when X's effects must be treated as not yet committed for this snapshot: X was
     * running (itself or as a subtransaction of a running top-level transaction) when the
     * snapshot was taken, or started later. False means: look at X's status in pg_xact.
     */
    boolean isInProgress(long xid);
}
