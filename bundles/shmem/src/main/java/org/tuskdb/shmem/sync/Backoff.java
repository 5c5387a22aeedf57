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

    private final long giveUpNanos;
    private long deadline;
    private boolean sleeping;
    private int spins;
    private long sleepNanos = 10_000L;

    /**
     * The clock is read only when the spinning is over: most waits end within the spins, and a
     * clock read at every lock acquisition was 2-3 % of a TPC-B backend's CPU (session 17).
     */
    Backoff(long giveUpNanos) {
        this.giveUpNanos = giveUpNanos;
    }

    /** Waits a little; false once the give-up time has passed. */
    boolean pause() {
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
            return true;
        }
        long now = System.nanoTime();
        if (!sleeping) {
            sleeping = true;
            deadline = now + giveUpNanos;
        } else if (now - deadline > 0) {
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
