package org.tuskdb.bufferpool.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * The shared buffer mapping table (PostgreSQL's buf_table.c): block tag to buffer id, chained
 * hashing in the region. A bucket belongs to partition {@code hash & (partitions - 1)}; its chain
 * is read under that partition's LWLock shared and changed under it exclusive. Entries come from
 * one free list (a spinlock, touched only on inserts and deletes). There are nbuffers + partitions
 * entries: every buffer maps at most one tag, and each process re-tagging a buffer (holding a
 * partition lock exclusively) inserts the new tag before deleting the old one.
 */
final class BufferMapping {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private final MemorySegment region;
    private final BufferPoolLayout layout;
    private final int bucketMask;
    private final int partitionMask;

    BufferMapping(MemorySegment region, BufferPoolLayout layout) {
        this.region = region;
        this.layout = layout;
        this.bucketMask = layout.buckets - 1;
        this.partitionMask = layout.partitions - 1;
    }

    static void initialize(MemorySegment region, BufferPoolLayout layout) {
        for (int p = 0; p < layout.partitions; p++) {
            LWLock.initialize(region, layout.partitionLock(p));
        }
        for (int b = 0; b < layout.buckets; b++) {
            region.set(INT, layout.bucket(b), -1);
        }
        for (int e = 0; e < layout.entries; e++) {
            region.set(INT, layout.entry(e) + BufferPoolLayout.E_NEXT, e + 1 < layout.entries ? e + 1 : -1);
        }
        region.set(INT, BufferPoolLayout.FREE_HEAD, 0);
        SpinLock.initialize(region, BufferPoolLayout.FREE_LOCK);
    }

    static long hash(int dbOid, long relNumber, int fork, int block) {
        long h = relNumber * 0x9E3779B97F4A7C15L;
        h ^= ((long) block << 8 | fork) * 0xC2B2AE3D27D4EB4FL;
        h ^= dbOid * 0x165667B19E3779F9L;
        return h ^ (h >>> 31);
    }

    int partition(long hash) {
        return (int) hash & partitionMask;
    }

    long partitionLock(long hash) {
        return layout.partitionLock(partition(hash));
    }

    /** The buffer mapped to the tag, or -1. Caller holds the partition lock (either mode). */
    int lookup(long hash, int dbOid, long relNumber, int fork, int block) {
        int e = region.get(INT, layout.bucket((int) hash & bucketMask));
        while (e >= 0) {
            long at = layout.entry(e);
            if (region.get(LONG, at + BufferPoolLayout.E_REL) == relNumber
                    && region.get(INT, at + BufferPoolLayout.E_BLOCK) == block
                    && region.get(INT, at + BufferPoolLayout.E_DB) == dbOid
                    && region.get(INT, at + BufferPoolLayout.E_FORK) == fork) {
                return region.get(INT, at + BufferPoolLayout.E_BUFFER);
            }
            e = region.get(INT, at + BufferPoolLayout.E_NEXT);
        }
        return -1;
    }

    /**
     * Maps the tag to {@code buffer} unless it is mapped already; returns the buffer it was
     * mapped to, or -1 when inserted. Caller holds the partition lock exclusively.
     */
    int insert(long hash, int dbOid, long relNumber, int fork, int block, int buffer) {
        int existing = lookup(hash, dbOid, relNumber, fork, block);
        if (existing >= 0) {
            return existing;
        }
        int e = allocateEntry();
        long at = layout.entry(e);
        long head = layout.bucket((int) hash & bucketMask);
        region.set(LONG, at + BufferPoolLayout.E_REL, relNumber);
        region.set(INT, at + BufferPoolLayout.E_DB, dbOid);
        region.set(INT, at + BufferPoolLayout.E_FORK, fork);
        region.set(INT, at + BufferPoolLayout.E_BLOCK, block);
        region.set(INT, at + BufferPoolLayout.E_BUFFER, buffer);
        region.set(INT, at + BufferPoolLayout.E_NEXT, region.get(INT, head));
        region.set(INT, head, e);
        return -1;
    }

    /** Removes the tag's mapping (must exist). Caller holds the partition lock exclusively. */
    void delete(long hash, int dbOid, long relNumber, int fork, int block) {
        long link = layout.bucket((int) hash & bucketMask);
        int e = region.get(INT, link);
        while (e >= 0) {
            long at = layout.entry(e);
            if (region.get(LONG, at + BufferPoolLayout.E_REL) == relNumber
                    && region.get(INT, at + BufferPoolLayout.E_BLOCK) == block
                    && region.get(INT, at + BufferPoolLayout.E_DB) == dbOid
                    && region.get(INT, at + BufferPoolLayout.E_FORK) == fork) {
                region.set(INT, link, region.get(INT, at + BufferPoolLayout.E_NEXT));
                freeEntry(e);
                return;
            }
            link = at + BufferPoolLayout.E_NEXT;
            e = region.get(INT, link);
        }
        throw new IllegalStateException("buffer mapping entry for " + dbOid + "/" + relNumber + " fork " + fork
                + " block " + Integer.toUnsignedString(block) + " is missing");
    }

    private int allocateEntry() {
        SpinLock.acquire(region, BufferPoolLayout.FREE_LOCK);
        int e = region.get(INT, BufferPoolLayout.FREE_HEAD);
        if (e >= 0) {
            region.set(INT, BufferPoolLayout.FREE_HEAD, region.get(INT, layout.entry(e) + BufferPoolLayout.E_NEXT));
        }
        SpinLock.release(region, BufferPoolLayout.FREE_LOCK);
        if (e < 0) {
            throw new IllegalStateException("shared buffer hash table corrupted: no free entries");
        }
        return e;
    }

    private void freeEntry(int e) {
        SpinLock.acquire(region, BufferPoolLayout.FREE_LOCK);
        region.set(INT, layout.entry(e) + BufferPoolLayout.E_NEXT, region.get(INT, BufferPoolLayout.FREE_HEAD));
        region.set(INT, BufferPoolLayout.FREE_HEAD, e);
        SpinLock.release(region, BufferPoolLayout.FREE_LOCK);
    }
}
