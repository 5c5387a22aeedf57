package org.tuskdb.bufferpool.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The shared table of relation fork sizes (in blocks), so that concurrent extenders in different
 * processes get different block numbers although the file grows only when a page is written. An
 * entry is made lazily from the file's size on the first extend and is authoritative while it
 * exists: {@code nblocks} counts blocks handed out, written or not. {@code blockCount} makes
 * an entry too (every scan asks for the size; the file system is asked once). Open addressing with linear
 * probing and backward-shift deletion; all access under the region's size LWLock.
 *
 * <p>When the table is 3/4 full, an entry whose file already holds all its blocks (nothing
 * handed out but unwritten) is forgotten to make room; if there is none, 53200.
 */
final class RelationSizes {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    private final MemorySegment region;
    private final BufferPoolLayout layout;
    private final RelationStorage storage;
    private final int mask;

    RelationSizes(MemorySegment region, BufferPoolLayout layout, RelationStorage storage) {
        this.region = region;
        this.layout = layout;
        this.storage = storage;
        this.mask = layout.sizeCapacity - 1;
    }

    static void initialize(MemorySegment region) {
        LWLock.initialize(region, BufferPoolLayout.SIZE_LOCK);
    }

    /** Hands out the next block number of the fork. */
    long allocate(RelFileLocator rel, ForkNumber fork) {
        LWLock.acquireExclusive(region, BufferPoolLayout.SIZE_LOCK);
        try {
            long at = layout.sizeEntry(findOrLoad(rel, fork)) + BufferPoolLayout.S_NBLOCKS;
            long block = region.get(LONG, at);
            if (block > 0xFFFF_FFFEL) {
                throw new DatabaseException("54000", "cannot extend relation " + rel.relativePath(fork)
                        + " beyond 4294967295 blocks");
            }
            region.set(LONG, at, block + 1);
            return block;
        } finally {
            LWLock.release(region, BufferPoolLayout.SIZE_LOCK);
        }
    }

    /**
     * The fork's size, making an entry from its file if there is none, so that the next caller
     * (every scan asks) finds it here instead of asking the file system again.
     */
    long getOrLoad(RelFileLocator rel, ForkNumber fork) {
        long known = get(rel, fork);
        if (known >= 0) {
            return known;
        }
        LWLock.acquireExclusive(region, BufferPoolLayout.SIZE_LOCK);
        try {
            return region.get(LONG, layout.sizeEntry(findOrLoad(rel, fork)) + BufferPoolLayout.S_NBLOCKS);
        } finally {
            LWLock.release(region, BufferPoolLayout.SIZE_LOCK);
        }
    }

    /**
     * The entry's index; a new entry from the file's size if there is none. Holds the lock
     * exclusively. The file is asked under the lock: a size read before it could be stale by the
     * time the entry is made (an entry forgotten by makeRoom meanwhile, its blocks written), and
     * would hand out a block number that already has a page. Once per fork, rarely twice.
     */
    private int findOrLoad(RelFileLocator rel, ForkNumber fork) {
        int i = find(rel, fork);
        return i >= 0 ? i : insert(rel, fork, storage.blockCount(rel, fork));
    }

    /** The fork's size if the table knows it, else -1. */
    long get(RelFileLocator rel, ForkNumber fork) {
        LWLock.acquireShared(region, BufferPoolLayout.SIZE_LOCK);
        try {
            int i = find(rel, fork);
            return i < 0 ? -1 : region.get(LONG, layout.sizeEntry(i) + BufferPoolLayout.S_NBLOCKS);
        } finally {
            LWLock.release(region, BufferPoolLayout.SIZE_LOCK);
        }
    }

    /**
     * A block was brought into existence without extend (readZeroed in redo): grow the entry, or
     * make one. Without an entry the fork's size would be read from its file, which does not
     * have the block yet (it grows when the page is written), and redo of a later record for
     * the block would take it for a block of a truncated relation.
     */
    void noteBlock(RelFileLocator rel, ForkNumber fork, long block) {
        LWLock.acquireExclusive(region, BufferPoolLayout.SIZE_LOCK);
        try {
            long at = layout.sizeEntry(findOrLoad(rel, fork)) + BufferPoolLayout.S_NBLOCKS;
            if (region.get(LONG, at) <= block) {
                region.set(LONG, at, block + 1);
            }
        } finally {
            LWLock.release(region, BufferPoolLayout.SIZE_LOCK);
        }
    }

    /** Forgets every fork of the relation. */
    void forget(RelFileLocator rel) {
        LWLock.acquireExclusive(region, BufferPoolLayout.SIZE_LOCK);
        try {
            for (ForkNumber fork : ForkNumber.values()) {
                int i = find(rel, fork);
                if (i >= 0) {
                    delete(i);
                }
            }
        } finally {
            LWLock.release(region, BufferPoolLayout.SIZE_LOCK);
        }
    }

    private int home(int dbOid, long relNumber, int fork) {
        long h = relNumber * 0x9E3779B97F4A7C15L ^ ((long) dbOid << 2 | fork) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private int find(RelFileLocator rel, ForkNumber fork) {
        int i = home(rel.dbOid(), rel.relNumber(), fork.ordinal());
        while (true) {
            long at = layout.sizeEntry(i);
            long r = region.get(LONG, at + BufferPoolLayout.S_REL);
            if (r == 0) {
                return -1;
            }
            if (r == rel.relNumber() && region.get(INT, at + BufferPoolLayout.S_DB) == rel.dbOid()
                    && region.get(INT, at + BufferPoolLayout.S_FORK) == fork.ordinal()) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private int insert(RelFileLocator rel, ForkNumber fork, long nblocks) {
        int count = region.get(INT, BufferPoolLayout.SIZE_COUNT);
        if (count + 1 > layout.sizeCapacity - layout.sizeCapacity / 4) {
            makeRoom();
        }
        int i = home(rel.dbOid(), rel.relNumber(), fork.ordinal());
        while (region.get(LONG, layout.sizeEntry(i) + BufferPoolLayout.S_REL) != 0) {
            i = (i + 1) & mask;
        }
        long at = layout.sizeEntry(i);
        region.set(INT, at + BufferPoolLayout.S_DB, rel.dbOid());
        region.set(INT, at + BufferPoolLayout.S_FORK, fork.ordinal());
        region.set(LONG, at + BufferPoolLayout.S_NBLOCKS, nblocks);
        region.set(LONG, at + BufferPoolLayout.S_REL, rel.relNumber());
        region.set(INT, BufferPoolLayout.SIZE_COUNT, region.get(INT, BufferPoolLayout.SIZE_COUNT) + 1);
        return i;
    }

    /**
     * Rare: forgets one entry the file itself agrees with, or whose file is gone (a relation
     * dropped just after a scan asked for its size), file I/O under the lock, accepted.
     */
    private void makeRoom() {
        for (int i = 0; i < layout.sizeCapacity; i++) {
            long at = layout.sizeEntry(i);
            long r = region.get(LONG, at + BufferPoolLayout.S_REL);
            if (r == 0) {
                continue;
            }
            RelFileLocator rel = new RelFileLocator(region.get(INT, at + BufferPoolLayout.S_DB), r);
            ForkNumber fork = ForkNumber.values()[region.get(INT, at + BufferPoolLayout.S_FORK)];
            if (!storage.exists(rel, fork)
                    || storage.blockCount(rel, fork) >= region.get(LONG, at + BufferPoolLayout.S_NBLOCKS)) {
                delete(i);
                return;
            }
        }
        throw new DatabaseException("53200", "out of shared memory")
                .withHint("Too many relations are being extended at once.");
    }

    /** Backward-shift deletion (Knuth 6.4 algorithm R) keeps probe chains unbroken. */
    private void delete(int i) {
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long at = layout.sizeEntry(j);
            long r = region.get(LONG, at + BufferPoolLayout.S_REL);
            if (r == 0) {
                break;
            }
            int k = home(region.get(INT, at + BufferPoolLayout.S_DB), r, region.get(INT, at + BufferPoolLayout.S_FORK));
            boolean stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j);
            if (!stays) {
                MemorySegment.copy(region, at, region, layout.sizeEntry(hole), BufferPoolLayout.SIZE_ENTRY);
                hole = j;
            }
        }
        region.set(LONG, layout.sizeEntry(hole) + BufferPoolLayout.S_REL, 0L);
        region.set(INT, BufferPoolLayout.SIZE_COUNT, region.get(INT, BufferPoolLayout.SIZE_COUNT) - 1);
    }
}
