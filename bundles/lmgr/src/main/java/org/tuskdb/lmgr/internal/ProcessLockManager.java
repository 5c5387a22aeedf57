package org.tuskdb.lmgr.internal;

import static org.tuskdb.lmgr.internal.LockRegionLayout.NIL;
import static org.tuskdb.lmgr.internal.LockRegionLayout.STATUS_GRANTED;
import static org.tuskdb.lmgr.internal.LockRegionLayout.STATUS_WAITING;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.shmem.sync.Latch;

/**
 * One process's side of the lock manager: its private table of held locks (PostgreSQL's
 * LOCALLOCK hash, where re-acquisition is only a count) over the shared lock table, the sleep on
 * its own latch while it waits, lock_timeout, interrupts and the deadlock check.
 *
 * <p>Used by one thread at a time, as PostgreSQL's backend is: the process's session. The
 * private table is not synchronized.
 */
public final class ProcessLockManager implements LockManager {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessLockManager.class);
    private static final LockMode[] MODES = LockMode.values();
    /** Longest sleep between two checks for interrupts and deadlines. */
    private static final long SLICE_NANOS = 50_000_000L;

    private static final int EXCLUSIVE = LockMode.EXCLUSIVE.ordinal();

    private static final int GRANTED = 0;
    private static final int MUST_WAIT = 1;
    private static final int NOT_AVAILABLE = 2;

    /** A lock this process holds (or is acquiring): per-mode counts and where it lives in the segment. */
    private static final class LocalLock {
        final LockTag tag;
        final int hash;
        final int bucket;
        final int[] counts = new int[MODES.length];
        /** Counts held at session level (advisory locks): releaseAll leaves these modes held. */
        final int[] sessionCounts = new int[MODES.length];
        int holdMask;
        int lock = NIL;
        int procLock = NIL;
        /**
         * The entry of this process's fast-path area that holds the modes (-1: they are in the
         * shared table). A strong locker may move them to the shared table meanwhile; the entry
         * then no longer holds this tag and the modes are found there.
         */
        int fastPathEntry = -1;
        /**
         * The ExclusiveLock on this process's own transaction id is in its fast-path xid field. A
         * waiter for the transaction may move it to the shared table meanwhile (the field then no
         * longer holds the xid and the mode is found there).
         */
        boolean fastPathXid;
        /** Strong relation modes this process counted in the strong-lock counter of the tag. */
        int strongMask;

        LocalLock(LockTag tag, int hash, int bucket) {
            this.tag = tag;
            this.hash = hash;
            this.bucket = bucket;
        }
    }

    private final LockTable table;
    private final DeadlockDetector detector;
    private final MemorySegment region;
    private final int slot;
    private final long latch;
    private final LongSupplier deadlockTimeoutMillis;
    private final Map<LockTag, LocalLock> held = new HashMap<>();

    /**
     * @param region the initialized "locks" region as this process maps it
     * @param slot this process's ProcArray slot
     * @param deadlockTimeoutMillis deadlock_timeout, read at the start of each wait
     */
    public ProcessLockManager(MemorySegment region, int slot, long pid, LongSupplier deadlockTimeoutMillis) {
        this.table = new LockTable(region);
        if (slot < 0 || slot >= table.layout.procSlots) {
            throw new IllegalArgumentException("slot " + slot + " outside the lock table's "
                    + table.layout.procSlots + " process entries");
        }
        this.detector = new DeadlockDetector(table);
        this.region = region;
        this.slot = slot;
        this.latch = table.latchOffset(slot);
        this.deadlockTimeoutMillis = deadlockTimeoutMillis;
        table.setPid(slot, pid);
    }

    @Override
    public void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts) {
        acquireCounted(tag, mode, false, true, timeoutMillis, interrupts);
    }

    @Override
    public boolean tryLock(LockTag tag, LockMode mode) {
        return acquireCounted(tag, mode, false, false, 0, null);
    }

    @Override
    public boolean lockSession(LockTag tag, LockMode mode, boolean wait, long timeoutMillis, Interruptible interrupts) {
        return acquireCounted(tag, mode, true, wait, timeoutMillis, interrupts);
    }

    /** LockAcquire: a mode this process already holds (at either level) is only counted. */
    private boolean acquireCounted(LockTag tag, LockMode mode, boolean session, boolean wait, long timeoutMillis,
                                   Interruptible interrupts) {
        int m = mode.ordinal();
        LocalLock local = held.get(tag);
        if (local != null && (local.holdMask & (1 << m)) != 0) {
            (session ? local.sessionCounts : local.counts)[m]++;
            return true;
        }
        boolean fresh = local == null;
        if (fresh) {
            int hash = LockTable.hash(tag);
            local = new LocalLock(tag, hash, table.bucketOf(hash));
        }
        boolean relation = tag.kind() == LockTag.Kind.RELATION;
        if (relation && !session && (LockTable.WEAK_MODES & (1 << m)) != 0 && local.lock == NIL
                && (local.fastPathEntry >= 0 || local.holdMask == 0) && fastPathGrant(local, m)) {
            local.counts[m] = 1;
            local.holdMask |= 1 << m;
            if (fresh) {
                held.put(local.tag, local);
            }
            return true;
        }
        boolean transaction = tag.kind() == LockTag.Kind.TRANSACTION;
        if (transaction && !session && m == EXCLUSIVE && fresh && fastPathXidGrant(tag.field1())) {
            local.fastPathXid = true;
            local.counts[m] = 1;
            local.holdMask = 1 << m;
            held.put(local.tag, local);
            return true;
        }
        leaveFastPath(local);
        if (transaction) {
            transferXidHolder(local);
        }
        boolean strong = relation && LockTable.isStrongRelationMode(m);
        int r;
        try {
            if (strong) {
                beginStrong(local, m);
            }
            r = acquire(local, m, !wait);
            if (r == MUST_WAIT) {
                waitForGrant(local, m, timeoutMillis, interrupts);
            }
        } catch (RuntimeException | Error e) {
            endStrong(local, 1 << m);
            throw e;
        }
        if (r != GRANTED && r != MUST_WAIT) {
            endStrong(local, 1 << m);
            return false;
        }
        (session ? local.sessionCounts : local.counts)[m] = 1;
        local.holdMask |= 1 << m;
        if (fresh) {
            held.put(local.tag, local);
        }
        return true;
    }

    // ------------------------------------------------------------------ fast path

    /**
     * Records a weak relation mode in this process's fast-path area, under its own fast-path
     * lock, if no strong lock on a tag of the same hash partition is held or awaited (the
     * counter is read under that lock, so a strong locker, which raises the counter before it
     * takes every fast-path lock in turn, either sees this entry or makes this test fail).
     */
    private boolean fastPathGrant(LocalLock local, int m) {
        table.lockFastPath(slot);
        try {
            int entry = local.fastPathEntry;
            long modes = table.fastPathModes(slot);
            if (entry >= 0 && (LockTable.entryModes(modes, entry) == 0 || !table.fastPathEntryIs(slot, entry, local.tag))) {
                local.fastPathEntry = -1; // moved to the shared table by a strong locker
                return false;
            }
            if (table.strongCount(local.hash) != 0) {
                return false;
            }
            if (entry < 0) {
                for (int i = 0; i < LockRegionLayout.FP_SLOTS && entry < 0; i++) {
                    if (LockTable.entryModes(modes, i) == 0) {
                        entry = i;
                    }
                }
                if (entry < 0) {
                    return false; // all entries in use: the shared table
                }
                table.setFastPathEntry(slot, entry, local.tag);
            }
            table.setFastPathModes(slot, modes | (1L << (3 * entry + m)));
            local.fastPathEntry = entry;
            return true;
        } finally {
            table.unlockFastPath(slot);
        }
    }

    /**
     * Before a request goes to the shared table: this process's own fast-path holds on the tag
     * (relation modes, or the ExclusiveLock on its own xid) move there first, so that a lock's
     * modes are in one place (and a strong request sees them).
     */
    private void leaveFastPath(LocalLock local) {
        if (local.fastPathEntry < 0 && !local.fastPathXid) {
            return;
        }
        table.lockFastPath(slot);
        try {
            if (local.fastPathXid) {
                table.transferFastPathXidLocked(slot, local.tag, local.bucket);
            } else {
                table.transferFastPathLocked(slot, local.tag, local.bucket);
            }
        } finally {
            table.unlockFastPath(slot);
        }
        local.fastPathEntry = -1;
        local.fastPathXid = false;
    }

    /**
     * The ExclusiveLock a transaction takes on its own id, which nobody else can hold and which
     * others only ever wait for (PostgreSQL keeps its virtual transaction id lock this way): in
     * the process's fast-path xid field, under its own fast-path lock, if the field is free.
     */
    private boolean fastPathXidGrant(long xid) {
        table.lockFastPath(slot);
        try {
            if (table.fastPathXid(slot) != 0) {
                return false; // a subtransaction's xid: the top-level one has the field
            }
            table.setFastPathXid(slot, xid);
            return true;
        } finally {
            table.unlockFastPath(slot);
        }
    }

    /**
     * A request on a transaction id goes to the shared table: the process that holds the id's
     * ExclusiveLock in its fast path (at most one: the transaction's own) moves it there first,
     * so that the request's conflict check, its wait and the deadlock detector see it. The
     * holder set its field before its xid reached any tuple, and a waiter learns the xid only
     * from one, so a waiter never misses a hold that is in a field.
     */
    private void transferXidHolder(LocalLock local) {
        long xid = local.tag.field1();
        for (int s = 0; s < table.layout.procSlots; s++) {
            if (s == slot || table.fastPathXid(s) != xid) {
                continue;
            }
            table.lockFastPath(s);
            try {
                table.transferFastPathXidLocked(s, local.tag, local.bucket);
            } finally {
                table.unlockFastPath(s);
            }
            return;
        }
    }

    /** Gives back the fast-path xid hold; false if a waiter moved it to the shared table meanwhile. */
    private boolean releaseFastPathXid(LocalLock local, int modes) {
        table.lockFastPath(slot);
        try {
            local.fastPathXid = false;
            if (table.fastPathXid(slot) != local.tag.field1()) {
                return false;
            }
            table.setFastPathXid(slot, 0);
            local.holdMask &= ~modes;
            return true;
        } finally {
            table.unlockFastPath(slot);
        }
    }

    /**
     * A strong relation mode: raise the tag's strong counter (no new fast-path grants on its
     * partition from now on), then move every process's fast-path holds on the tag to the
     * shared table, where the conflict check and the deadlock detector see them.
     */
    private void beginStrong(LocalLock local, int m) {
        table.addStrong(local.hash, 1);
        local.strongMask |= 1 << m;
        for (int s = 0; s < table.layout.procSlots; s++) {
            table.lockFastPath(s);
            try {
                table.transferFastPathLocked(s, local.tag, local.bucket);
            } finally {
                table.unlockFastPath(s);
            }
        }
    }

    /** The strong modes among {@code modes} that this process counted are no longer held or awaited. */
    private void endStrong(LocalLock local, int modes) {
        for (int bits = modes & local.strongMask; bits != 0; bits &= bits - 1) {
            table.addStrong(local.hash, -1);
        }
        local.strongMask &= ~modes;
    }

    @Override
    public void unlock(LockTag tag, LockMode mode) {
        if (!releaseCounted(tag, mode, false)) {
            LOG.warn("you don't own a lock of type {} on {}", mode.pgName(), LockErrors.describe(tag));
        }
    }

    @Override
    public boolean unlockSession(LockTag tag, LockMode mode) {
        return releaseCounted(tag, mode, true);
    }

    private boolean releaseCounted(LockTag tag, LockMode mode, boolean session) {
        int m = mode.ordinal();
        LocalLock local = held.get(tag);
        int[] counts = local == null ? null : session ? local.sessionCounts : local.counts;
        if (counts == null || counts[m] == 0) {
            return false;
        }
        if (--counts[m] > 0 || local.counts[m] + local.sessionCounts[m] > 0) {
            return true;
        }
        release(local, 1 << m);
        if (local.holdMask == 0) {
            held.remove(tag);
        }
        return true;
    }

    @Override
    public void releaseAll() {
        releaseLevel(false);
    }

    @Override
    public void releaseSessionLocks() {
        releaseLevel(true);
    }

    /** Drops one level's counts; the modes no longer held at the other level are released. */
    private void releaseLevel(boolean session) {
        Iterator<LocalLock> it = held.values().iterator();
        while (it.hasNext()) {
            LocalLock local = it.next();
            int[] dropped = session ? local.sessionCounts : local.counts;
            int[] kept = session ? local.counts : local.sessionCounts;
            Arrays.fill(dropped, 0);
            int free = 0;
            for (int m = 0; m < kept.length; m++) {
                if (kept[m] == 0 && (local.holdMask & (1 << m)) != 0) {
                    free |= 1 << m;
                }
            }
            if (free != 0) {
                release(local, free);
            }
            if (local.holdMask == 0) {
                it.remove();
            }
        }
    }

    @Override
    public List<LockInfo> locks() {
        return table.snapshot();
    }

    /** Number of locks (tags) this process holds: for tests and diagnostics. */
    int heldLockCount() {
        return held.size();
    }

    LockTable table() {
        return table;
    }

    // ------------------------------------------------------------------ shared table

    /**
     * LockAcquire's shared part, under the partition lock: finds or makes the lock and this
     * process's proc-lock, grants when nothing conflicts, else (unless {@code dontWait}) joins
     * the wait queue as JoinWaitQueue does.
     */
    private int acquire(LocalLock local, int m, boolean dontWait) {
        int partition = LockTable.partitionOfBucket(local.bucket);
        table.lockPartition(partition, true);
        try {
            locateMovedHolds(local);
            int lock = local.lock;
            if (lock == NIL) {
                lock = table.findLockLocked(local.bucket, local.tag);
                if (lock == NIL) {
                    lock = table.createLockLocked(local.bucket, local.tag);
                    if (lock == NIL) {
                        throw LockErrors.outOfSharedMemory();
                    }
                }
            }
            int pl = local.procLock;
            if (pl == NIL) {
                // Holding nothing on it (no local entry with a proc-lock) and not waiting: no proc-lock yet.
                pl = table.createProcLockLocked(lock, slot);
                if (pl == NIL) {
                    table.freeLockIfUnusedLocked(lock, local.bucket);
                    throw LockErrors.outOfSharedMemory();
                }
            }
            int myHeld = local.holdMask;
            int conflicts = MODES[m].conflictMask();
            if ((conflicts & table.waitMask(lock)) == 0 && !table.conflictsWithOthersLocked(lock, m, myHeld)) {
                table.grantLocked(lock, pl, m);
                local.lock = lock;
                local.procLock = pl;
                return GRANTED;
            }
            if (dontWait) {
                forgetIfUnused(local, lock, pl);
                return NOT_AVAILABLE;
            }
            int before = NIL;
            if (myHeld != 0) {
                // JoinWaitQueue: go ahead of the first waiter that waits for something we hold.
                int ahead = 0;
                for (int p = table.waitHead(lock); p != NIL; p = table.waitNext(p)) {
                    int theirMode = table.waitMode(p);
                    if ((MODES[theirMode].conflictMask() & myHeld) != 0) {
                        if ((conflicts & table.waitHeld(p)) != 0) {
                            // It waits for us and we would wait for it: a deadlock right now.
                            var cycle = List.of(
                                    new LockErrors.Wait(table.pid(slot), MODES[m], local.tag, table.pid(p)),
                                    new LockErrors.Wait(table.pid(p), MODES[theirMode], local.tag, table.pid(slot)));
                            forgetIfUnused(local, lock, pl);
                            throw LockErrors.deadlock(cycle);
                        }
                        if ((conflicts & ahead) == 0 && !table.conflictsWithOthersLocked(lock, m, myHeld)) {
                            table.grantLocked(lock, pl, m);
                            local.lock = lock;
                            local.procLock = pl;
                            return GRANTED;
                        }
                        before = p;
                        break;
                    }
                    ahead |= 1 << theirMode;
                }
            }
            table.enqueueLocked(lock, slot, m, pl, myHeld, before);
            local.lock = lock;
            local.procLock = pl;
            return MUST_WAIT;
        } finally {
            table.unlockPartition(partition);
        }
    }

    /** A request that was not granted leaves no trace if the process held nothing on the lock. */
    private void forgetIfUnused(LocalLock local, int lock, int pl) {
        if (local.holdMask == 0) {
            table.freeProcLockLocked(pl);
            table.freeLockIfUnusedLocked(lock, local.bucket);
            local.lock = NIL;
            local.procLock = NIL;
        }
    }

    /**
     * Holds that left the fast path (moved by this or a strong locker's transfer) are in the
     * shared table without this process knowing their entries yet. Under the partition lock.
     */
    private void locateMovedHolds(LocalLock local) {
        if (local.lock == NIL && local.holdMask != 0) {
            local.lock = table.findLockLocked(local.bucket, local.tag);
            local.procLock = table.findProcLockLocked(local.lock, slot);
        }
    }

    /** Gives back fast-path held modes; false if they were moved to the shared table meanwhile. */
    private boolean releaseFastPath(LocalLock local, int modes) {
        table.lockFastPath(slot);
        try {
            int entry = local.fastPathEntry;
            local.fastPathEntry = -1;
            long all = table.fastPathModes(slot);
            if (LockTable.entryModes(all, entry) == 0 || !table.fastPathEntryIs(slot, entry, local.tag)) {
                return false;
            }
            table.setFastPathModes(slot, all & ~((long) (modes & LockTable.WEAK_MODES) << (3 * entry)));
            local.holdMask &= ~modes;
            if (local.holdMask != 0) {
                local.fastPathEntry = entry;
            }
            return true;
        } finally {
            table.unlockFastPath(slot);
        }
    }

    /** Releases the given held modes in the shared table and wakes whoever can now be granted. */
    private void release(LocalLock local, int modes) {
        if (local.fastPathEntry >= 0 && releaseFastPath(local, modes)) {
            return;
        }
        if (local.fastPathXid && releaseFastPathXid(local, modes)) {
            return;
        }
        endStrong(local, modes);
        int partition = LockTable.partitionOfBucket(local.bucket);
        table.lockPartition(partition, true);
        try {
            locateMovedHolds(local);
            int lock = local.lock;
            for (int bits = modes & local.holdMask; bits != 0; bits &= bits - 1) {
                table.ungrantLocked(lock, local.procLock, Integer.numberOfTrailingZeros(bits));
            }
            local.holdMask &= ~modes;
            if (local.holdMask == 0) {
                table.freeProcLockLocked(local.procLock);
                local.procLock = NIL;
                local.lock = NIL;
                if (table.freeLockIfUnusedLocked(lock, local.bucket)) {
                    return;
                }
            }
            if (table.waitHead(lock) != NIL) {
                table.wakeWaitersLocked(lock);
            }
        } finally {
            table.unlockPartition(partition);
        }
    }

    // ------------------------------------------------------------------ waiting (ProcSleep)

    /**
     * Sleeps on this process's latch until a releaser grants the lock (and sets the latch),
     * waking at least every 50 ms to check for interrupts and the deadlines. Returns with the lock
     * granted, or throws with this process out of the wait queue.
     */
    private void waitForGrant(LocalLock local, int m, long timeoutMillis, Interruptible interrupts) {
        long start = System.nanoTime();
        long deadlockAt = start + Math.max(1, deadlockTimeoutMillis.getAsLong()) * 1_000_000L;
        long timeoutAt = start + timeoutMillis * 1_000_000L;
        boolean deadlockChecked = false;
        while (true) {
            Latch.reset(region, latch);
            if (table.waitStatus(slot) == STATUS_GRANTED) {
                return;
            }
            try {
                interrupts.checkForInterrupts();
            } catch (RuntimeException | Error e) {
                if (!abandonWait(local)) {
                    local.holdMask |= 1 << m; // granted at the same moment: give it back
                    release(local, 1 << m);
                }
                throw e;
            }
            long now = System.nanoTime();
            if (timeoutMillis > 0 && now - timeoutAt >= 0) {
                if (abandonWait(local)) {
                    throw LockErrors.lockTimeout();
                }
                return; // granted at the last moment: keep it
            }
            if (!deadlockChecked && now - deadlockAt >= 0) {
                deadlockChecked = true;
                List<LockErrors.Wait> cycle = checkDeadlock(local);
                if (cycle != null) {
                    throw LockErrors.deadlock(cycle);
                }
                continue;
            }
            long sleep = SLICE_NANOS;
            if (!deadlockChecked) {
                sleep = Math.min(sleep, deadlockAt - now);
            }
            if (timeoutMillis > 0) {
                sleep = Math.min(sleep, timeoutAt - now);
            }
            Latch.wait(region, latch, Math.max(1, (sleep + 999_999) / 1_000_000));
        }
    }

    /** Leaves the wait queue; false if the lock was granted first (then it is held). */
    private boolean abandonWait(LocalLock local) {
        int partition = LockTable.partitionOfBucket(local.bucket);
        table.lockPartition(partition, true);
        try {
            return abandoned(local, table.abandonWaitLocked(slot, local.bucket));
        } finally {
            table.unlockPartition(partition);
        }
    }

    private boolean abandoned(LocalLock local, boolean abandoned) {
        if (abandoned && local.holdMask == 0) {
            local.lock = NIL;
            local.procLock = NIL;
        }
        return abandoned;
    }

    /**
     * DeadLockCheck: with every partition locked (ascending), searches the waits-for graph from
     * this process. In a cycle, this process leaves the queue and the cycle is returned for the
     * report; the others go on once this one's transaction releases its locks.
     */
    private List<LockErrors.Wait> checkDeadlock(LocalLock local) {
        table.lockAllPartitions(true);
        try {
            if (table.waitStatus(slot) != STATUS_WAITING) {
                return null;
            }
            List<DeadlockDetector.Edge> cycle = detector.findCycle(slot);
            if (cycle == null) {
                return null;
            }
            List<LockErrors.Wait> report = new ArrayList<>(cycle.size());
            for (DeadlockDetector.Edge edge : cycle) {
                report.add(new LockErrors.Wait(table.pid(edge.waiter()), MODES[edge.mode()],
                        table.tagOf(edge.lock()), table.pid(edge.blocker())));
            }
            abandoned(local, table.abandonWaitLocked(slot, local.bucket));
            LOG.info("process {} detected deadlock while waiting for {} on {}", table.pid(slot),
                    MODES[cycle.getFirst().mode()].pgName(), LockErrors.describe(local.tag));
            return report;
        } finally {
            table.unlockAllPartitions();
        }
    }
}
