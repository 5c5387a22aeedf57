package org.tuskdb.shmem.sync;

import java.lang.foreign.MemorySegment;

import org.tuskdb.platform.linux.Futex;

/**
 * PostgreSQL's light-weight lock: a reader/writer lock in one 32-bit word of the segment,
 * held in shared mode by any number of processes or in exclusive mode by one. Acquiring is one
 * CAS when uncontended; a waiter spins briefly, then sleeps on a futex on the state word itself,
 * so a long wait costs no CPU.
 *
 * <pre>
 *  state word (offset +0, 4 bytes)
 *   31  30            25  24  23                               0
 *  +---+--------------+---+-----+-------------------------------+
 *  | 0 | HAS_WAITERS  | . | EXC |   shared holder count (24 bits)|
 *  +---+--------------+---+-----+-------------------------------+
 *        bit 30               bit 24
 * </pre>
 *
 * Protocol: a waiter sets HAS_WAITERS (CAS) and sleeps with FUTEX_WAIT expecting exactly the
 * value it saw; any change of the word before it sleeps makes the kernel return at once, so no
 * wake-up is lost. A release that frees the lock entirely while HAS_WAITERS is set clears the
 * flag in the same CAS and wakes every sleeper, which then compete again (a waiter that loses
 * sets HAS_WAITERS again). No fairness is promised: as in PostgreSQL, a stream of shared holders
 * can delay an exclusive waiter.
 *
 * <p>Rules: release what you acquired, in the same process (the word does not record the
 * holder; release of an exclusive hold clears EXC, otherwise one shared hold is dropped).
 * Never sleep, wait for a client or take a lower-ordered lock while holding one; document lock
 * ordering where a region has several. A process that dies holding one leaves it held: a crash,
 * handled by the postmaster's crash-restart. Waits are not interruptible; sleeps are bounded
 * (one second) and re-checked, only as a guard against the unforeseen.
 */
public final class LWLock {
    /** Bytes an LWLock occupies (give it its own 8 bytes or cache line when hot). */
    public static final int SIZE = 4;

    static final int SHARED_MASK = 0x00FF_FFFF;
    static final int EXCLUSIVE = 0x0100_0000;
    static final int HAS_WAITERS = 0x4000_0000;
    private static final int HELD_MASK = EXCLUSIVE | SHARED_MASK;
    private static final long SLEEP_NANOS = 1_000_000_000L;

    private LWLock() {
    }

    /** Makes the word a free lock (region initialization). */
    public static void initialize(MemorySegment segment, long offset) {
        Atomics.setInt(segment, offset, 0);
    }

    public static void acquireShared(MemorySegment segment, long offset) {
        acquire(segment, offset, false);
    }

    public static void acquireExclusive(MemorySegment segment, long offset) {
        acquire(segment, offset, true);
    }

    /** Waits until the lock is granted in the mode asked for. */
    public static void acquire(MemorySegment segment, long offset, boolean exclusive) {
        if (tryAcquire(segment, offset, exclusive)) {
            return;
        }
        Backoff backoff = new Backoff(Long.MAX_VALUE / 2);
        while (true) {
            int state = Atomics.getInt(segment, offset);
            if (grantable(state, exclusive)) {
                if (Atomics.compareAndSetInt(segment, offset, state, granted(state, exclusive))) {
                    return;
                }
                continue;
            }
            if (backoff.spinning()) {
                backoff.pause();
                continue;
            }
            int sleeping = state | HAS_WAITERS;
            if (state != sleeping && !Atomics.compareAndSetInt(segment, offset, state, sleeping)) {
                continue;
            }
            Futex.wait(segment.asSlice(offset, 4), sleeping, SLEEP_NANOS);
        }
    }

    /** Takes the lock in shared mode if that is possible without waiting (LWLockConditionalAcquire). */
    public static boolean tryAcquireShared(MemorySegment segment, long offset) {
        return tryAcquire(segment, offset, false);
    }

    /** Takes the lock in exclusive mode if that is possible without waiting. */
    public static boolean tryAcquireExclusive(MemorySegment segment, long offset) {
        return tryAcquire(segment, offset, true);
    }

    private static boolean tryAcquire(MemorySegment segment, long offset, boolean exclusive) {
        while (true) {
            int state = Atomics.getInt(segment, offset);
            if (!grantable(state, exclusive)) {
                return false;
            }
            if (Atomics.compareAndSetInt(segment, offset, state, granted(state, exclusive))) {
                return true;
            }
        }
    }

    /** Releases this process's hold (exclusive if the lock is held exclusively, else one shared hold). */
    public static void release(MemorySegment segment, long offset) {
        while (true) {
            int state = Atomics.getInt(segment, offset);
            int next;
            if ((state & EXCLUSIVE) != 0) {
                next = state & ~EXCLUSIVE;
            } else if ((state & SHARED_MASK) != 0) {
                next = state - 1;
            } else {
                throw new IllegalStateException("LWLock at offset " + offset + " released but not held");
            }
            boolean wake = (next & HELD_MASK) == 0 && (next & HAS_WAITERS) != 0;
            if (wake) {
                next &= ~HAS_WAITERS;
            }
            if (Atomics.compareAndSetInt(segment, offset, state, next)) {
                if (wake) {
                    Futex.wakeAll(segment.asSlice(offset, 4));
                }
                return;
            }
        }
    }

    public static boolean isHeldExclusive(MemorySegment segment, long offset) {
        return (Atomics.getInt(segment, offset) & EXCLUSIVE) != 0;
    }

    /** Number of shared holds at this instant. */
    public static int sharedHolders(MemorySegment segment, long offset) {
        return Atomics.getInt(segment, offset) & SHARED_MASK;
    }

    private static boolean grantable(int state, boolean exclusive) {
        return exclusive ? (state & HELD_MASK) == 0 : (state & EXCLUSIVE) == 0 && (state & SHARED_MASK) != SHARED_MASK;
    }

    private static int granted(int state, boolean exclusive) {
        return exclusive ? state | EXCLUSIVE : state + 1;
    }
}
