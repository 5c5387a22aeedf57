package org.tuskdb.api.xact;

/**
 * Transactions of this server (PostgreSQL's xact.c, varsup.c, procarray.c, clog.c): xid and OID
 * assignment, commit status in pg_xact cached in the segment, the shared table of running
 * transactions that snapshots are taken from. Transaction ids are 64-bit and never wrap.
 *
 * <p>Special xids: 0 invalid, 1 bootstrap (always committed: rows made when the data directory
 * was created), 2 frozen (always committed); normal xids start at 3.
 */
public interface TransactionManager {
    long INVALID_XID = 0;
    long BOOTSTRAP_XID = 1;
    long FROZEN_XID = 2;
    long FIRST_NORMAL_XID = 3;
    /** OIDs below this are the catalog's own (PostgreSQL's FirstNormalObjectId). */
    long FIRST_NORMAL_OID = 16384;

    /** Begins a top-level transaction in this process (one at a time per session). */
    Transaction begin(IsolationLevel isolation, boolean readOnly, Interruptible interrupts);

    /** The outcome of {@code xid}, as pg_xact records it (a sub-committed xid is IN_PROGRESS until its top commits). */
    XidStatus status(long xid);

    /** Waits until the transaction {@code xid} (or its top-level transaction) has ended. */
    void waitForTransaction(long xid, Interruptible interrupts);

    /** A new OID, unique in the server (relations, types, ...). WAL-logged in batches, never reused after a crash. */
    long newOid();

    /** The next xid to be assigned. */
    long nextXid();

    /** The oldest xmin of any running transaction or snapshot (what vacuum may not remove). */
    long oldestXmin();

    /**
     * A horizon for opportunistic pruning and index-entry killing: never newer than
     * {@link #oldestXmin()}, possibly older (the one this process computed at its last snapshot,
     * as PostgreSQL's GlobalVisState), so whatever is dead against it is dead to everyone. It
     * spares the hot paths a scan of the running-transaction table; VACUUM uses oldestXmin.
     *
     * @since 1.5
     */
    default long pruneHorizon() {
        return oldestXmin();
    }

    /**
     * The top-level xid the process in ProcArray slot {@code slot} has assigned, 0 when none
     * (pg_stat_activity.backend_xid). A racy read: the transaction may end at once.
     *
     * @since 1.4
     */
    default long backendXid(int slot) {
        return INVALID_XID;
    }

    /**
     * The xmin of the snapshot the process in ProcArray slot {@code slot} holds, 0 when none
     * (pg_stat_activity.backend_xmin): what holds back the horizon vacuum and pruning use.
     *
     * @since 1.4
     */
    default long backendXmin(int slot) {
        return INVALID_XID;
    }

    /**
     * The WAL position that must be durable before a page recording {@code xid}'s commit as a
     * hint bit may be written (PostgreSQL's commit LSN in SetHintBits): a hint bit for a
     * transaction that committed asynchronously may be set only when
     * {@code wal.flushedPosition() >= commitLsn(xid)} or when the page's own LSN is already at
     * or past it. Conservative (the latest commit of the pg_xact page holding {@code xid});
     * 0 when nothing needs flushing.
     */
    default long commitLsn(long xid) {
        return 0;
    }
}
