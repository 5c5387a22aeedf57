package org.tuskdb.lmgr.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.Latch;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * Layout of the "locks" region: the shared lock table (PostgreSQL's LOCK hash, PROCLOCK hash and
 * the lock-related part of PGPROC). Everything is a fixed-size pool of entries addressed by
 * index; links are indexes, -1 is "none" ({@link #NIL}).
 *
 * <pre>
 *  +0     header (64 bytes)
 *         +0 magic 'LMGR'  +4 procSlots  +8 lockCapacity  +12 procLockCapacity
 *         +16 bucketCount (power of two, >= 16)  +20 free lock list head
 *         +24 free proc-lock list head  +28 free-list spinlock  +32 locks in use
 *         +36 proc-locks in use
 *  +64    16 partition LWLocks, one per 64-byte line
 *  +1088  buckets: bucketCount x int (first lock entry of the chain)
 *  strong STRONG_PARTITIONS x int (aligned to 64): strong relation locks held or awaited per
 *         hash partition of the tag (PostgreSQL's FastPathStrongRelationLocks), atomics
 *  procs  procSlots x 64 bytes (aligned to 64), one per ProcArray slot:
 *         +0 latch  +4 waitStatus (0 none, 1 waiting, 2 granted)  +8 waitLock (lock index)
 *         +12 waitMode (ordinal)  +16 waitProcLock  +20 waitHeld (modes held on waitLock)
 *         +24 waitPrev (slot)  +28 waitNext (slot)  +32 pid (long)  +40 waitStart (ms, long)
 *  locks  lockCapacity x 96 bytes (PostgreSQL's LOCK):
 *         +0 kind  +4 bucketNext (lock index; next free entry while free)
 *         +8 field1  +16 field2  +24 field3 (longs: the LockTag)
 *         +32 grantMask  +36 waitMask  +40 waitHead (slot)  +44 waitTail (slot)
 *         +48 procLockHead  +56 granted[8] (int per mode: proc-locks holding it)
 *  procLocks procLockCapacity x 24 bytes (PostgreSQL's PROCLOCK):
 *         +0 lock  +4 slot  +8 holdMask  +12 prev  +16 next (in the lock's list;
 *         next is the free-list link while free)
 *  fastPath procSlots x 320 bytes (aligned to 64), one per ProcArray slot (the fast-path part
 *         of PostgreSQL's PGPROC): +0 LWLock (fpInfoLock)  +8 modes (long: 3 bits per entry,
 *         entry i at bits 3i..3i+2, the held weak modes AccessShare/RowShare/RowExclusive; 0 =
 *         entry free)  +16 xid (long: the transaction id whose ExclusiveLock the slot holds in
 *         its fast path, 0 none; written under the LWLock, read without it by waiters)
 *         +64 FP_SLOTS entries x 16 bytes: +0 field1 (database)  +8 field2
 *         (relation) of the relation tag
 * </pre>
 *
 * Bucket b belongs to partition {@code b & 15}; every field of a lock entry, of its proc-locks
 * and the wait fields of a proc queued on it are guarded by that partition's LWLock. The free
 * lists are guarded by the free-list spinlock (taken inside a partition lock, never the other way).
 */
final class LockRegionLayout {
    static final String REGION_NAME = "locks";
    static final int NIL = -1;
    static final int MAGIC_VALUE = 0x4C4D_4752; // 'LMGR'

    static final int PARTITIONS = 16;

    // header
    static final long MAGIC = 0;
    static final long PROC_SLOTS = 4;
    static final long LOCK_CAPACITY = 8;
    static final long PROCLOCK_CAPACITY = 12;
    static final long BUCKET_COUNT = 16;
    static final long FREE_LOCKS = 20;
    static final long FREE_PROCLOCKS = 24;
    static final long FREE_LIST_SPIN = 28;
    static final long LOCKS_IN_USE = 32;
    static final long PROCLOCKS_IN_USE = 36;
    static final long PARTITION_LOCKS = 64;
    static final long PARTITION_STRIDE = 64;
    static final long BUCKETS = PARTITION_LOCKS + PARTITIONS * PARTITION_STRIDE;

    // proc entry
    static final long PROC_SIZE = 64;
    static final long P_LATCH = 0;
    static final long P_WAIT_STATUS = 4;
    static final long P_WAIT_LOCK = 8;
    static final long P_WAIT_MODE = 12;
    static final long P_WAIT_PROCLOCK = 16;
    static final long P_WAIT_HELD = 20;
    static final long P_WAIT_PREV = 24;
    static final long P_WAIT_NEXT = 28;
    static final long P_PID = 32;
    static final long P_WAIT_START = 40;

    static final int STATUS_NONE = 0;
    static final int STATUS_WAITING = 1;
    static final int STATUS_GRANTED = 2;

    // lock entry
    static final long LOCK_SIZE = 96;
    static final long L_KIND = 0;
    static final long L_BUCKET_NEXT = 4;
    static final long L_FIELD1 = 8;
    static final long L_FIELD2 = 16;
    static final long L_FIELD3 = 24;
    static final long L_GRANT_MASK = 32;
    static final long L_WAIT_MASK = 36;
    static final long L_WAIT_HEAD = 40;
    static final long L_WAIT_TAIL = 44;
    static final long L_PROCLOCK_HEAD = 48;
    static final long L_GRANTED = 56;

    // proc-lock entry
    static final long PROCLOCK_SIZE = 24;
    static final long PL_LOCK = 0;
    static final long PL_SLOT = 4;
    static final long PL_HOLD_MASK = 8;
    static final long PL_PREV = 12;
    static final long PL_NEXT = 16;

    // strong-lock counters and per-process fast-path entries
    static final int STRONG_PARTITIONS = 1024;
    static final int FP_SLOTS = 16;
    static final long FP_SIZE = 64 + 16L * FP_SLOTS;
    static final long FP_LOCK = 0;
    static final long FP_MODES = 8;
    /** The transaction id whose ExclusiveLock the slot holds in its fast path (0: none). */
    static final long FP_XID = 16;
    static final long FP_ENTRIES = 64;
    static final long FP_ENTRY_SIZE = 16;

    /** PostgreSQL's default max_locks_per_transaction. */
    static final int DEFAULT_MAX_LOCKS_PER_TRANSACTION = 64;

    final int procSlots;
    final int lockCapacity;
    final int procLockCapacity;
    final int bucketCount;
    final long strong;
    final long procs;
    final long locks;
    final long procLocks;
    final long fastPath;
    final long size;

    private LockRegionLayout(int procSlots, int lockCapacity, int procLockCapacity, int bucketCount) {
        this.procSlots = procSlots;
        this.lockCapacity = lockCapacity;
        this.procLockCapacity = procLockCapacity;
        this.bucketCount = bucketCount;
        this.strong = align64(BUCKETS + 4L * bucketCount);
        this.procs = align64(strong + 4L * STRONG_PARTITIONS);
        this.locks = procs + PROC_SIZE * procSlots;
        this.procLocks = locks + LOCK_SIZE * lockCapacity;
        this.fastPath = align64(procLocks + PROCLOCK_SIZE * procLockCapacity);
        this.size = fastPath + FP_SIZE * procSlots;
    }

    /**
     * As PostgreSQL sizes its lock table: max_locks_per_transaction lock objects per process,
     * twice as many proc-locks (several processes hold most locks that are held at all).
     */
    static LockRegionLayout forSettings(int procSlots, int maxLocksPerTransaction) {
        if (procSlots < 1 || maxLocksPerTransaction < 1) {
            throw new IllegalArgumentException("procSlots and max_locks_per_transaction must be positive");
        }
        long locks = (long) procSlots * maxLocksPerTransaction;
        if (locks * 2 > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("lock table too large: " + locks + " locks");
        }
        int lockCapacity = (int) locks;
        int buckets = Integer.highestOneBit(Math.max(PARTITIONS, lockCapacity - 1) * 2);
        return new LockRegionLayout(procSlots, lockCapacity, lockCapacity * 2, buckets);
    }

    /** The layout an initialized region records in its header (what workers use). */
    static LockRegionLayout of(MemorySegment region) {
        if (region.get(ValueLayout.JAVA_INT, MAGIC) != MAGIC_VALUE) {
            throw new IllegalStateException("the locks region is not initialized");
        }
        return new LockRegionLayout(region.get(ValueLayout.JAVA_INT, PROC_SLOTS),
                region.get(ValueLayout.JAVA_INT, LOCK_CAPACITY),
                region.get(ValueLayout.JAVA_INT, PROCLOCK_CAPACITY),
                region.get(ValueLayout.JAVA_INT, BUCKET_COUNT));
    }

    /** Lays out a zeroed region: free lists threaded through every entry, links NIL, magic last. */
    void initialize(MemorySegment region) {
        if (region.byteSize() < size) {
            throw new IllegalArgumentException("locks region of " + region.byteSize() + " bytes, needs " + size);
        }
        region.set(ValueLayout.JAVA_INT, PROC_SLOTS, procSlots);
        region.set(ValueLayout.JAVA_INT, LOCK_CAPACITY, lockCapacity);
        region.set(ValueLayout.JAVA_INT, PROCLOCK_CAPACITY, procLockCapacity);
        region.set(ValueLayout.JAVA_INT, BUCKET_COUNT, bucketCount);
        SpinLock.initialize(region, FREE_LIST_SPIN);
        for (int p = 0; p < PARTITIONS; p++) {
            LWLock.initialize(region, partitionLock(p));
        }
        for (int b = 0; b < bucketCount; b++) {
            region.set(ValueLayout.JAVA_INT, BUCKETS + 4L * b, NIL);
        }
        for (int s = 0; s < procSlots; s++) {
            long proc = proc(s);
            Latch.initialize(region, proc + P_LATCH);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_STATUS, STATUS_NONE);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_LOCK, NIL);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_MODE, NIL);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_PROCLOCK, NIL);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_PREV, NIL);
            region.set(ValueLayout.JAVA_INT, proc + P_WAIT_NEXT, NIL);
            LWLock.initialize(region, fastPath(s) + FP_LOCK);
            region.set(ValueLayout.JAVA_LONG, fastPath(s) + FP_MODES, 0L);
            region.set(ValueLayout.JAVA_LONG, fastPath(s) + FP_XID, 0L);
        }
        for (int i = 0; i < STRONG_PARTITIONS; i++) {
            region.set(ValueLayout.JAVA_INT, strong + 4L * i, 0);
        }
        for (int i = 0; i < lockCapacity; i++) {
            region.set(ValueLayout.JAVA_INT, lock(i) + L_BUCKET_NEXT, i + 1 < lockCapacity ? i + 1 : NIL);
        }
        for (int i = 0; i < procLockCapacity; i++) {
            region.set(ValueLayout.JAVA_INT, procLock(i) + PL_NEXT, i + 1 < procLockCapacity ? i + 1 : NIL);
        }
        region.set(ValueLayout.JAVA_INT, FREE_LOCKS, 0);
        region.set(ValueLayout.JAVA_INT, FREE_PROCLOCKS, 0);
        region.set(ValueLayout.JAVA_INT, LOCKS_IN_USE, 0);
        region.set(ValueLayout.JAVA_INT, PROCLOCKS_IN_USE, 0);
        region.set(ValueLayout.JAVA_INT, MAGIC, MAGIC_VALUE);
    }

    static long partitionLock(int partition) {
        return PARTITION_LOCKS + PARTITION_STRIDE * partition;
    }

    long bucket(int bucket) {
        return BUCKETS + 4L * bucket;
    }

    long proc(int slot) {
        return procs + PROC_SIZE * slot;
    }

    long fastPath(int slot) {
        return fastPath + FP_SIZE * slot;
    }

    long lock(int index) {
        return locks + LOCK_SIZE * index;
    }

    long procLock(int index) {
        return procLocks + PROCLOCK_SIZE * index;
    }

    private static long align64(long offset) {
        return (offset + 63) & ~63L;
    }
}
