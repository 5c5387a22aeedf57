package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Transaction;

/**
 * READ COMMITTED's handling of a row a concurrent transaction updated and committed after the
 * statement's snapshot was taken (PostgreSQL's table_tuple_lock with
 * TUPLE_LOCK_FLAG_FIND_LAST_VERSION, as ExecUpdate, ExecDelete and ExecLockRows use it before
 * EvalPlanQual): the newest version is locked, waiting for whoever holds it, following the
 * update chain while it moves on, and then read whatever its visibility to the snapshot (the
 * lock makes it stable and live). No snapshot is involved: the version to change is the newest
 * one whether or not the statement's snapshot (or a fresh one) sees it, and the lock keeps it the
 * newest until this transaction ends, so a second concurrent updater cannot slip in between the
 * re-check and the change.
 */
final class EvalPlanQual {
    private EvalPlanQual() {
    }

    /**
     * Locks the newest version of the row whose version at {@code successor} an UPDATED result
     * named, and returns it; null when the row is gone for this statement (deleted, or already
     * changed by this transaction).
     */
    static HeapTuple lockNewest(HeapAccess heap, RelFileLocator rel, Tid successor, RowLockMode mode,
                                Transaction tx, String what) {
        return lockNewest(heap, rel, successor, mode, tx, what, null);
    }

    /**
     * As above; with {@code wouldBlock} (NOWAIT, SKIP LOCKED) the lock is not waited for: a version
     * held by a concurrent transaction sets {@code wouldBlock[0]} and gives null.
     */
    static HeapTuple lockNewest(HeapAccess heap, RelFileLocator rel, Tid successor, RowLockMode mode,
                                Transaction tx, String what, boolean[] wouldBlock) {
        Tid at = successor;
        while (true) {
            ModifyResult r = heap.lockTuple(rel, at, mode, tx, wouldBlock == null);
            switch (r.status()) {
                case OK -> {
                    HeapTuple t = heap.fetchVersion(rel, at);
                    if (t == null) {
                        throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                            "locked tuple (" + at.block() + "," + at.offset() + ") disappeared");
                    }
                    return t;
                }
                case UPDATED -> {
                    if (r.tid() == null || r.tid().equals(at)) {
                        return null;
                    }
                    at = r.tid();
                }
                case DELETED, SELF_MODIFIED -> {
                    return null;
                }
                case INVISIBLE -> throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                    "attempted to " + what + " invisible tuple");
                case WOULD_BLOCK -> {
                    if (wouldBlock == null) {
                        throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                            "unexpected result WOULD_BLOCK of a waiting row lock");
                    }
                    wouldBlock[0] = true;
                    return null;
                }
            }
        }
    }
}
