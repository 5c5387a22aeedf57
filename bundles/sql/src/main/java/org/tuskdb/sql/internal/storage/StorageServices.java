package org.tuskdb.sql.internal.storage;

import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.TransactionManager;

/**
 * The storage engine's services as the SQL engine sees them: each null when not registered
 * (a standalone engine has none, and table statements then fail with 0A000).
 */
public interface StorageServices {
    HeapAccess heap();

    TransactionManager transactions();

    LockManager locks();

    RelationStorage relationStorage();

    BufferPool bufferPool();

    Checkpointer checkpointer();

    WriteAheadLog wal();

    SharedMemory sharedMemory();

    /** The B-tree access method, or null (index DDL is then 0A000; tables without indexes work). */
    default org.tuskdb.api.index.IndexAccess indexes() {
        return null;
    }

    /**
     * Where sequence states live: block 0 of the sequence's relation through the buffer pool and
     * WAL; null without them.
     */
    default org.tuskdb.sql.internal.sequence.SequenceStorage sequences() {
        BufferPool pool = bufferPool();
        WriteAheadLog wal = wal();
        return pool == null || wal == null ? null : new org.tuskdb.sql.internal.sequence.BufferSequenceStorage(pool, wal);
    }

    /**
     * Where sorts, hash aggregations and hash joins past work_mem put their temporary files
     * (PostgreSQL's {@code base/pgsql_tmp} in the data directory); null when there is no data
     * directory (the executor then uses {@code java.io.tmpdir}).
     */
    default java.nio.file.Path tempDirectory() {
        return null;
    }

    /** Heap, transactions, locks and relation storage: what tables need. */
    default boolean tablesAvailable() {
        return heap() != null && transactions() != null && locks() != null && relationStorage() != null;
    }

    StorageServices NONE = new StorageServices() {
        @Override public HeapAccess heap() { return null; }
        @Override public TransactionManager transactions() { return null; }
        @Override public LockManager locks() { return null; }
        @Override public RelationStorage relationStorage() { return null; }
        @Override public BufferPool bufferPool() { return null; }
        @Override public Checkpointer checkpointer() { return null; }
        @Override public WriteAheadLog wal() { return null; }
        @Override public SharedMemory sharedMemory() { return null; }
    };
}
