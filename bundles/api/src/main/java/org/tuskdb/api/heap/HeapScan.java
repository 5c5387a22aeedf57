package org.tuskdb.api.heap;

/**
 * A sequential scan of a relation through a snapshot, in tid order. Not thread-safe. Holds at
 * most one buffer pin between calls; {@link #close()} drops it.
 */
public interface HeapScan extends AutoCloseable {
    /** The next visible tuple, or null at the end. */
    HeapTuple next();

    /**
     * The tid an index entry for the tuple {@link #next()} returned last must point at: the root
     * of its HOT chain (CREATE INDEX indexes each chain under its root, as
     * heapam_index_build_range_scan does); the tuple's own tid when it is not heap-only.
     * @since 1.4
     */
    default Tid indexTid(HeapTuple last) {
        return last.tid();
    }

    @Override
    void close();
}
