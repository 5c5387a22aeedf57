package org.tuskdb.api.heap;

/**
 * A sequential scan of a relation through a snapshot, in tid order. Not thread-safe. Holds at
 * most one buffer pin between calls; {@link #close()} drops it.
 */
public interface HeapScan extends AutoCloseable {
    /** The next visible tuple, or null at the end. */
    HeapTuple next();

    @Override
    void close();
}
