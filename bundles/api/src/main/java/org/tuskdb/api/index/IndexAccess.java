package org.tuskdb.api.index;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * The B-tree access method (PostgreSQL's nbtree) over the main fork of an index relation.
 * Keys are opaque byte strings compared as unsigned bytes ({@code Arrays.compareUnsigned}); a
 * multi-column key is the concatenation of its columns' order-preserving encodings. Entries are
 * ordered by (key, tid), so a non-unique index holds duplicates of a key and every entry is
 * distinct. Every change is WAL-logged with the B-tree resource manager and replayed by startup.
 *
 * <p>Callers hold a suitable lock on the index's table for as long as they use the index
 * (RowExclusiveLock to insert, AccessShareLock to scan, ShareLock to build, AccessExclusiveLock
 * to drop or truncate). Entries are never removed yet (vacuum comes later): an entry whose heap
 * tuple is dead stays, and every caller checks heap visibility of the tids it gets.
 */
public interface IndexAccess {
    /** The longest key accepted; a longer one is 54000 (callers may check first to name the index). */
    int maxKeySize();

    /**
     * Creates an empty index: the main fork's file and its metapage, both WAL-logged.
     * Creating over an existing file is not an error (the metapage is rewritten).
     */
    void create(RelFileLocator index);

    /**
     * Fills an index just made by {@link #create} (and still empty) from the entries added to
     * the returned builder, bottom-up from sorted input (the builder sorts in memory); the pages
     * are WAL-logged. With a non-null {@code unique} checker, two entries with an equal key whose
     * tuples are both not DEAD make {@link IndexBuild#finish} throw the checker's
     * {@link UniqueChecker#duplicate} error.
     */
    IndexBuild build(RelFileLocator index, UniqueChecker unique);

    /** Removes the index's buffers and files (WAL-logged). */
    void drop(RelFileLocator index);

    /** Empties the index: files removed and re-created with an empty metapage (WAL-logged). */
    void truncate(RelFileLocator index);

    /**
     * Inserts the entry (key, tid). With {@link UniqueCheck#YES}, first looks at every entry
     * with an equal key and asks {@code checker} about its heap tuple: LIVE ends the insert with
     * the checker's {@link UniqueChecker#duplicate} error; IN_PROGRESS releases every buffer
     * lock, calls {@link UniqueChecker#awaitTransaction} and starts over; DEAD is passed over.
     * The checker's {@code check} runs with an index buffer locked (it may read heap pages,
     * never wait); {@code awaitTransaction} runs with no buffer locked.
     *
     * @throws org.tuskdb.api.DatabaseException 54000 when the key is longer than {@link #maxKeySize}
     */
    void insert(RelFileLocator index, byte[] key, Tid tid, UniqueCheck check, UniqueChecker checker);

    /**
     * The unique check alone (INSERT ... ON CONFLICT's pre-check): for an entry with an equal
     * key whose tuple the checker says is LIVE, the tid of that tuple ({@code Liveness.at}, or
     * the entry's own), or null when there is none; waits for
     * IN_PROGRESS ones exactly as {@link #insert} does. {@code checker.duplicate} is not called.
     */
    Tid findLive(RelFileLocator index, byte[] key, UniqueChecker checker);

    /**
     * Starts a scan of the entries between {@code lower} and {@code upper} (each may be
     * {@link ScanBound#UNBOUNDED}) in key order ({@link ScanDirection#FORWARD}) or reverse.
     * The scan holds no buffer lock between calls; entries inserted concurrently may or may not
     * be returned, entries present when the scan started are returned exactly once.
     */
    IndexScan scan(RelFileLocator index, ScanBound lower, ScanBound upper, ScanDirection direction);

    /** Pages in the index's main fork (for the planner). */
    long blockCount(RelFileLocator index);
}
