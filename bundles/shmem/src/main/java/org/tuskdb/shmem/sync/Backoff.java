package org.tuskdb.shmem.sync;

import java.util.concurrent.locks.LockSupport;

/**
 * The waiting policy of a spin loop, in the spirit of PostgreSQL's s_lock.c: spin on the CPU a
 * while (the holder is usually running on another core and about to release), then sleep with a
 * growing delay so a holder that was descheduled gets the CPU, and give up after a long time,
 * because a lock held that long means its holder died: a crash.
 */
final class Backoff {
    private static final int SPINS = 1000;
    private static final long MAX_SLEEP_NANOS = 1_000_000L;

    private final long deadline;
    private int spins;
    private long sleepNanos = 10_000L;

    Backoff(long giveUpNanos) {
        this.deadline = System.nanoTime() + giveUpNanos;
    }

    /** Waits a little; false once the give-up time has passed. */
    boolean pause() {
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
            return true;
        }
        if (System.nanoTime() - deadline > 0) {
            return false;
        }
        LockSupport.parkNanos(sleepNanos);
        sleepNanos = Math.min(MAX_SLEEP_NANOS, sleepNanos * 2);
        return true;
    }

    /** Still in the busy-spin phase (LWLock sleeps on its futex after it). */
    boolean spinning() {
        return spins < SPINS;
    }
}
