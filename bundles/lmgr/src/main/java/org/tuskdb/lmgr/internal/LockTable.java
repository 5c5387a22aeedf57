package org.tuskdb.lmgr.internal;

import static org.tuskdb.lmgr.internal.LockRegionLayout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.xact.LockManager.LockInfo;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.Latch;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * The shared lock table in the "locks" region, as seen by one process (PostgreSQL's lock.c and
 * the queue half of proc.c). Methods whose name says "Locked" expect the caller to hold the
 * partition LWLock of the lock entry concerned (or all partition locks); the others take what
 * they need. No Java state is shared: a second mapping of the same file is a second process.
 */
final class LockTable {
    private static final LockMode[] MODES = LockMode.values();
    private static final LockTag.Kind[] KINDS = LockTag.Kind.values();

    final MemorySegment region;
    final LockRegionLayout layout;
    private final int bucketMask;

    LockTable(MemorySegment region) {
        this.region = region;
        this.layout = LockRegionLayout.of(region);
        this.bucketMask = layout.bucketCount - 1;
    }

    // ---------------------------------------------------------------- hashing and partitions

    static int hash(LockTag tag) {
        long h = tag.kind().ordinal() * 0x9E37_79B9_7F4A_7C15L;
        h = mix(h ^ tag.field1());
        h = mix(h ^ tag.field2());
        h = mix(h ^ tag.field3());
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long h) {
        h *= 0xBF58_476D_1CE4_E5B9L;
        return h ^ (h >>> 31);
    }

    int bucketOf(int hash) {
        return hash & bucketMask;
    }

    /** A bucket's partition: every lock in one bucket chain is guarded by the same LWLock. */
    static int partitionOfBucket(int bucket) {
        return bucket & (PARTITIONS - 1);
    }

    void lockPartition(int partition, boolean exclusive) {
        LWLock.acquire(region, partitionLock(partition), exclusive);
    }

    void unlockPartition(int partition) {
        LWLock.release(region, partitionLock(partition));
    }

    /** Every partition, ascending (the deadlock check and pg_locks); the only order allowed. */
    void lockAllPartitions(boolean exclusive) {
        for (int p = 0; p < PARTITIONS; p++) {
            lockPartition(p, exclusive);
        }
    }

    void unlockAllPartitions() {
        for (int p = PARTITIONS - 1; p >= 0; p--) {
            unlockPartition(p);
        }
    }

    // ---------------------------------------------------------------- plain field access

    private int getInt(long offset) {
        return region.get(ValueLayout.JAVA_INT, offset);
    }

    private void setInt(long offset, int value) {
        region.set(ValueLayout.JAVA_INT, offset, value);
    }

    private long getLong(long offset) {
        return region.get(ValueLayout.JAVA_LONG, offset);
    }

    private void setLong(long offset, long value) {
        region.set(ValueLayout.JAVA_LONG, offset, value);
    }

    // ---------------------------------------------------------------- procs

    long latchOffset(int slot) {
        return layout.proc(slot) + P_LATCH;
    }

    /** Read without a lock by the owner (acquire pairs with the granter's release store). */
    int waitStatus(int slot) {
        return Atomics.getIntAcquire(region, layout.proc(slot) + P_WAIT_STATUS);
    }

    void setPid(int slot, long pid) {
        Atomics.setLong(region, layout.proc(slot) + P_PID, pid);
    }

    long pid(int slot) {
        return Atomics.getLong(region, layout.proc(slot) + P_PID);
    }

    int waitLock(int slot) {
        return getInt(layout.proc(slot) + P_WAIT_LOCK);
    }

    int waitMode(int slot) {
        return getInt(layout.proc(slot) + P_WAIT_MODE);
    }

    int waitHeld(int slot) {
        return getInt(layout.proc(slot) + P_WAIT_HELD);
    }

    int waitNext(int slot) {
        return getInt(layout.proc(slot) + P_WAIT_NEXT);
    }

    // ---------------------------------------------------------------- lock entries

    int findLockLocked(int bucket, LockTag tag) {
        for (int l = getInt(layout.bucket(bucket)); l != NIL; l = getInt(layout.lock(l) + L_BUCKET_NEXT)) {
            long e = layout.lock(l);
            if (getInt(e + L_KIND) == tag.kind().ordinal() && getLong(e + L_FIELD1) == tag.field1()
                    && getLong(e + L_FIELD2) == tag.field2() && getLong(e + L_FIELD3) == tag.field3()) {
                return l;
            }
        }
        return NIL;
    }

    /** A new, empty lock entry for the tag at the head of its bucket chain, or NIL when the pool is empty. */
    int createLockLocked(int bucket, LockTag tag) {
        int l = popFree(FREE_LOCKS, true);
        if (l == NIL) {
            return NIL;
        }
        long e = layout.lock(l);
        setInt(e + L_KIND, tag.kind().ordinal());
        setLong(e + L_FIELD1, tag.field1());
        setLong(e + L_FIELD2, tag.field2());
        setLong(e + L_FIELD3, tag.field3());
        setInt(e + L_GRANT_MASK, 0);
        setInt(e + L_WAIT_MASK, 0);
        setInt(e + L_WAIT_HEAD, NIL);
        setInt(e + L_WAIT_TAIL, NIL);
        setInt(e + L_PROCLOCK_HEAD, NIL);
        for (int m = 0; m < MODES.length; m++) {
            setInt(e + L_GRANTED + 4L * m, 0);
        }
        setInt(e + L_BUCKET_NEXT, getInt(layout.bucket(bucket)));
        setInt(layout.bucket(bucket), l);
        return l;
    }

    /** Frees the lock entry if no process holds or awaits it any more (CleanUpLock). */
    boolean freeLockIfUnusedLocked(int lock, int bucket) {
        if (getInt(layout.lock(lock) + L_PROCLOCK_HEAD) != NIL) {
            return false;
        }
        long link = layout.bucket(bucket);
        for (int l = getInt(link); l != NIL; l = getInt(link)) {
            if (l == lock) {
                setInt(link, getInt(layout.lock(l) + L_BUCKET_NEXT));
                break;
            }
            link = layout.lock(l) + L_BUCKET_NEXT;
        }
        pushFree(FREE_LOCKS, true, lock);
        return true;
    }

    LockTag tagOf(int lock) {
        long e = layout.lock(lock);
        return new LockTag(KINDS[getInt(e + L_KIND)], getLong(e + L_FIELD1), getLong(e + L_FIELD2), getLong(e + L_FIELD3));
    }

    int grantMask(int lock) {
        return getInt(layout.lock(lock) + L_GRANT_MASK);
    }

    int waitMask(int lock) {
        return getInt(layout.lock(lock) + L_WAIT_MASK);
    }

    int waitHead(int lock) {
        return getInt(layout.lock(lock) + L_WAIT_HEAD);
    }

    int procLockHead(int lock) {
        return getInt(layout.lock(lock) + L_PROCLOCK_HEAD);
    }

    // ---------------------------------------------------------------- proc-lock entries

    int findProcLockLocked(int lock, int slot) {
        for (int pl = procLockHead(lock); pl != NIL; pl = procLockNext(pl)) {
            if (procLockSlot(pl) == slot) {
                return pl;
            }
        }
        return NIL;
    }

    /** A new proc-lock (nothing held yet) linked into the lock's list, or NIL when the pool is empty. */
    int createProcLockLocked(int lock, int slot) {
        int pl = popFree(FREE_PROCLOCKS, false);
        if (pl == NIL) {
            return NIL;
        }
        long e = layout.procLock(pl);
        int head = procLockHead(lock);
        setInt(e + PL_LOCK, lock);
        setInt(e + PL_SLOT, slot);
        setInt(e + PL_HOLD_MASK, 0);
        setInt(e + PL_PREV, NIL);
        setInt(e + PL_NEXT, head);
        if (head != NIL) {
            setInt(layout.procLock(head) + PL_PREV, pl);
        }
        setInt(layout.lock(lock) + L_PROCLOCK_HEAD, pl);
        return pl;
    }

    /** Unlinks and frees a proc-lock that holds nothing (its process does not wait with it). */
    void freeProcLockLocked(int pl) {
        long e = layout.procLock(pl);
        int lock = getInt(e + PL_LOCK);
        int prev = getInt(e + PL_PREV);
        int next = getInt(e + PL_NEXT);
        if (prev == NIL) {
            setInt(layout.lock(lock) + L_PROCLOCK_HEAD, next);
        } else {
            setInt(layout.procLock(prev) + PL_NEXT, next);
        }
        if (next != NIL) {
            setInt(layout.procLock(next) + PL_PREV, prev);
        }
        pushFree(FREE_PROCLOCKS, false, pl);
    }

    int holdMask(int pl) {
        return getInt(layout.procLock(pl) + PL_HOLD_MASK);
    }

    int procLockSlot(int pl) {
        return getInt(layout.procLock(pl) + PL_SLOT);
    }

    int procLockNext(int pl) {
        return getInt(layout.procLock(pl) + PL_NEXT);
    }

    // ---------------------------------------------------------------- free lists

    private int popFree(long headOffset, boolean lockPool) {
        SpinLock.acquire(region, FREE_LIST_SPIN);
        int index = getInt(headOffset);
        if (index != NIL) {
            long next = lockPool ? layout.lock(index) + L_BUCKET_NEXT : layout.procLock(index) + PL_NEXT;
            setInt(headOffset, getInt(next));
            long inUse = lockPool ? LOCKS_IN_USE : PROCLOCKS_IN_USE;
            setInt(inUse, getInt(inUse) + 1);
        }
        SpinLock.release(region, FREE_LIST_SPIN);
        return index;
    }

    private void pushFree(long headOffset, boolean lockPool, int index) {
        long next = lockPool ? layout.lock(index) + L_BUCKET_NEXT : layout.procLock(index) + PL_NEXT;
        SpinLock.acquire(region, FREE_LIST_SPIN);
        setInt(next, getInt(headOffset));
        setInt(headOffset, index);
        long inUse = lockPool ? LOCKS_IN_USE : PROCLOCKS_IN_USE;
        setInt(inUse, getInt(inUse) - 1);
        SpinLock.release(region, FREE_LIST_SPIN);
    }

    /** Lock entries and proc-locks in use (tests, diagnostics). */
    int[] entriesInUse() {
        SpinLock.acquire(region, FREE_LIST_SPIN);
        int[] counts = {getInt(LOCKS_IN_USE), getInt(PROCLOCKS_IN_USE)};
        SpinLock.release(region, FREE_LIST_SPIN);
        return counts;
    }

    // ---------------------------------------------------------------- granting (lock.c)

    /**
     * LockCheckConflicts: does the mode conflict with a mode some <em>other</em> process holds?
     * {@code myHeld} is what the asking process holds on this lock itself (its own holds never
     * conflict with it).
     */
    boolean conflictsWithOthersLocked(int lock, int mode, int myHeld) {
        long e = layout.lock(lock);
        int conflicting = MODES[mode].conflictMask() & getInt(e + L_GRANT_MASK);
        while (conflicting != 0) {
            int m = Integer.numberOfTrailingZeros(conflicting);
            conflicting &= conflicting - 1;
            if (getInt(e + L_GRANTED + 4L * m) - ((myHeld >>> m) & 1) > 0) {
                return true;
            }
        }
        return false;
    }

    void grantLocked(int lock, int pl, int mode) {
        long e = layout.lock(lock);
        long granted = e + L_GRANTED + 4L * mode;
        setInt(granted, getInt(granted) + 1);
        setInt(e + L_GRANT_MASK, getInt(e + L_GRANT_MASK) | (1 << mode));
        long hold = layout.procLock(pl) + PL_HOLD_MASK;
        setInt(hold, getInt(hold) | (1 << mode));
    }

    /** Drops a held mode from the proc-lock and the lock's counts (the process must hold it). */
    void ungrantLocked(int lock, int pl, int mode) {
        long e = layout.lock(lock);
        long granted = e + L_GRANTED + 4L * mode;
        int left = getInt(granted) - 1;
        setInt(granted, left);
        if (left == 0) {
            setInt(e + L_GRANT_MASK, getInt(e + L_GRANT_MASK) & ~(1 << mode));
        }
        long hold = layout.procLock(pl) + PL_HOLD_MASK;
        setInt(hold, getInt(hold) & ~(1 << mode));
    }

    // ---------------------------------------------------------------- the wait queue (proc.c)

    /**
     * Puts the slot's process into the lock's wait queue before {@code before} (NIL: at the tail)
     * and records what it waits for in its proc entry.
     */
    void enqueueLocked(int lock, int slot, int mode, int pl, int held, int before) {
        long e = layout.lock(lock);
        long proc = layout.proc(slot);
        setInt(proc + P_WAIT_LOCK, lock);
        setInt(proc + P_WAIT_MODE, mode);
        setInt(proc + P_WAIT_PROCLOCK, pl);
        setInt(proc + P_WAIT_HELD, held);
        setLong(proc + P_WAIT_START, System.currentTimeMillis());
        int prev = before == NIL ? getInt(e + L_WAIT_TAIL) : getInt(layout.proc(before) + P_WAIT_PREV);
        setInt(proc + P_WAIT_PREV, prev);
        setInt(proc + P_WAIT_NEXT, before);
        if (prev == NIL) {
            setInt(e + L_WAIT_HEAD, slot);
        } else {
            setInt(layout.proc(prev) + P_WAIT_NEXT, slot);
        }
        if (before == NIL) {
            setInt(e + L_WAIT_TAIL, slot);
        } else {
            setInt(layout.proc(before) + P_WAIT_PREV, slot);
        }
        setInt(e + L_WAIT_MASK, getInt(e + L_WAIT_MASK) | (1 << mode));
        Atomics.setIntRelease(region, proc + P_WAIT_STATUS, STATUS_WAITING);
    }

    /** Takes the process out of the queue of the lock it waits for and clears its wait fields. */
    private void dequeueLocked(int slot, int status) {
        long proc = layout.proc(slot);
        int lock = getInt(proc + P_WAIT_LOCK);
        long e = layout.lock(lock);
        int prev = getInt(proc + P_WAIT_PREV);
        int next = getInt(proc + P_WAIT_NEXT);
        if (prev == NIL) {
            setInt(e + L_WAIT_HEAD, next);
        } else {
            setInt(layout.proc(prev) + P_WAIT_NEXT, next);
        }
        if (next == NIL) {
            setInt(e + L_WAIT_TAIL, prev);
        } else {
            setInt(layout.proc(next) + P_WAIT_PREV, prev);
        }
        int waitMask = 0;
        for (int p = getInt(e + L_WAIT_HEAD); p != NIL; p = waitNext(p)) {
            waitMask |= 1 << waitMode(p);
        }
        setInt(e + L_WAIT_MASK, waitMask);
        setInt(proc + P_WAIT_LOCK, NIL);
        setInt(proc + P_WAIT_MODE, NIL);
        setInt(proc + P_WAIT_PROCLOCK, NIL);
        setInt(proc + P_WAIT_PREV, NIL);
        setInt(proc + P_WAIT_NEXT, NIL);
        Atomics.setIntRelease(region, proc + P_WAIT_STATUS, status);
    }

    /**
     * ProcLockWakeup: grants, in queue order, every waiter whose mode conflicts neither with what
     * other processes hold nor with a waiter still ahead of it, and sets its latch.
     */
    void wakeWaitersLocked(int lock) {
        int ahead = 0;
        int p = waitHead(lock);
        while (p != NIL) {
            int next = waitNext(p);
            int mode = waitMode(p);
            long proc = layout.proc(p);
            int pl = getInt(proc + P_WAIT_PROCLOCK);
            if ((MODES[mode].conflictMask() & ahead) == 0 && !conflictsWithOthersLocked(lock, mode, holdMask(pl))) {
                grantLocked(lock, pl, mode);
                dequeueLocked(p, STATUS_GRANTED);
                Latch.set(region, proc + P_LATCH);
            } else {
                ahead |= 1 << mode;
            }
            p = next;
        }
    }

    /**
     * A waiter gives up (interrupt, lock_timeout, deadlock): out of the queue, its proc-lock and
     * the lock entry freed if now unused, and the waiters behind it reconsidered. Returns false
     * (and changes nothing) if the lock was granted meanwhile.
     */
    boolean abandonWaitLocked(int slot, int bucket) {
        if (waitStatus(slot) != STATUS_WAITING) {
            return false;
        }
        long proc = layout.proc(slot);
        int lock = getInt(proc + P_WAIT_LOCK);
        int pl = getInt(proc + P_WAIT_PROCLOCK);
        dequeueLocked(slot, STATUS_NONE);
        if (holdMask(pl) == 0) {
            freeProcLockLocked(pl);
        }
        if (!freeLockIfUnusedLocked(lock, bucket)) {
            wakeWaitersLocked(lock);
        }
        return true;
    }

    // ---------------------------------------------------------------- fast path (lock.c)

    /** Weak relation modes (AccessShare, RowShare, RowExclusive) may be held in fast-path entries. */
    static final int WEAK_MODES = 0b111;

    /** A mode that conflicts with a weak one (PostgreSQL's ConflictsWithRelationFastPath). */
    static boolean isStrongRelationMode(int mode) {
        return mode > LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal();
    }

    void lockFastPath(int slot) {
        LWLock.acquireExclusive(region, layout.fastPath(slot) + FP_LOCK);
    }

    void unlockFastPath(int slot) {
        LWLock.release(region, layout.fastPath(slot) + FP_LOCK);
    }

    /** The slot's fast-path mode bits, 3 per entry. Under the slot's fast-path lock. */
    long fastPathModes(int slot) {
        return getLong(layout.fastPath(slot) + FP_MODES);
    }

    void setFastPathModes(int slot, long modes) {
        setLong(layout.fastPath(slot) + FP_MODES, modes);
    }

    static int entryModes(long modes, int entry) {
        return (int) (modes >>> (3 * entry)) & WEAK_MODES;
    }

    boolean fastPathEntryIs(int slot, int entry, LockTag tag) {
        long e = layout.fastPath(slot) + FP_ENTRIES + FP_ENTRY_SIZE * entry;
        return getLong(e) == tag.field1() && getLong(e + 8) == tag.field2();
    }

    void setFastPathEntry(int slot, int entry, LockTag tag) {
        long e = layout.fastPath(slot) + FP_ENTRIES + FP_ENTRY_SIZE * entry;
        setLong(e, tag.field1());
        setLong(e + 8, tag.field2());
    }

    /** The entry of the slot holding modes on the relation, or -1. Under the slot's fast-path lock. */
    int findFastPathEntry(int slot, LockTag tag) {
        long modes = fastPathModes(slot);
        for (int i = 0; i < FP_SLOTS; i++) {
            if (entryModes(modes, i) != 0 && fastPathEntryIs(slot, i, tag)) {
                return i;
            }
        }
        return -1;
    }

    private long strongCounter(int hash) {
        return layout.strong + 4L * (hash & (STRONG_PARTITIONS - 1));
    }

    /** Strong locks held or awaited on tags of this hash partition (read under a fast-path lock). */
    int strongCount(int hash) {
        return Atomics.getIntAcquire(region, strongCounter(hash));
    }

    void addStrong(int hash, int delta) {
        Atomics.getAndAddInt(region, strongCounter(hash), delta);
    }

    /**
     * Moves the slot's fast-path holds on the relation (if any) into the shared table as a
     * proc-lock of that slot (FastPathTransferRelationLocks for one process). The caller holds
     * the slot's fast-path lock; this takes the tag's partition lock inside it.
     */
    void transferFastPathLocked(int slot, LockTag tag, int bucket) {
        int entry = findFastPathEntry(slot, tag);
        if (entry < 0) {
            return;
        }
        long modes = fastPathModes(slot);
        moveToSharedLocked(slot, tag, bucket, entryModes(modes, entry));
        setFastPathModes(slot, modes & ~((long) WEAK_MODES << (3 * entry)));
    }

    /**
     * Grants {@code held} to the slot's proc-lock on the tag in the shared table (made if
     * missing): a fast-path hold moving there. The caller holds the slot's fast-path lock; this
     * takes the tag's partition lock inside it.
     */
    private void moveToSharedLocked(int slot, LockTag tag, int bucket, int held) {
        int partition = partitionOfBucket(bucket);
        lockPartition(partition, true);
        try {
            int lock = findLockLocked(bucket, tag);
            if (lock == NIL) {
                lock = createLockLocked(bucket, tag);
                if (lock == NIL) {
                    throw LockErrors.outOfSharedMemory();
                }
            }
            int pl = findProcLockLocked(lock, slot);
            if (pl == NIL) {
                pl = createProcLockLocked(lock, slot);
                if (pl == NIL) {
                    freeLockIfUnusedLocked(lock, bucket);
                    throw LockErrors.outOfSharedMemory();
                }
            }
            for (int bits = held & ~holdMask(pl); bits != 0; bits &= bits - 1) {
                grantLocked(lock, pl, Integer.numberOfTrailingZeros(bits));
            }
        } finally {
            unlockPartition(partition);
        }
    }

    private static final int EXCLUSIVE_BIT = 1 << LockMode.EXCLUSIVE.ordinal();

    /** The xid whose ExclusiveLock the slot holds in its fast path, 0 if none (read without its lock too). */
    long fastPathXid(int slot) {
        return Atomics.getLongAcquire(region, layout.fastPath(slot) + FP_XID);
    }

    /** Under the slot's fast-path lock. */
    void setFastPathXid(int slot, long xid) {
        Atomics.setLongRelease(region, layout.fastPath(slot) + FP_XID, xid);
    }

    /**
     * Moves the slot's fast-path ExclusiveLock on its transaction id {@code tag} (if it still
     * holds it there) into the shared table. The caller holds the slot's fast-path lock.
     */
    boolean transferFastPathXidLocked(int slot, LockTag tag, int bucket) {
        if (fastPathXid(slot) != tag.field1()) {
            return false;
        }
        moveToSharedLocked(slot, tag, bucket, EXCLUSIVE_BIT);
        setFastPathXid(slot, 0);
        return true;
    }

    // ---------------------------------------------------------------- pg_locks

    /** Every hold and every wait, under all partition locks in shared mode (GetLockStatusData). */
    List<LockInfo> snapshot() {
        List<LockInfo> out = new ArrayList<>();
        // Fast-path holds first, one process at a time and before any partition lock (rule 3).
        for (int s = 0; s < layout.procSlots; s++) {
            lockFastPath(s);
            try {
                long xid = fastPathXid(s);
                if (xid != 0) {
                    out.add(new LockInfo(LockTag.transaction(xid), LockMode.EXCLUSIVE, pid(s), true));
                }
                long modes = fastPathModes(s);
                for (int i = 0; modes != 0 && i < FP_SLOTS; i++) {
                    int held = entryModes(modes, i);
                    if (held == 0) {
                        continue;
                    }
                    long e = layout.fastPath(s) + FP_ENTRIES + FP_ENTRY_SIZE * i;
                    LockTag tag = new LockTag(LockTag.Kind.RELATION, getLong(e), getLong(e + 8), 0);
                    for (int bits = held; bits != 0; bits &= bits - 1) {
                        out.add(new LockInfo(tag, MODES[Integer.numberOfTrailingZeros(bits)], pid(s), true, true));
                    }
                }
            } finally {
                unlockFastPath(s);
            }
        }
        lockAllPartitions(false);
        try {
            for (int b = 0; b < layout.bucketCount; b++) {
                for (int l = getInt(layout.bucket(b)); l != NIL; l = getInt(layout.lock(l) + L_BUCKET_NEXT)) {
                    LockTag tag = tagOf(l);
                    for (int pl = procLockHead(l); pl != NIL; pl = procLockNext(pl)) {
                        int held = holdMask(pl);
                        long pid = pid(procLockSlot(pl));
                        for (int m = 0; m < MODES.length; m++) {
                            if ((held & (1 << m)) != 0) {
                                out.add(new LockInfo(tag, MODES[m], pid, true));
                            }
                        }
                    }
                    for (int p = waitHead(l); p != NIL; p = waitNext(p)) {
                        out.add(new LockInfo(tag, MODES[waitMode(p)], pid(p), false));
                    }
                }
            }
        } finally {
            unlockAllPartitions();
        }
        return out;
    }
}
