package org.tuskdb.api.wal;

/**
 * The write-ahead log of this server (PostgreSQL's xlog.c): WAL buffers in the segment,
 * {@code pg_wal/} 16 MiB segment files, concurrent insertion, flushing, group commit.
 */
public interface WriteAheadLog {
    /** Starts a record of resource manager {@code rmgr} with its info byte. */
    WalRecordBuilder record(int rmgr, int info);

    /** The end of everything inserted so far (the next record starts here). */
    long insertPosition();

    /** Everything before this position is durable on disk. */
    long flushedPosition();

    /**
     * The name of the segment file in pg_wal that holds the WAL just before {@code lsn}
     * (PostgreSQL's pg_walfile_name: a position at a segment's very start belongs to the one
     * before it).
     *
     * @since 1.1
     */
    default String segmentName(long lsn) {
        throw new UnsupportedOperationException("segment names");
    }

    /**
     * Makes WAL durable up to {@code upTo} (write and fsync per wal_sync_method), returning when
     * it is. One flush serves everyone waiting for a position it covers. With fsync off it only
     * writes.
     */
    void flush(long upTo);

    /**
     * A transaction's commit record ends at {@code commitEnd}: makes it as durable as the active
     * {@link WalStrategy} and synchronous_commit ({@code synchronous}) require before the commit
     * is acknowledged.
     */
    void awaitCommit(long commitEnd, boolean synchronous);

    /**
     * The redo point of the latest checkpoint begun (PostgreSQL's RedoRecPtr): a page whose LSN
     * is at or before it gets a full-page image with its next change.
     */
    long redoPointer();

    /** True while the startup process replays WAL (in the startup process itself). */
    boolean inRecovery();

    /** What tusk:wal and pg_current_wal_lsn() show. */
    Status status();

    record Status(long insertLsn, long flushLsn, String currentSegment, long lastCheckpointLsn,
                  long lastCheckpointRedo, long lastCheckpointTimeMillis, String strategy) {
    }
}
