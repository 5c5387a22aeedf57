package org.tuskdb.transam.internal;

import static org.tuskdb.transam.internal.TransamLayout.ENTRY_DELAY_CHECKPOINT;
import static org.tuskdb.transam.internal.TransamLayout.ENTRY_OVERFLOWED;
import static org.tuskdb.transam.internal.TransamLayout.ENTRY_SUBXIDS;
import static org.tuskdb.transam.internal.TransamLayout.ENTRY_SUB_COUNT;
import static org.tuskdb.transam.internal.TransamLayout.ENTRY_XID;
import static org.tuskdb.transam.internal.TransamLayout.ENTRY_XMIN;
import static org.tuskdb.transam.internal.TransamLayout.LATEST_COMPLETED_XID;
import static org.tuskdb.transam.internal.TransamLayout.PROC_ARRAY_LOCK;
import static org.tuskdb.transam.internal.TransamLayout.SUBXID_CACHE;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The running-transaction table (PostgreSQL's procarray.c): per ProcArray slot the top-level
 * xid, the snapshot xmin and a cache of subxids, from which snapshots are taken.
 *
 * <p>Who writes: only the process owning a slot writes its entry. Publishing a new xid (top or
 * sub) happens under XidGenLock together with advancing nextXid (see {@link Transam#assignXid}),
 * without ProcArrayLock: a reader sees either the old or the new value of each word, and the
 * subxid count is stored (release) after the subxid. Clearing the entry at transaction end and
 * removing rolled-back subxids happen under ProcArrayLock exclusive, together with advancing
 * latestCompletedXid. Snapshots read under ProcArrayLock shared.
 */
final class ProcTable {
    private final MemorySegment region;
    private final TransamLayout layout;
    private final SubtransMap subtrans;
    /**
     * This process's RecentXmin, PostgreSQL's name: at its last snapshot no xid below this one
     * was running (the least top-level xid in the table, its own included, or latestCompleted + 1).
     * Those transactions have ended for good, so {@link #isRunning} answers false for them
     * without reading the table under ProcArrayLock — the question the visibility code asks for
     * every tuple whose hint bits are not yet set. Only ever raised; a racing thread of the same
     * process storing an older value only makes the shortcut rarer.
     */
    private volatile long recentXmin;
    /**
     * The horizon {@link #oldestXmin} would have answered at this process's last snapshot
     * (PostgreSQL's GlobalVisState, computed in GetSnapshotData). It can only be older than
     * the current one, so pruning with it removes less but never too much.
     */
    private volatile long recentHorizon;

    ProcTable(MemorySegment region, TransamLayout layout, SubtransMap subtrans) {
        this.region = region;
        this.layout = layout;
        this.subtrans = subtrans;
    }

    /** Caller holds XidGenLock. */
    void publishTop(int slot, long xid) {
        long e = layout.entry(slot);
        Atomics.setLongRelease(region, e + ENTRY_XID, xid);
    }

    /** Caller holds XidGenLock. */
    void publishSub(int slot, long subxid, long topXid) {
        long e = layout.entry(slot);
        int count = Atomics.getInt(region, e + ENTRY_SUB_COUNT);
        if (count < SUBXID_CACHE) {
            Atomics.setLong(region, e + ENTRY_SUBXIDS + count * 8L, subxid);
            Atomics.setIntRelease(region, e + ENTRY_SUB_COUNT, count + 1);
        } else {
            subtrans.record(subxid, topXid);
            Atomics.setIntRelease(region, e + ENTRY_OVERFLOWED, 1);
        }
    }

    /**
     * A subtransaction rolled back (its xids are already ABORTED in pg_xact): drops them from the
     * cache and advances latestCompletedXid (XidCacheRemoveRunningXids). {@code xids} sorted.
     */
    void removeSubxids(int slot, long[] xids, int from, int to) {
        long e = layout.entry(slot);
        LWLock.acquireExclusive(region, PROC_ARRAY_LOCK);
        try {
            int count = Atomics.getInt(region, e + ENTRY_SUB_COUNT);
            int kept = 0;
            for (int i = 0; i < count; i++) {
                long s = Atomics.getLong(region, e + ENTRY_SUBXIDS + i * 8L);
                if (Arrays.binarySearch(xids, from, to, s) < 0) {
                    Atomics.setLong(region, e + ENTRY_SUBXIDS + kept * 8L, s);
                    kept++;
                }
            }
            Atomics.setIntRelease(region, e + ENTRY_SUB_COUNT, kept);
            advanceLatestCompleted(xids[to - 1]);
        } finally {
            LWLock.release(region, PROC_ARRAY_LOCK);
        }
    }

    /** The transaction ended (pg_xact already says how): leaves the table (ProcArrayEndTransaction). */
    void endTransaction(int slot, long latestXid) {
        long e = layout.entry(slot);
        LWLock.acquireExclusive(region, PROC_ARRAY_LOCK);
        try {
            Atomics.setLong(region, e + ENTRY_XID, 0);
            Atomics.setLong(region, e + ENTRY_XMIN, 0);
            Atomics.setInt(region, e + ENTRY_SUB_COUNT, 0);
            Atomics.setInt(region, e + ENTRY_OVERFLOWED, 0);
            advanceLatestCompleted(latestXid);
        } finally {
            LWLock.release(region, PROC_ARRAY_LOCK);
        }
    }

    /**
     * PostgreSQL's DELAY_CHKPT_START: set before the commit record is inserted, cleared once
     * pg_xact has the commit. A checkpoint whose redo point lies after the record must not write
     * pg_xact before the bit is set, or a crash would lose the commit: replay starts after the
     * record, and the pg_xact page on disk would not have it. {@link #waitForDelayingCommits}
     * makes the checkpoint wait. The full fence of getAndSet orders the flag before the
     * record's space is reserved.
     */
    void beginDelayCheckpoint(int slot, long sequence) {
        Atomics.getAndSetLong(region, layout.entry(slot) + ENTRY_DELAY_CHECKPOINT, sequence);
    }

    void endDelayCheckpoint(int slot) {
        Atomics.setLongRelease(region, layout.entry(slot) + ENTRY_DELAY_CHECKPOINT, 0);
    }

    /**
     * Checkpoint, after its redo point is fixed: waits until every commit that was between its
     * record and pg_xact when this was called has reached pg_xact. Commits starting later insert
     * their records after the redo point, so replay covers them; each slot's sequence number
     * tells one commit from the next, so a busy slot does not make this wait forever.
     */
    void waitForDelayingCommits() {
        int slots = layout.procSlots;
        long[] seen = new long[slots];
        for (int i = 0; i < slots; i++) {
            seen[i] = Atomics.getLongAcquire(region, layout.entry(i) + ENTRY_DELAY_CHECKPOINT);
        }
        for (int i = 0; i < slots; i++) {
            if (seen[i] == 0) {
                continue;
            }
            long at = layout.entry(i) + ENTRY_DELAY_CHECKPOINT;
            while (Atomics.getLongAcquire(region, at) == seen[i]) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }

    /** A transaction without an xid ended: only its xmin goes (no lock: nobody's snapshot depends on it). */
    void clearXmin(int slot) {
        Atomics.setLongRelease(region, layout.entry(slot) + ENTRY_XMIN, 0);
    }

    private void advanceLatestCompleted(long xid) {
        if (xid > Atomics.getLong(region, LATEST_COMPLETED_XID)) {
            Atomics.setLongRelease(region, LATEST_COMPLETED_XID, xid);
        }
    }

    /**
     * A snapshot for the process in {@code mySlot} (-1: none), which is left out (its own xids
     * are "current", not "in progress"). Sets that process's xmin if it has none yet.
     */
    XidSnapshot snapshot(int mySlot, int commandId) {
        long[] xip = new long[16];
        int n = 0;
        boolean overflowed = false;
        long xmax;
        long xmin;
        long lowestRunning;
        long horizon;
        LWLock.acquireShared(region, PROC_ARRAY_LOCK);
        try {
            xmax = Atomics.getLong(region, LATEST_COMPLETED_XID) + 1;
            xmin = xmax;
            lowestRunning = xmax;
            horizon = xmax;
            for (int slot = 0; slot < layout.procSlots; slot++) {
                long e = layout.entry(slot);
                long xid = Atomics.getLongAcquire(region, e + ENTRY_XID);
                long slotXmin = Atomics.getLongAcquire(region, e + ENTRY_XMIN);
                if (slotXmin != 0 && slotXmin < horizon) {
                    horizon = slotXmin;
                }
                if (xid != 0 && xid < lowestRunning) {
                    lowestRunning = xid;
                }
                if (xid == 0 || xid >= xmax || slot == mySlot) {
                    continue;
                }
                if (xid < xmin) {
                    xmin = xid;
                }
                int subs = Atomics.getIntAcquire(region, e + ENTRY_SUB_COUNT);
                if (n + 1 + subs > xip.length) {
                    xip = Arrays.copyOf(xip, Math.max(xip.length * 2, n + 1 + subs));
                }
                xip[n++] = xid;
                for (int i = 0; i < subs; i++) {
                    long s = Atomics.getLong(region, e + ENTRY_SUBXIDS + i * 8L);
                    if (s < xmax) {
                        xip[n++] = s;
                    }
                }
                if (Atomics.getIntAcquire(region, e + ENTRY_OVERFLOWED) != 0) {
                    overflowed = true;
                }
            }
            if (mySlot >= 0) {
                long mine = layout.entry(mySlot) + ENTRY_XMIN;
                if (Atomics.getLong(region, mine) == 0) {
                    Atomics.setLongRelease(region, mine, xmin);
                }
            }
        } finally {
            LWLock.release(region, PROC_ARRAY_LOCK);
        }
        // The horizon oldestXmin gives: running xids and every xmin (this process's own, just
        // set, is xmin at the lowest, which the running xids already bound).
        horizon = Math.min(Math.min(horizon, lowestRunning), xmin);
        if (lowestRunning > recentXmin) {
            recentXmin = lowestRunning;
        }
        if (horizon > recentHorizon) {
            recentHorizon = horizon;
        }
        Arrays.sort(xip, 0, n);
        return new XidSnapshot(xmin, xmax, xip, n, overflowed, subtrans, commandId);
    }

    /** True while {@code xid} is held by some running transaction, as top-level xid or subxid (TransactionIdIsInProgress). */
    boolean isRunning(long xid) {
        if (xid < recentXmin) {
            return false; // ended before this process's last snapshot (TransactionIdIsInProgress's RecentXmin test)
        }
        LWLock.acquireShared(region, PROC_ARRAY_LOCK);
        try {
            boolean overflowed = false;
            for (int slot = 0; slot < layout.procSlots; slot++) {
                long e = layout.entry(slot);
                long top = Atomics.getLongAcquire(region, e + ENTRY_XID);
                if (top == 0 || top > xid) {
                    continue;
                }
                if (top == xid) {
                    return true;
                }
                int subs = Atomics.getIntAcquire(region, e + ENTRY_SUB_COUNT);
                for (int i = 0; i < subs; i++) {
                    if (Atomics.getLong(region, e + ENTRY_SUBXIDS + i * 8L) == xid) {
                        return true;
                    }
                }
                overflowed |= Atomics.getIntAcquire(region, e + ENTRY_OVERFLOWED) != 0;
            }
            if (!overflowed) {
                return false;
            }
            long top = subtrans.topOf(xid);
            if (top == xid) {
                return false;
            }
            for (int slot = 0; slot < layout.procSlots; slot++) {
                if (Atomics.getLongAcquire(region, layout.entry(slot) + ENTRY_XID) == top) {
                    return true;
                }
            }
            return false;
        } finally {
            LWLock.release(region, PROC_ARRAY_LOCK);
        }
    }

    /**
     * A horizon for opportunistic pruning: the one of this process's last snapshot, or a fresh
     * {@link #oldestXmin} when it has taken none yet. Older than the current horizon at worst,
     * so what it lets go is dead to everyone; it saves the ProcArrayLock scan per page pruned.
     */
    long pruneHorizon() {
        long h = recentHorizon;
        return h != 0 ? h : oldestXmin();
    }

    /** The oldest xid any running transaction or snapshot may still need (GetOldestXmin). */
    long oldestXmin() {
        LWLock.acquireShared(region, PROC_ARRAY_LOCK);
        try {
            long oldest = Atomics.getLong(region, LATEST_COMPLETED_XID) + 1;
            for (int slot = 0; slot < layout.procSlots; slot++) {
                long e = layout.entry(slot);
                long xid = Atomics.getLongAcquire(region, e + ENTRY_XID);
                if (xid != 0 && xid < oldest) {
                    oldest = xid;
                }
                long xmin = Atomics.getLongAcquire(region, e + ENTRY_XMIN);
                if (xmin != 0 && xmin < oldest) {
                    oldest = xmin;
                }
            }
            return oldest;
        } finally {
            LWLock.release(region, PROC_ARRAY_LOCK);
        }
    }

    /** The xid the slot's transaction has published, 0 when none (tests, diagnostics). */
    long topXid(int slot) {
        return Atomics.getLongAcquire(region, layout.entry(slot) + ENTRY_XID);
    }

    /** The slot's snapshot xmin, 0 when none (pg_stat_activity); -1 slots or past the table: 0. */
    long xmin(int slot) {
        return slot < 0 || slot >= layout.procSlots ? 0 : Atomics.getLongAcquire(region, layout.entry(slot) + ENTRY_XMIN);
    }
}
