package org.tuskdb.api.index;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.Tid;

/**
 * What a unique index asks its caller (the SQL layer, which knows the heap and transactions)
 * about the tuple an existing entry with an equal key points to.
 */
public interface UniqueChecker {
    /** The state of a heap tuple for the unique check. */
    enum Status {
        /** A live row (committed, or the caller's own): a conflict. */
        LIVE,
        /** Deleted by a committed transaction, or inserted by an aborted one: no conflict. */
        DEAD,
        /** Inserted or deleted by a transaction still running: wait for it, then look again. */
        IN_PROGRESS
    }

    /**
     * An answer; {@code xid} is the transaction to wait for when IN_PROGRESS; {@code at}, when
     * not null, the heap tuple that made it (the entry points at the root of a HOT chain and a
     * later version of the row answered): what {@code IndexAccess.findLive} returns for a LIVE
     * entry (@since 1.2).
     */
    record Liveness(Status status, long xid, Tid at) {
        public static final Liveness LIVE = new Liveness(Status.LIVE, 0, null);
        public static final Liveness DEAD = new Liveness(Status.DEAD, 0, null);

        public Liveness(Status status, long xid) {
            this(status, xid, null);
        }

        public static Liveness inProgress(long xid) {
            return new Liveness(Status.IN_PROGRESS, xid, null);
        }

        /** LIVE, found at {@code at}. */
        public static Liveness live(Tid at) {
            return new Liveness(Status.LIVE, 0, at);
        }
    }

    /**
     * The liveness of the tuple at {@code tid}. Called with an index buffer content-locked: may
     * read heap buffers, must not wait for locks or transactions.
     */
    Liveness check(Tid tid);

    /**
     * Whether the tuple at {@code tid}, which {@link #check} called DEAD, is dead to every
     * transaction, so the index may mark its entry (PostgreSQL's all_dead in _bt_check_unique).
     * Same calling rules as check. @since 1.1
     */
    default boolean deadToAll(Tid tid) {
        return false;
    }

    /** Waits until transaction {@code xid} has ended. Called with no buffer locked. */
    void awaitTransaction(long xid);

    /**
     * The error for a live duplicate (23505, "duplicate key value violates unique constraint
     * ..." with the key in the detail), thrown by the index after releasing its locks.
     */
    DatabaseException duplicate(byte[] key, Tid existing);
}
