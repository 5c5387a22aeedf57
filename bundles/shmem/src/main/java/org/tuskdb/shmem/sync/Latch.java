package org.tuskdb.shmem.sync;

import java.lang.foreign.MemorySegment;

import org.tuskdb.platform.linux.Futex;

/**
 * A process's wake-up flag in the segment (PostgreSQL's Latch): any process sets it, the owner
 * waits for it and resets it. The owner's loop is: reset; check for work; do it; wait (as in
 * PostgreSQL, resetting before checking means a set that races with the check is not lost).
 *
 * <pre>
 *  offset +0                                  +4
 *        +-----------------------------------+
 *        | 0 = not set                       |
 *        | 1 = set                           |
 *        | 2 = not set, owner (maybe) asleep |
 *        +-----------------------------------+
 * </pre>
 *
 * The waiter turns 0 into 2 before sleeping on the futex (expecting 2); {@link #set} swaps in 1
 * and calls into the kernel only when it replaced a 2, so setting a latch nobody sleeps on costs
 * one atomic instruction.
 */
public final class Latch {
    /** Bytes a latch occupies. */
    public static final int SIZE = 4;

    private static final int UNSET = 0;
    private static final int SET = 1;
    private static final int SLEEPING = 2;

    private Latch() {
    }

    /** Makes the word an unset latch (region initialization). */
    public static void initialize(MemorySegment segment, long offset) {
        Atomics.setInt(segment, offset, UNSET);
    }

    /** Sets the latch and wakes its owner if it waits (any process, any thread). */
    public static void set(MemorySegment segment, long offset) {
        if (Atomics.getInt(segment, offset) == SET) {
            return;
        }
        if (Atomics.getAndSetInt(segment, offset, SET) == SLEEPING) {
            Futex.wakeAll(segment.asSlice(offset, 4));
        }
    }

    /** Clears the latch (its owner, before checking for work). */
    public static void reset(MemorySegment segment, long offset) {
        Atomics.setInt(segment, offset, UNSET);
    }

    public static boolean isSet(MemorySegment segment, long offset) {
        return Atomics.getInt(segment, offset) == SET;
    }

    /**
     * Waits until the latch is set or {@code timeoutMillis} passed (negative: no limit). Returns
     * true when set. Does not reset it.
     */
    public static boolean wait(MemorySegment segment, long offset, long timeoutMillis) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        MemorySegment word = segment.asSlice(offset, 4);
        while (true) {
            int state = Atomics.getInt(segment, offset);
            if (state == SET) {
                return true;
            }
            if (state == UNSET && !Atomics.compareAndSetInt(segment, offset, UNSET, SLEEPING)) {
                continue;
            }
            long remaining = timeoutMillis < 0 ? -1 : deadline - System.nanoTime();
            if (timeoutMillis >= 0 && remaining <= 0) {
                return false; // the word stays 2: the next set pays one needless wake, harmless
            }
            Futex.wait(word, SLEEPING, remaining);
        }
    }
}
