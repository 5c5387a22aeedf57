package org.tuskdb.storage.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The shared set of files (and directories) that need fsync at the next checkpoint, over the
 * "storage" region ({@link PendingSyncLayout}). Every process adds; only the checkpoint takes.
 * All entry access is under the region's LWLock (exclusive: adding is rare thanks to the cycle
 * check in {@link RelationFiles}).
 */
final class PendingSyncs {
    /** One thing to fsync: a fork file (kind = fork ordinal) or a directory. */
    record Entry(int dbOid, long relNumber, int kind) {
    }

    /** What the checkpoint took: the entries, and whether the set had overflowed. */
    record Taken(List<Entry> entries, boolean syncAll) {
    }

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private final MemorySegment region;
    private final int capacity;

    PendingSyncs(MemorySegment region) {
        this.region = region;
        this.capacity = region.get(INT, PendingSyncLayout.CAPACITY);
        if (capacity <= 0 || Integer.bitCount(capacity) != 1
                || region.byteSize() < PendingSyncLayout.regionSize(capacity)) {
            throw new IllegalStateException("the storage region is not initialized");
        }
    }

    /** Region initialization (postmaster, zeroed memory). Capacity must be a power of two. */
    static void initialize(MemorySegment region, int capacity) {
        LWLock.initialize(region, PendingSyncLayout.LOCK);
        region.set(INT, PendingSyncLayout.CAPACITY, capacity);
    }

    /** The current sync cycle (volatile read). */
    long cycle() {
        return Atomics.getLong(region, PendingSyncLayout.CYCLE);
    }

    long unlinkGeneration() {
        return Atomics.getLong(region, PendingSyncLayout.UNLINK_GENERATION);
    }

    void bumpUnlinkGeneration() {
        Atomics.getAndAddLong(region, PendingSyncLayout.UNLINK_GENERATION, 1);
    }

    /** Adds an entry; returns the cycle whose checkpoint will sync it. */
    long add(int dbOid, long relNumber, int kind) {
        LWLock.acquireExclusive(region, PendingSyncLayout.LOCK);
        try {
            long cycle = region.get(LONG, PendingSyncLayout.CYCLE);
            if ((region.get(INT, PendingSyncLayout.FLAGS) & PendingSyncLayout.SYNC_ALL) != 0) {
                return cycle;
            }
            int mask = capacity - 1;
            int i = (int) hash(dbOid, relNumber, kind) & mask;
            for (int probes = 0; probes < capacity; probes++, i = (i + 1) & mask) {
                long at = PendingSyncLayout.ENTRIES + (long) i * PendingSyncLayout.ENTRY_SIZE;
                long rel = region.get(LONG, at + PendingSyncLayout.ENTRY_REL);
                if (rel == 0) {
                    int count = region.get(INT, PendingSyncLayout.COUNT);
                    if (count + 1 > capacity - capacity / 4) {
                        break; // keep probe chains short: treat 75 % as full
                    }
                    region.set(INT, at + PendingSyncLayout.ENTRY_DB, dbOid);
                    region.set(INT, at + PendingSyncLayout.ENTRY_KIND, kind);
                    region.set(LONG, at + PendingSyncLayout.ENTRY_REL, relNumber);
                    region.set(INT, PendingSyncLayout.COUNT, count + 1);
                    return cycle;
                }
                if (rel == relNumber && region.get(INT, at + PendingSyncLayout.ENTRY_DB) == dbOid
                        && region.get(INT, at + PendingSyncLayout.ENTRY_KIND) == kind) {
                    return cycle;
                }
            }
            int flags = region.get(INT, PendingSyncLayout.FLAGS);
            region.set(INT, PendingSyncLayout.FLAGS, flags | PendingSyncLayout.SYNC_ALL);
            return cycle;
        } finally {
            LWLock.release(region, PendingSyncLayout.LOCK);
        }
    }

    /** The checkpoint: takes every entry, empties the set and starts a new cycle. */
    Taken take() {
        List<Entry> entries = new ArrayList<>();
        boolean syncAll;
        LWLock.acquireExclusive(region, PendingSyncLayout.LOCK);
        try {
            syncAll = (region.get(INT, PendingSyncLayout.FLAGS) & PendingSyncLayout.SYNC_ALL) != 0;
            for (int i = 0; i < capacity; i++) {
                long at = PendingSyncLayout.ENTRIES + (long) i * PendingSyncLayout.ENTRY_SIZE;
                long rel = region.get(LONG, at + PendingSyncLayout.ENTRY_REL);
                if (rel != 0) {
                    entries.add(new Entry(region.get(INT, at + PendingSyncLayout.ENTRY_DB), rel,
                            region.get(INT, at + PendingSyncLayout.ENTRY_KIND)));
                    region.set(LONG, at + PendingSyncLayout.ENTRY_REL, 0L);
                }
            }
            region.set(INT, PendingSyncLayout.COUNT, 0);
            region.set(INT, PendingSyncLayout.FLAGS, 0);
            Atomics.setLong(region, PendingSyncLayout.CYCLE, region.get(LONG, PendingSyncLayout.CYCLE) + 1);
        } finally {
            LWLock.release(region, PendingSyncLayout.LOCK);
        }
        return new Taken(entries, syncAll);
    }

    /** Puts entries back after a failed checkpoint, so the next one tries them again. */
    void restore(List<Entry> entries) {
        for (Entry e : entries) {
            add(e.dbOid(), e.relNumber(), e.kind());
        }
    }

    private static long hash(int dbOid, long relNumber, int kind) {
        long h = relNumber * 0x9E3779B97F4A7C15L ^ ((long) dbOid << 8 | kind) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 29);
    }
}
