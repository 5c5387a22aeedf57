package org.tuskdb.sql.internal.storage;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;

/**
 * What the catalog and the executor use of the session's current transaction: the storage
 * transaction (begun on first use), snapshots, and heavyweight table locks (held to the end of
 * the transaction).
 */
public interface StorageContext {
    StorageServices services();

    /** The storage transaction of the session's current transaction, begun now if needed. */
    Transaction transaction();

    /** The statement's snapshot (Transaction.snapshot()). */
    Snapshot snapshot();

    /**
     * A snapshot that sees everything committed so far, for catalog reads and EvalPlanQual
     * (under READ COMMITTED a new statement snapshot — the statement's scans keep theirs —;
     * under REPEATABLE READ the transaction's, see the README's gaps).
     */
    Snapshot freshSnapshot();

    /** Takes a table lock for the rest of the transaction (lock_timeout, cancel apply). */
    void lockRelation(long relOid, LockMode mode);

    void unlockRelation(long relOid, LockMode mode);

    /**
     * An advisory lock (pg_advisory_*): at session level, or for the rest of the transaction;
     * {@code wait} false only takes it if no wait is needed. Returns whether it was granted.
     */
    default boolean advisoryLock(org.tuskdb.api.xact.LockTag tag, LockMode mode, boolean session, boolean wait) {
        throw notAvailable();
    }

    /** Releases one count of a session-level advisory lock; false when the session holds none. */
    default boolean advisoryUnlock(org.tuskdb.api.xact.LockTag tag, LockMode mode) {
        throw notAvailable();
    }

    /** pg_advisory_unlock_all: every session-level advisory lock of the session. */
    default void advisoryUnlockAll() {
    }

    /** Marks the transaction as having changed the catalog: caches are reset now and at its end. */
    void catalogChanged();

    /** The session user (search_path's "$user"). */
    default String sessionUser() {
        return "";
    }

    /** The session's relation cache (search path, names of namespaces), or null without one. */
    default org.tuskdb.sql.internal.catalog.RelationCache relationCache() {
        return null;
    }

    default HeapAccess heap() {
        return requireTables().heap();
    }

    default StorageServices requireTables() {
        StorageServices s = services();
        if (s == null || !s.tablesAvailable()) {
            throw notAvailable();
        }
        return s;
    }

    static DatabaseException notAvailable() {
        return DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
            "tables are not available without the storage services");
    }
}
