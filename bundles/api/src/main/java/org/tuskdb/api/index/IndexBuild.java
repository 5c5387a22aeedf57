package org.tuskdb.api.index;

import org.tuskdb.api.heap.Tid;

/** Collects the entries of a new index, then writes the tree ({@link IndexAccess#build}). */
public interface IndexBuild extends AutoCloseable {
    /** Adds one entry; the key array is not copied and must not be changed afterwards. */
    void add(byte[] key, Tid tid);

    /** Sorts, checks uniqueness if asked, writes and WAL-logs the tree; returns the entry count. */
    long finish();

    /** Forgets the entries (after finish, or instead of it). */
    @Override
    void close();
}
