package org.tuskdb.bufferpool.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layout of the "bufferpool" region, computed from the number of buffers and ProcArray slots
 * (both stored in the header, so every process derives the same offsets).
 *
 * <pre>
 *  header (320 bytes)
 *    0 nbuffers int | 4 procSlots int | 8 partitions int | 12 buckets int | 16 entries int
 *   20 size-table capacity int | 24 page array offset long
 *   64 clock hand long (next victim = hand % nbuffers) | 72 buffer allocations long
 *  128 written by checkpoint long | 136 by bgwriter long | 144 by backends long
 *  192 free-list spinlock int | 196 free-list head int
 *  256 relation-size LWLock int | 260 relation-size count int
 *  partition LWLocks           partitions x 64 (one cache line each)
 *  per-process counters        procSlots x 64: hits long, reads long
 *  descriptors                 nbuffers x 64:
 *      0 state long | 8 relNumber long | 16 dbOid int | 20 fork int | 24 block int
 *     28 content LWLock int | 32 I/O wait word int (futex)
 *  mapping buckets             buckets x int (entry index, -1 = empty)
 *  mapping entries             entries x 32: relNumber long, dbOid int, fork int, block int,
 *                              buffer int, next int (-1 = end; free entries chain through next)
 *  relation sizes              capacity x 32: relNumber long (0 = empty), dbOid int, fork int,
 *                              nblocks long  (open addressing, linear probing)
 *  pages                       nbuffers x 8192, 4 KiB aligned in the mapping
 * </pre>
 */
final class BufferPoolLayout {
    static final String REGION_NAME = "bufferpool";
    static final int DEFAULT_BUFFERS = 16384;
    static final int PAGE = 8192;

    static final long N_BUFFERS = 0;
    static final long PROC_SLOTS = 4;
    static final long PARTITIONS = 8;
    static final long BUCKETS = 12;
    static final long ENTRIES = 16;
    static final long SIZE_CAPACITY = 20;
    static final long PAGE_ARRAY = 24;
    static final long CLOCK_HAND = 64;
    static final long ALLOCATIONS = 72;
    static final long WRITTEN_CHECKPOINT = 128;
    static final long WRITTEN_BGWRITER = 136;
    static final long WRITTEN_BACKEND = 144;
    static final long FREE_LOCK = 192;
    static final long FREE_HEAD = 196;
    static final long SIZE_LOCK = 256;
    static final long SIZE_COUNT = 260;
    static final long HEADER_SIZE = 320;

    static final int LINE = 64;
    static final int DESCRIPTOR_SIZE = 64;
    static final long D_STATE = 0;
    static final long D_REL = 8;
    static final long D_DB = 16;
    static final long D_FORK = 20;
    static final long D_BLOCK = 24;
    static final long D_CONTENT_LOCK = 28;
    static final long D_IO_WORD = 32;

    static final int ENTRY_SIZE = 32;
    static final long E_REL = 0;
    static final long E_DB = 8;
    static final long E_FORK = 12;
    static final long E_BLOCK = 16;
    static final long E_BUFFER = 20;
    static final long E_NEXT = 24;

    static final int SIZE_ENTRY = 32;
    static final long S_REL = 0;
    static final long S_DB = 8;
    static final long S_FORK = 12;
    static final long S_NBLOCKS = 16;

    final int nbuffers;
    final int procSlots;
    final int partitions;
    final int buckets;
    final int entries;
    final int sizeCapacity;
    final long partitionLocks;
    final long slotCounters;
    final long descriptors;
    final long bucketArray;
    final long entryArray;
    final long sizeTable;
    /** Where the unaligned page area starts (the page array starts at most 8 KiB after it). */
    final long pageArea;

    BufferPoolLayout(int nbuffers, int procSlots) {
        if (nbuffers < 16) {
            throw new IllegalArgumentException("shared_buffers must be at least 16, not " + nbuffers);
        }
        this.nbuffers = nbuffers;
        this.procSlots = Math.max(1, procSlots);
        int p = Integer.highestOneBit(nbuffers) / 16;
        this.partitions = Math.max(1, Math.min(128, p));
        this.buckets = Math.max(partitions, Integer.highestOneBit(nbuffers - 1) << 1);
        this.entries = nbuffers + partitions;
        this.sizeCapacity = Math.max(64, Math.min(4096, Integer.highestOneBit(nbuffers) / 4));
        long at = HEADER_SIZE;
        partitionLocks = at;
        at += (long) partitions * LINE;
        slotCounters = at;
        at += (long) this.procSlots * LINE;
        descriptors = at;
        at += (long) nbuffers * DESCRIPTOR_SIZE;
        bucketArray = at;
        at = align(at + (long) buckets * 4, LINE);
        entryArray = at;
        at += (long) entries * ENTRY_SIZE;
        sizeTable = at;
        at += (long) sizeCapacity * SIZE_ENTRY;
        pageArea = at;
    }

    long regionSize() {
        return pageArea + PAGE + (long) nbuffers * PAGE;
    }

    /** Reads the layout an initialized region was made with. */
    static BufferPoolLayout of(MemorySegment region) {
        int n = region.get(ValueLayout.JAVA_INT, N_BUFFERS);
        if (n < 16) {
            throw new IllegalStateException("the bufferpool region is not initialized");
        }
        return new BufferPoolLayout(n, region.get(ValueLayout.JAVA_INT, PROC_SLOTS));
    }

    long partitionLock(int partition) {
        return partitionLocks + (long) partition * LINE;
    }

    long descriptor(int buffer) {
        return descriptors + (long) buffer * DESCRIPTOR_SIZE;
    }

    long bucket(int bucket) {
        return bucketArray + (long) bucket * 4;
    }

    long entry(int entry) {
        return entryArray + (long) entry * ENTRY_SIZE;
    }

    long sizeEntry(int i) {
        return sizeTable + (long) i * SIZE_ENTRY;
    }

    long slotCounter(int slot) {
        return slotCounters + (long) slot * LINE;
    }

    static long align(long v, long to) {
        return (v + to - 1) & -to;
    }
}
