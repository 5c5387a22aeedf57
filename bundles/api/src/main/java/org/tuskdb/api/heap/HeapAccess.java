package org.tuskdb.api.heap;

import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;

/**
 * The heap (PostgreSQL's heapam): every change is WAL-logged with the heap resource manager and
 * replayed by startup. Writers are told of concurrent changes through {@link ModifyResult}; a
 * writer meeting a row version whose xmax is an in-progress transaction waits for it to end
 * (through the transaction manager, so deadlock detection, lock_timeout and cancel apply), then
 * re-checks.
 *
 * <p>Callers hold a suitable table lock (RowExclusiveLock for changes, AccessShareLock for
 * scans) on the relation for as long as they use it.
 */
public interface HeapAccess {
    /** Largest tuple contents accepted; bigger is 54000 "row is too big". */
    int maxTupleSize();

    /** Inserts a new version made by the current command of {@code tx}; returns its tid. */
    Tid insert(RelFileLocator rel, byte[] data, Transaction tx);

    /**
     * Inserts {@code tuples[0..count)} as new versions made by the current command of {@code tx},
     * in order, each as {@link #insert} would (PostgreSQL's heap_multi_insert, which COPY uses):
     * a page takes as many as fit, with one WAL record per page. Each tuple must be at most
     * {@link #maxTupleSize()}. Returns their tids in the same order.
     *
     * @since 1.3
     */
    default Tid[] insertAll(RelFileLocator rel, byte[][] tuples, int count, Transaction tx) {
        Tid[] tids = new Tid[count];
        for (int i = 0; i < count; i++) {
            tids[i] = insert(rel, tuples[i], tx);
        }
        return tids;
    }

    /** Starts a sequential scan of versions visible to {@code snapshot}; {@code tx} identifies "own" changes. */
    HeapScan scan(RelFileLocator rel, Snapshot snapshot, Transaction tx);

    /** The version at {@code tid} if visible to {@code snapshot}, else null. */
    HeapTuple fetch(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx);

    /**
     * The version of the row an index entry for {@code tid} stands for that {@code snapshot}
     * sees (PostgreSQL's heap_hot_search_buffer), else null: an index points at the root of a
     * HOT chain (the versions of a row that HOT updates kept on one page without new index
     * entries), and the answer is the chain member visible to the snapshot, with its own tid.
     * Without HOT, the same as {@link #fetch}. @since 1.4
     */
    default HeapTuple fetchIndexed(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
        return fetch(rel, tid, snapshot, tx);
    }

    /**
     * Every version of the HOT chain an index entry for {@code tid} stands for, oldest first,
     * whatever their visibility (SnapshotAny): the unique check's view of an entry. Empty when
     * nothing is there. Without HOT, the version at {@code tid} ({@link #fetchVersion}). @since 1.4
     */
    default java.util.List<HeapTuple> hotChain(RelFileLocator rel, Tid tid) {
        HeapTuple v = fetchVersion(rel, tid);
        return v == null ? java.util.List.of() : java.util.List.of(v);
    }

    /** The newest version of the row whose some version is at {@code tid}, following the update chain, visible to snapshot, or null. */
    HeapTuple fetchLatest(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx);

    /**
     * Replaces the version at {@code tid} (visible to the current statement) with a new one. With
     * {@code wait}, waits for a concurrent writer to finish; without, returns WOULD_BLOCK.
     */
    ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait);

    /**
     * {@link #update}; with {@code hotAllowed} (the caller found that no index of the table
     * would get a different entry for the new version: no indexed column or expression value and
     * no partial-index predicate outcome changed) the new version may be a heap-only tuple on
     * the old version's page (PostgreSQL's HOT update), which {@link ModifyResult#hot()} reports:
     * then the caller must not insert index entries for it, the existing ones reach it through
     * {@link #fetchIndexed}. @since 1.4
     */
    default ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait,
                                boolean hotAllowed) {
        return update(rel, tid, newData, tx, wait);
    }

    /** Deletes the version at {@code tid}; same rules as update. */
    ModifyResult delete(RelFileLocator rel, Tid tid, Transaction tx, boolean wait);

    /** Locks the row version at {@code tid} for the rest of {@code tx} (SELECT ... FOR UPDATE/SHARE). */
    ModifyResult lockTuple(RelFileLocator rel, Tid tid, RowLockMode mode, Transaction tx, boolean wait);

    /**
     * The version at {@code tid} whatever its visibility (PostgreSQL's SnapshotAny), or null when
     * no tuple is there. For READ COMMITTED's recheck of a concurrently updated row: after
     * {@link #lockTuple} returned OK on the successor named by an UPDATED result, the locked
     * version is stable and live, but the statement's snapshot may not see it.
     */
    default HeapTuple fetchVersion(RelFileLocator rel, Tid tid) {
        throw new UnsupportedOperationException("fetchVersion");
    }

    /**
     * Whether the row an index entry for {@code tid} stands for is dead to every transaction,
     * running or future (PostgreSQL's HEAPTUPLE_DEAD, for every version of its HOT chain):
     * inserted by an aborted transaction, or deleted or updated by a committed one older than
     * {@code oldestXmin} ({@code TransactionManager.oldestXmin()}). False when unsure. Index
     * scans use it to mark entries dead. @since 1.2
     */
    default boolean deadToAll(RelFileLocator rel, Tid tid, long oldestXmin) {
        return false;
    }

    /**
     * VACUUM's heap pass: prunes every page of the main fork (versions {@link #deadToAll}
     * against {@code oldestXmin} lose their storage; their item ids stay, dead, for the index
     * entries that may point at them) and returns how many dead item ids the table has now.
     * @since 1.2
     */
    default long prune(RelFileLocator rel, long oldestXmin) {
        return 0;
    }

    /** Pages in the main fork (for the planner's estimates). */
    long blockCount(RelFileLocator rel);
}
