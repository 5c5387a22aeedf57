package org.tuskdb.api.storage;

import java.lang.foreign.MemorySegment;

/**
 * The shared buffer pool (PostgreSQL's bufmgr): {@code shared_buffers} 8 KiB pages in the
 * segment, each with a descriptor, found through a shared mapping table and replaced by clock
 * sweep. Buffers are named by an int id, valid in every process of one segment generation.
 *
 * <p>Rules every caller follows (PostgreSQL's storage/buffer/README):
 * <ol>
 *   <li>Hold a pin (from {@link #read}, {@link #readZeroed} or {@link #extend}) to look at a
 *       page at all, and {@link #release} it when done. A pinned buffer is never evicted.</li>
 *   <li>Hold the content lock shared to read tuples, exclusive to change them.</li>
 *   <li>To change a page: exclusive lock; change; {@link #markDirty}; insert the WAL record;
 *       set the page LSN to the record's end; unlock. Between the change and the LSN nothing
 *       may throw (PostgreSQL's critical section).</li>
 *   <li>Hint bits (a commit status cached in a tuple header) may be set under a shared lock;
 *       then call {@link #markDirtyHint}, never markDirty.</li>
 *   <li>WAL before data: the pool writes a dirty page only after WAL is flushed past its LSN.</li>
 *   <li>Content locks of two buffers of one relation are taken in block order, at most two at
 *       once, and never while waiting for anything but another content lock.</li>
 * </ol>
 * A page whose checksum is wrong when read in gives ERROR XX001 ("invalid page in block N of
 * relation base/5/16384") and the buffer is not made valid.
 */
public interface BufferPool {
    /** Pins the buffer holding that block, reading it from disk if needed. */
    int read(BlockReference block);

    default int read(RelFileLocator rel, ForkNumber fork, long block) {
        return read(new BlockReference(rel, fork, block));
    }

    /**
     * Pins a buffer for that block with a zeroed page and takes the exclusive content lock,
     * without reading it (redo of a record that initializes the page, which may lie past the
     * end of the file: the file grows when the page is written).
     */
    int readZeroed(BlockReference block);

    /**
     * Adds a block at the end of the fork and returns it pinned and exclusively locked, its page
     * zeroed (new, not yet initialized). Concurrent extenders get different blocks.
     */
    int extend(RelFileLocator rel, ForkNumber fork);

    /** The fork's length in blocks, counting blocks added by {@link #extend} not yet written. */
    long blockCount(RelFileLocator rel, ForkNumber fork);

    /** The page of a pinned buffer: a slice of the segment, valid while pinned. */
    MemorySegment page(int buffer);

    /** The block a pinned buffer holds. */
    BlockReference blockOf(int buffer);

    void lockShared(int buffer);

    void lockExclusive(int buffer);

    /** Takes the exclusive content lock if no one holds the lock; false otherwise. */
    boolean tryLockExclusive(int buffer);

    /** Releases this process's content lock on the buffer (shared or exclusive). */
    void unlock(int buffer);

    /** Marks the page dirty. Caller holds the exclusive content lock. */
    void markDirty(int buffer);

    /**
     * Marks the page dirty after a hint-bit change, under a shared or exclusive lock. The page is
     * only marked when that is safe against torn writes without a WAL record: when its LSN shows
     * a full-page image was logged since the last checkpoint's redo point. Otherwise the change
     * stays in memory until the page is dirtied for another reason (the hint is just lost if the
     * page is evicted first).
     */
    void markDirtyHint(int buffer);

    /** Unpins. The content lock must have been released. */
    void release(int buffer);

    /** Unlocks and unpins (the usual pair). */
    default void unlockAndRelease(int buffer) {
        unlock(buffer);
        release(buffer);
    }

    /**
     * Forgets every buffer of the relation without writing it (DROP TABLE, TRUNCATE; the caller
     * holds AccessExclusiveLock so no one else has them pinned) and the relation's size.
     */
    void dropRelation(RelFileLocator rel);

    /**
     * Forgets every buffer of the database without writing it (PostgreSQL's DropDatabaseBuffers,
     * for DROP DATABASE: no session is connected to it, so no one has them pinned).
     */
    default void dropDatabase(int dbOid) {
        throw new UnsupportedOperationException("dropDatabase");
    }

    /**
     * The checkpoint's buffer sync (PostgreSQL's BufferSync): writes every buffer that is dirty
     * when the call starts, WAL first, then fsyncs the files written through
     * {@link RelationStorage#syncPending()}. Returns the number of buffers written.
     */
    int flushAll();

    /** Counters for pg_stat_bgwriter and the shell. */
    Stats stats();

    record Stats(int buffers, long hits, long reads, long writtenByCheckpoint, long writtenByBgwriter,
                 long writtenByBackends, long dirtyNow) {
    }
}
