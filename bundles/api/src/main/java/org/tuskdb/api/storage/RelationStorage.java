package org.tuskdb.api.storage;

import java.lang.foreign.MemorySegment;

/**
 * The storage manager (PostgreSQL's smgr/md.c): the files of relation forks under the data
 * directory, read and written a whole block at a time with positional I/O. Every process has
 * its own descriptors; what is shared is the files, and the segment's table of files written
 * since the last checkpoint (which the checkpoint fsyncs).
 *
 * <p>Only the buffer pool reads and writes data blocks through this service (everyone else goes
 * through {@link BufferPool}), so no block is written behind a buffer's back. Creating and
 * unlinking files is for DDL (the catalog) and for redo.
 *
 * <p>Errors are {@link org.tuskdb.api.DatabaseException}s: 58P01 for a missing file, 58030 for
 * any other I/O failure.
 */
public interface RelationStorage {
    /**
     * Creates the fork's empty file (and its database directory), as at CREATE TABLE. With
     * {@code walLog}, first inserts a WAL record that makes redo create it too. Creating a file
     * that exists is not an error (redo may run it twice).
     */
    void create(RelFileLocator rel, ForkNumber fork, boolean walLog);

    boolean exists(RelFileLocator rel, ForkNumber fork);

    /** The fork's length in blocks (its file size / 8 KiB; 0 when there is no file). */
    long blockCount(RelFileLocator rel, ForkNumber fork);

    /** Reads one block into {@code page} (8 KiB). A block at or past the end reads as zeros. */
    void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page);

    /**
     * Writes one block (8 KiB), extending the file if the block is at or past its end, and
     * records the file as needing fsync at the next checkpoint.
     */
    void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page);

    /** Shortens the fork to {@code blocks} blocks. */
    void truncate(RelFileLocator rel, ForkNumber fork, long blocks);

    /**
     * Removes every fork file of the relation (DROP, the old files of TRUNCATE) and forgets
     * pending fsyncs of them. With {@code walLog}, first logs it so redo removes them as well.
     * A missing file is not an error. Callers drop the relation's buffers first
     * ({@link BufferPool#dropRelation}).
     */
    void unlink(RelFileLocator rel, boolean walLog);

    /**
     * The checkpoint: fsyncs every file written since the previous call, and the directories of
     * files created or removed. Returns the number of files synced.
     */
    int syncPending();

    /**
     * CREATE DATABASE's FILE_COPY strategy (PostgreSQL's copydir): copies every file of
     * {@code base/<srcDb>} into a new {@code base/<dstDb>} and fsyncs them, replacing a partial
     * copy a crash left. The source's files must be complete on disk (the caller checkpoints
     * first, and no one may be changing the source). With {@code walLog}, first logs a record
     * whose redo writes the source's dirty buffers and copies again.
     */
    default void copyDatabase(int srcDb, int dstDb, boolean walLog) {
        throw new UnsupportedOperationException("copyDatabase");
    }

    /**
     * DROP DATABASE: removes {@code base/<dbOid>} with every file in it; a missing directory is
     * not an error. With {@code walLog}, first logs it so redo removes it too. Callers drop the
     * database's buffers first ({@link BufferPool#dropDatabase}).
     */
    default void dropDatabase(int dbOid, boolean walLog) {
        throw new UnsupportedOperationException("dropDatabase");
    }

    /** The bytes of every file in {@code base/<dbOid>} (pg_database_size); -1 when there is no directory. */
    default long databaseSize(int dbOid) {
        return -1;
    }
}
