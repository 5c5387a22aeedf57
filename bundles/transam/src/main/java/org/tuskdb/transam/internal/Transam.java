package org.tuskdb.transam.internal;

import static org.tuskdb.transam.internal.TransamLayout.HIGHEST_REPLAYED_XID;
import static org.tuskdb.transam.internal.TransamLayout.LATEST_COMPLETED_XID;
import static org.tuskdb.transam.internal.TransamLayout.NEXT_OID;
import static org.tuskdb.transam.internal.TransamLayout.NEXT_XID;
import static org.tuskdb.transam.internal.TransamLayout.OID_LIMIT;
import static org.tuskdb.transam.internal.TransamLayout.RECOVERY_BOUNDARY;
import static org.tuskdb.transam.internal.TransamLayout.XID_GEN_LOCK;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * This process's view of the transam region: the xid and OID counters (varsup.c), pg_xact
 * ({@link Clog}), the running-transaction table ({@link ProcTable}) and the subtrans map, plus
 * the WAL side of commit, abort, NEXTOID and recovery. Holds no shared state itself: several
 * instances over one region (one per process, or per component) see the same server.
 */
final class Transam implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transam.class);

    /** OIDs reserved per NEXTOID record (PostgreSQL's VAR_OID_PREFETCH). */
    static final long OID_PREFETCH = 8192;
    static final long MAX_OID = 0xFFFF_FFFFL;
    private static final int STATE_VERSION = 1;

    final MemorySegment region;
    final TransamLayout layout;
    final SubtransMap subtrans;
    final ProcTable procs;
    final Clog clog;
    /** Null only in unit tests that run without a WAL. */
    final WriteAheadLog wal;
    /**
     * The last xid {@link #status} found COMMITTED and no longer running (PostgreSQL's
     * cachedFetchXid). That outcome is final, so the same xid asked again (every tuple a bulk
     * load wrote, seen by VACUUM or the first scans before hint bits) needs neither pg_xact nor a
     * walk of the ProcArray under its lock. This process's own; a stale read by another thread
     * of it only costs the full check.
     */
    private volatile long finishedCommitted = -1; // no xid

    Transam(MemorySegment region, Path dataDirectory, WriteAheadLog wal, boolean fsync) {
        this.region = region;
        this.layout = TransamLayout.of(region);
        this.subtrans = new SubtransMap(region, layout);
        this.procs = new ProcTable(region, layout, subtrans);
        this.clog = new Clog(region, layout, dataDirectory.resolve("pg_xact"), wal, fsync);
        this.wal = wal;
    }

    // ---- xids ---------------------------------------------------------------------------

    /**
     * Takes the next xid and publishes it in {@code slot}'s entry, as top-level xid
     * ({@code topXid} 0) or as subxid of {@code topXid} (GetNewTransactionId). Both under
     * XidGenLock, so that any xid below a snapshot's xmax that is still running is visible in
     * the table: a later xid can only complete (and raise latestCompletedXid) after this store.
     */
    long assignXid(int slot, long topXid) {
        if (slot < 0 || slot >= layout.procSlots) {
            throw new IllegalStateException("this process has no transaction slot (slot " + slot + ")");
        }
        LWLock.acquireExclusive(region, XID_GEN_LOCK);
        try {
            long xid = Atomics.getLong(region, NEXT_XID);
            Atomics.setLongRelease(region, NEXT_XID, xid + 1);
            if (topXid == 0) {
                procs.publishTop(slot, xid);
            } else {
                procs.publishSub(slot, xid, topXid);
            }
            return xid;
        } finally {
            LWLock.release(region, XID_GEN_LOCK);
        }
    }

    long nextXid() {
        return Atomics.getLongAcquire(region, NEXT_XID);
    }

    /**
     * The outcome of {@code xid} for everyone who acts on it (visibility, writers, waits): as
     * pg_xact records it, except that a COMMITTED transaction still listed in the running table
     * is IN_PROGRESS. PostgreSQL's visibility code asks TransactionIdIsInProgress before
     * TransactionIdDidCommit for the same reason: pg_xact says COMMITTED just before the
     * transaction leaves the ProcArray, and snapshots taken in between still see it running. A
     * writer that built on such a commit (updating the committed new version) could commit and
     * leave the ProcArray first; a snapshot then saw its change but not the one it built on
     * (two versions of one row, a lost transfer). ABORTED needs no such care: an aborted xid's
     * changes are never visible.
     */
    XidStatus status(long xid) {
        if (xid == finishedCommitted) {
            return XidStatus.COMMITTED;
        }
        XidStatus recorded = recordedStatus(xid);
        if (recorded == XidStatus.COMMITTED && xid >= TransactionManager.FIRST_NORMAL_XID) {
            if (procs.isRunning(xid)) {
                return XidStatus.IN_PROGRESS;
            }
            finishedCommitted = xid;
        }
        return recorded;
    }

    /** The outcome as pg_xact records it (TransactionIdDidCommit / DidAbort). */
    XidStatus recordedStatus(long xid) {
        if (xid < TransactionManager.FIRST_NORMAL_XID) {
            return xid == TransactionManager.INVALID_XID ? XidStatus.ABORTED : XidStatus.COMMITTED;
        }
        if (xid >= nextXid()) {
            return XidStatus.IN_PROGRESS;
        }
        return switch (clog.status(xid)) {
            case Clog.COMMITTED -> XidStatus.COMMITTED;
            case Clog.ABORTED -> XidStatus.ABORTED;
            // In progress or sub-committed: below the recovery boundary it never finished.
            default -> xid < Atomics.getLong(region, RECOVERY_BOUNDARY) ? XidStatus.ABORTED : XidStatus.IN_PROGRESS;
        };
    }

    /**
     * True while a transaction holds {@code xid} (top-level or subxid of a running one):
     * TransactionIdIsInProgress. An aborted xid is not running even while its top-level
     * transaction is (a rolled-back subtransaction found through the subtrans map).
     */
    boolean isRunning(long xid) {
        if (xid < TransactionManager.FIRST_NORMAL_XID || xid >= nextXid() || xid == finishedCommitted) {
            return false;
        }
        if (recordedStatus(xid) == XidStatus.ABORTED) {
            return false;
        }
        return procs.isRunning(xid);
    }

    // ---- OIDs ---------------------------------------------------------------------------

    /**
     * GetNewObjectId: fetch-and-add on the counter; whoever takes an OID at or past the logged
     * limit WAL-logs a NEXTOID record reserving the next {@value #OID_PREFETCH} before using
     * it (racing takers may each log one: redo keeps the maximum). The record need not be
     * flushed: every durable use of the OID is WAL-logged after it.
     */
    long newOid() {
        long oid = Atomics.getAndAddLong(region, NEXT_OID, 1);
        if (oid > MAX_OID) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "OID counter exhausted");
        }
        while (oid >= Atomics.getLongAcquire(region, OID_LIMIT)) {
            long limit = oid + OID_PREFETCH;
            if (wal != null) {
                wal.record(ResourceManagerIds.XACT, XactRecords.NEXTOID).data(XactRecords.nextOid(limit)).insert();
            }
            casMax(OID_LIMIT, limit);
        }
        return oid;
    }

    // ---- commit and abort ---------------------------------------------------------------

    /** Inserts the commit record of {@code top} with its committed subxids; its end LSN (0 without WAL). */
    long logCommit(long top, long[] subs, int from, int to) {
        if (wal == null) {
            return 0;
        }
        return wal.record(ResourceManagerIds.XACT, XactRecords.COMMIT).xid(top)
                .data(XactRecords.xids(System.currentTimeMillis(), top, subs, from, to)).insert();
    }

    /** Inserts an abort record for {@code xids} (not flushed: absence of a commit record means aborted anyway). */
    void logAbort(long top, long[] xids, int from, int to) {
        if (wal == null) {
            return;
        }
        try {
            wal.record(ResourceManagerIds.XACT, XactRecords.ABORT).xid(top)
                    .data(XactRecords.xids(System.currentTimeMillis(), top, xids, from, to)).insert();
        } catch (RuntimeException e) {
            // The abort stands without its record: recovery treats a missing commit as abort.
            LOG.warn("could not log abort of transaction {}: {}", top, e.toString());
        }
    }

    // ---- checkpoint and recovery --------------------------------------------------------

    /** pg_xact made durable (CheckPointCLOG). */
    void checkpoint() {
        // The redo point is fixed: commits whose record lies before it must reach pg_xact
        // before pg_xact is written (PostgreSQL's GetVirtualXIDsDelayingChkpt wait).
        procs.waitForDelayingCommits();
        clog.checkpoint();
    }

    /**
     * The next xid and the OID limit: the limit, not the counter, so that OIDs handed out after
     * this call but covered by an earlier NEXTOID record are never handed out again.
     */
    byte[] checkpointState() {
        return ByteBuffer.allocate(20).putInt(STATE_VERSION).putLong(nextXid())
                .putLong(Atomics.getLongAcquire(region, OID_LIMIT)).array();
    }

    void startRecovery(byte[] state) {
        long nextXid = TransactionManager.FIRST_NORMAL_XID;
        long nextOid = TransactionManager.FIRST_NORMAL_OID;
        if (state != null) {
            ByteBuffer b = ByteBuffer.wrap(state);
            int version = b.getInt();
            if (version != STATE_VERSION) {
                throw DatabaseException.fatal(SqlState.INTERNAL_ERROR, "unknown transam checkpoint state version " + version);
            }
            nextXid = Math.max(nextXid, b.getLong());
            nextOid = Math.max(nextOid, b.getLong());
        }
        Atomics.setLongRelease(region, NEXT_XID, nextXid);
        Atomics.setLongRelease(region, LATEST_COMPLETED_XID, nextXid - 1);
        Atomics.setLongRelease(region, NEXT_OID, nextOid);
        Atomics.setLongRelease(region, OID_LIMIT, nextOid);
        Atomics.setLongRelease(region, RECOVERY_BOUNDARY, nextXid);
        Atomics.setLongRelease(region, HIGHEST_REPLAYED_XID, 0);
        LOG.debug("transam recovery starts at next xid {}, next OID {}", nextXid, nextOid);
    }

    /**
     * After replay: the next xid is past every xid in the WAL, and every xid below it that is
     * not COMMITTED or ABORTED in pg_xact is from now on reported ABORTED (the recovery
     * boundary); pg_xact bits at and after it are cleared.
     */
    void endRecovery(long highestXid) {
        long next = Math.max(nextXid(), Math.max(highestXid, Atomics.getLongAcquire(region, HIGHEST_REPLAYED_XID)) + 1);
        Atomics.setLongRelease(region, NEXT_XID, next);
        Atomics.setLongRelease(region, LATEST_COMPLETED_XID, next - 1);
        Atomics.setLongRelease(region, RECOVERY_BOUNDARY, next);
        long oidLimit = Atomics.getLongAcquire(region, OID_LIMIT);
        Atomics.setLongRelease(region, NEXT_OID, Math.max(oidLimit, Atomics.getLongAcquire(region, NEXT_OID)));
        clog.trim(next);
        LOG.info("transam: next xid {}, next OID {}", next, Atomics.getLongAcquire(region, NEXT_OID));
    }

    void redo(WalRecord record) {
        switch (record.info()) {
            case XactRecords.COMMIT -> {
                XactRecords.XidList list = XactRecords.XidList.decode(record.data());
                clog.setTreeStatus(list.top(), list.xids(), 0, list.xids().length, Clog.COMMITTED, 0);
                casMax(HIGHEST_REPLAYED_XID, list.highest());
            }
            case XactRecords.ABORT -> {
                XactRecords.XidList list = XactRecords.XidList.decode(record.data());
                for (long xid : list.xids()) {
                    clog.setStatus(xid, Clog.ABORTED, 0);
                }
                casMax(HIGHEST_REPLAYED_XID, list.highest());
            }
            case XactRecords.NEXTOID -> {
                long limit = XactRecords.decodeNextOid(record.data());
                casMax(OID_LIMIT, limit);
                casMax(NEXT_OID, limit);
            }
            default -> throw DatabaseException.fatal(SqlState.INTERNAL_ERROR,
                    "unknown XACT record info " + record.info() + " at " + record.lsn());
        }
    }

    static String describe(WalRecord record) {
        return switch (record.info()) {
            case XactRecords.COMMIT -> {
                XactRecords.XidList l = XactRecords.XidList.decode(record.data());
                yield "COMMIT xid " + l.top() + (l.xids().length == 0 ? "" : " subxacts " + java.util.Arrays.toString(l.xids()));
            }
            case XactRecords.ABORT -> {
                XactRecords.XidList l = XactRecords.XidList.decode(record.data());
                yield "ABORT top " + l.top() + " xids " + java.util.Arrays.toString(l.xids());
            }
            case XactRecords.NEXTOID -> "NEXTOID " + XactRecords.decodeNextOid(record.data());
            default -> "XACT info " + record.info();
        };
    }

    private void casMax(long offset, long value) {
        long seen = Atomics.getLongAcquire(region, offset);
        while (value > seen) {
            long witness = Atomics.compareAndExchangeLong(region, offset, seen, value);
            if (witness == seen) {
                return;
            }
            seen = witness;
        }
    }

    @Override
    public void close() {
        clog.close();
    }
}
