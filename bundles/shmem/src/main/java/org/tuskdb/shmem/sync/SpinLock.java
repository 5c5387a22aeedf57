package org.tuskdb.shmem.sync;

import java.lang.foreign.MemorySegment;

/**
 * A test-and-set lock in one 32-bit word of the segment, for sections of a few instructions
 * that touch a handful of shared words (PostgreSQL's slock_t). Waiters spin with
 * {@link Thread#onSpinWait}, then sleep with a growing delay; there is no queue and no fairness.
 *
 * <pre>
 *  offset +0                 +4
 *        +------------------+
 *        | word: 0 free,    |
 *        |       1 held     |
 *        +------------------+
 * </pre>
 *
 * Rules: hold it for a few instructions only; never call anything that can block, allocate much,
 * throw or take another lock while holding it. A holder that dies leaves it held: after
 * {@link #STUCK_NANOS} a waiter throws {@link IllegalStateException} ("stuck spinlock"), which
 * the caller treats as fatal, and the postmaster's crash-restart re-creates the segment.
 */
public final class SpinLock {
    /** Bytes a spinlock occupies. */
    public static final int SIZE = 4;
    /** How long a waiter spins before it declares the lock stuck (PostgreSQL: about a minute). */
    public static final long STUCK_NANOS = 60_000_000_000L;

    private static final int FREE = 0;
    private static final int HELD = 1;

    private SpinLock() {
    }

    /** Makes the word a free lock (region initialization). */
    public static void initialize(MemorySegment segment, long offset) {
        Atomics.setInt(segment, offset, FREE);
    }

    public static void acquire(MemorySegment segment, long offset) {
        if (tryAcquire(segment, offset)) {
            return;
        }
        Backoff backoff = new Backoff(STUCK_NANOS);
        while (true) {
            // Test before test-and-set: spinning on a read keeps the cache line shared.
            if (Atomics.getIntAcquire(segment, offset) == FREE && tryAcquire(segment, offset)) {
                return;
            }
            if (!backoff.pause()) {
                throw new IllegalStateException("stuck spinlock at offset " + offset);
            }
        }
    }

    public static boolean tryAcquire(MemorySegment segment, long offset) {
        return Atomics.compareAndSetInt(segment, offset, FREE, HELD);
    }

    public static void release(MemorySegment segment, long offset) {
        Atomics.setIntRelease(segment, offset, FREE);
    }

    public static boolean isHeld(MemorySegment segment, long offset) {
        return Atomics.getInt(segment, offset) != FREE;
    }
}
