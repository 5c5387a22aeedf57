package org.tuskdb.heap.internal;

import static org.tuskdb.heap.internal.TupleHeader.XMAX_COMMITTED;
import static org.tuskdb.heap.internal.TupleHeader.XMAX_INVALID;
import static org.tuskdb.heap.internal.TupleHeader.XMAX_LOCK_ONLY;
import static org.tuskdb.heap.internal.TupleHeader.XMIN_COMMITTED;
import static org.tuskdb.heap.internal.TupleHeader.XMIN_INVALID;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/**
 * Tuple visibility (PostgreSQL's heapam_visibility.c): {@link #satisfiesMvcc} for readers and
 * {@link #satisfiesUpdate} for writers. Both read the header of a tuple on a page whose content
 * lock the caller holds (shared is enough for hint bits, README rule 4) and may set hint bits;
 * they report that in their result so the caller calls {@code BufferPool.markDirtyHint} once
 * per page. Neither allocates: the MVCC check is the hottest path of every scan.
 */
final class HeapVisibility {
    /** satisfiesMvcc result bit: the version is visible. */
    static final int VISIBLE = 1;
    /** Result bit (both checks): a hint bit was set; the caller owes markDirtyHint. */
    static final int HINTED = 0x100;

    // satisfiesUpdate codes (PostgreSQL's TM_Result), in the low byte.
    static final int TM_OK = 0;
    static final int TM_INVISIBLE = 1;
    static final int TM_SELF_MODIFIED = 2;
    static final int TM_UPDATED = 3;
    static final int TM_DELETED = 4;
    static final int TM_BEING_MODIFIED = 5;
    /** OK, and xmax is already a row lock of the calling transaction. */
    static final int TM_LOCKED_BY_ME = 6;

    private final TransactionManager transactions;
    private final WriteAheadLog wal;

    HeapVisibility(TransactionManager transactions, WriteAheadLog wal) {
        this.transactions = transactions;
        this.wal = wal;
    }

    /**
     * HeapTupleSatisfiesMVCC: is the version at byte offset {@code t} of {@code page} visible to
     * {@code snap}, seen from {@code tx} (null: no own transaction)? Returns {@link #VISIBLE}
     * and/or {@link #HINTED}.
     */
    int satisfiesMvcc(MemorySegment page, long t, Snapshot snap, Transaction tx) {
        int mask = TupleHeader.infomask(page, t);
        int hinted = 0;
        if ((mask & XMIN_COMMITTED) == 0) {
            if ((mask & XMIN_INVALID) != 0) {
                return 0;
            }
            long xmin = TupleHeader.xmin(page, t);
            if (tx != null && tx.isCurrentTransaction(xmin)) {
                if (TupleHeader.cmin(page, t) >= snap.commandId()) {
                    return 0; // inserted by this or a later command
                }
                if ((mask & (XMAX_INVALID | XMAX_LOCK_ONLY)) != 0) {
                    return VISIBLE;
                }
                long xmax = TupleHeader.xmax(page, t);
                if (xmax == 0 || !tx.isCurrentTransaction(xmax)) {
                    return VISIBLE; // not deleted, or the deleting subtransaction rolled back
                }
                return TupleHeader.cmax(page, t) >= snap.commandId() ? VISIBLE : 0;
            }
            if (inProgress(snap, xmin)) {
                return 0;
            }
            XidStatus status = transactions.status(xmin);
            if (status == XidStatus.COMMITTED) {
                if (commitHintAllowed(page, xmin)) {
                    TupleHeader.setHint(page, t, XMIN_COMMITTED);
                    hinted = HINTED;
                }
            } else {
                if (status == XidStatus.ABORTED) {
                    TupleHeader.setHint(page, t, XMIN_INVALID);
                    return HINTED;
                }
                return 0; // cannot happen: finished for the snapshot yet running
            }
        } else if (inProgress(snap, TupleHeader.xmin(page, t))) {
            return 0;
        }

        // xmin committed and visible to the snapshot: is it deleted for the snapshot?
        if ((mask & (XMAX_INVALID | XMAX_LOCK_ONLY)) != 0) {
            return VISIBLE | hinted;
        }
        long xmax = TupleHeader.xmax(page, t);
        if (xmax == 0) {
            return VISIBLE | hinted;
        }
        if ((mask & XMAX_COMMITTED) != 0) {
            return inProgress(snap, xmax) ? VISIBLE | hinted : hinted;
        }
        if (tx != null && tx.isCurrentTransaction(xmax)) {
            return TupleHeader.cmax(page, t) >= snap.commandId() ? VISIBLE | hinted : hinted;
        }
        if (inProgress(snap, xmax)) {
            return VISIBLE | hinted;
        }
        XidStatus status = transactions.status(xmax);
        if (status == XidStatus.COMMITTED) {
            if (commitHintAllowed(page, xmax)) {
                TupleHeader.setHint(page, t, XMAX_COMMITTED);
                hinted = HINTED;
            }
            return hinted;
        }
        if (status == XidStatus.ABORTED) {
            TupleHeader.setHint(page, t, XMAX_INVALID);
            return VISIBLE | HINTED;
        }
        return VISIBLE | hinted;
    }

    /**
     * HeapTupleSatisfiesUpdate: may {@code tx}'s current command update, delete or lock the
     * version at ({@code block},{@code offset})? Caller holds the exclusive content lock. Returns a TM_ code, or-ed with
     * {@link #HINTED}. No snapshot: a committed xmin is enough, the caller found the version
     * through its own snapshot.
     */
    int satisfiesUpdate(MemorySegment page, long t, long block, int offset, Transaction tx) {
        int mask = TupleHeader.infomask(page, t);
        int hinted = 0;
        int curcid = tx.commandId();
        if ((mask & XMIN_COMMITTED) == 0) {
            if ((mask & XMIN_INVALID) != 0) {
                return TM_INVISIBLE;
            }
            long xmin = TupleHeader.xmin(page, t);
            if (tx.isCurrentTransaction(xmin)) {
                if (TupleHeader.cmin(page, t) >= curcid) {
                    return TM_INVISIBLE; // inserted after this command's scan started
                }
            } else {
                XidStatus status = transactions.status(xmin);
                if (status == XidStatus.ABORTED) {
                    TupleHeader.setHint(page, t, XMIN_INVALID);
                    return TM_INVISIBLE | HINTED;
                }
                if (status != XidStatus.COMMITTED) {
                    return TM_INVISIBLE; // the caller cannot have seen it
                }
                if (commitHintAllowed(page, xmin)) {
                    TupleHeader.setHint(page, t, XMIN_COMMITTED);
                    hinted = HINTED;
                }
            }
        }

        if ((mask & XMAX_INVALID) != 0) {
            return TM_OK | hinted;
        }
        long xmax = TupleHeader.xmax(page, t);
        if (xmax == 0) {
            return TM_OK | hinted;
        }
        if ((mask & XMAX_LOCK_ONLY) != 0) {
            if (tx.isCurrentTransaction(xmax)) {
                return TM_LOCKED_BY_ME | hinted;
            }
            if (transactions.status(xmax) == XidStatus.IN_PROGRESS) {
                return TM_BEING_MODIFIED | hinted;
            }
            TupleHeader.setHint(page, t, XMAX_INVALID); // the locker has ended: its lock is gone
            return TM_OK | HINTED;
        }
        if (tx.isCurrentTransaction(xmax)) {
            return TM_SELF_MODIFIED | hinted;
        }
        if ((mask & XMAX_COMMITTED) != 0) {
            return gone(page, t, block, offset) | hinted;
        }
        XidStatus status = transactions.status(xmax);
        if (status == XidStatus.IN_PROGRESS) {
            return TM_BEING_MODIFIED | hinted;
        }
        if (status == XidStatus.ABORTED) {
            TupleHeader.setHint(page, t, XMAX_INVALID);
            return TM_OK | HINTED;
        }
        if (commitHintAllowed(page, xmax)) {
            TupleHeader.setHint(page, t, XMAX_COMMITTED);
            hinted = HINTED;
        }
        return gone(page, t, block, offset) | hinted;
    }

    /** Updated (ctid points at the newer version) or deleted (ctid points at itself)? */
    private static int gone(MemorySegment page, long t, long block, int offset) {
        return TupleHeader.ctidIsSelf(page, t, block, offset) ? TM_DELETED : TM_UPDATED;
    }

    /** True when the snapshot must treat {@code xid}'s effects as not yet committed. */
    /**
     * PostgreSQL's HEAPTUPLE_DEAD of HeapTupleSatisfiesVacuum: the version at {@code t} was
     * inserted by an aborted transaction, or deleted / updated (not merely row-locked) by a
     * committed one older than {@code oldestXmin}, so no snapshot, running or future, can see
     * it. Sets no hint bits; false whenever an outcome is not known.
     */
    boolean deadToAll(MemorySegment page, long t, long oldestXmin) {
        int mask = TupleHeader.infomask(page, t);
        if ((mask & XMIN_INVALID) != 0) {
            return true;
        }
        if ((mask & XMIN_COMMITTED) == 0) {
            XidStatus s = transactions.status(TupleHeader.xmin(page, t));
            if (s == XidStatus.ABORTED) {
                return true;
            }
            if (s != XidStatus.COMMITTED) {
                return false;
            }
        }
        if ((mask & (XMAX_INVALID | XMAX_LOCK_ONLY)) != 0) {
            return false;
        }
        long xmax = TupleHeader.xmax(page, t);
        if (xmax == 0 || xmax >= oldestXmin) {
            return false;
        }
        return (mask & XMAX_COMMITTED) != 0 || transactions.status(xmax) == XidStatus.COMMITTED;
    }

    static boolean inProgress(Snapshot snap, long xid) {
        return xid >= TransactionManager.FIRST_NORMAL_XID && xid >= snap.xmin() && snap.isInProgress(xid);
    }

    /**
     * May a COMMITTED hint for {@code xid} be set on this page now (PostgreSQL's SetHintBits)?
     * Only when the commit record is durable, or the page cannot reach disk before it: else a
     * page written before an asynchronous commit's record could claim a commit that a crash
     * then loses. The page's LSN is stable under our content lock; WAL-before-data holds the
     * page back until WAL is flushed past it. ABORTED hints are always safe.
     */
    boolean commitHintAllowed(MemorySegment page, long xid) {
        long needed = transactions.commitLsn(xid);
        return needed == 0 || PageLayout.lsn(page) >= needed || (wal != null && wal.flushedPosition() >= needed);
    }
}
