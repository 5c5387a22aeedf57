package org.tuskdb.api.index;

import org.tuskdb.api.heap.Tid;

/**
 * A cursor over index entries in the scan's direction. {@link #next} moves to the next entry;
 * then {@link #tid} and {@link #key} describe it until the following call. Holds no buffer lock
 * between calls (the entries of one leaf page are copied at a time).
 */
public interface IndexScan extends AutoCloseable {
    /** Moves to the next entry; false when there is none (and for every later call). */
    boolean next();

    /** The current entry's heap tid. */
    Tid tid();

    /** The current entry's heap tid, packed as {@link Tid#pack()} (no allocation). */
    long packedTid();

    /** A copy of the current entry's key bytes (for index-only scans). */
    byte[] key();

    /**
     * Tells the index that the current entry's tuple is dead to every transaction (the caller
     * checked the heap: {@code HeapAccess.deadToAll}), so the index may mark the entry and skip
     * it in later scans (PostgreSQL's kill_prior_tuple). A hint: the index may ignore it.
     * @since 1.1
     */
    default void killCurrent() {
    }

    /**
     * Starts over on new bounds in the same direction, reusing the scan's buffers (the inner
     * side of a parameterized nested loop: one scan, restarted per outer row).
     */
    void restart(ScanBound lower, ScanBound upper);

    @Override
    void close();
}
