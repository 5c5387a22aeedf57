package org.tuskdb.postmaster.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle pre-started backends and the session count, shared between the server loop (which
 * adds backends as they report idle and retires extras) and the connection threads (which take
 * one per admitted client). Taking is the only way a backend leaves the idle set, so two threads
 * can never hand clients to the same backend.
 *
 * <p>Idle backends are used last-in first-out: a backend that just served a session has warm
 * caches and a compiled hot path; retirement takes the one idle longest.
 *
 * <p>The pool also records the highest and the lowest idle count it went through (watermarks),
 * so the server loop sizes the pool from what the count did over a period rather than from the
 * value of one instant: with clients connecting every millisecond the instantaneous count swings
 * between zero and the pool's size (see {@link PoolPolicy}).
 */
final class BackendPool {
    /** How often a waiting connection thread re-checks whether the pool was closed. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long a client that finds no idle backend waits for one to come back before it counts
     * as waiting and asks for a new backend. A connect-per-transaction session holds its backend
     * for about a millisecond, so when every backend is busy one is usually idle again within a
     * few; a new backend is a JVM start of about a second of CPU (and starts cold). Waiting this
     * long first costs a truly empty pool 10 ms, against starting JVMs for every momentary dip.
     */
    static final long TAKE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LinkedBlockingDeque<Child> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Highest idle count since {@link #takeIdleHigh()} last ran. */
    private final AtomicInteger idleHigh = new AtomicInteger();
    /** Lowest idle count since {@link #takeIdleLow()} last ran. */
    private final AtomicInteger idleLow = new AtomicInteger();
    private final Runnable demand;
    private final long graceNanos;
    private volatile boolean open;

    /** @param demand called (from any thread) when a client has waited for a backend past the grace period */
    BackendPool(Runnable demand) {
        this(demand, TAKE_GRACE_NANOS);
    }

    /** With another grace period: tests, where a scheduler delay must not decide the outcome. */
    BackendPool(Runnable demand, long graceNanos) {
        this.demand = demand;
        this.graceNanos = graceNanos;
    }

    /** Admits sessions again (after startup or a crash-restart); the watermarks start afresh. */
    void open() {
        open = true;
        takeIdleHigh();
        takeIdleLow();
    }

    /** Stops handing out backends; threads waiting in {@link #take} give up promptly. */
    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    // ---- sessions (max_connections) ----------------------------------------------------------

    /** Counts a new session unless {@code maxConnections} are already counted. */
    boolean reserveSession(int maxConnections) {
        while (true) {
            int current = sessions.get();
            if (current >= maxConnections) {
                return false;
            }
            if (sessions.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void releaseSession() {
        sessions.decrementAndGet();
    }

    /** Re-counts a session whose count a racing exit released (see ConnectionStarter.handOff). */
    void restoreSession() {
        sessions.incrementAndGet();
    }

    int sessions() {
        return sessions.get();
    }

    // ---- idle backends -----------------------------------------------------------------------

    /** Server loop: a backend reported idle. */
    void offer(Child backend) {
        idle.offerFirst(backend);
        noteIdleCount();
    }

    /**
     * Takes an idle backend, waiting until {@code deadlineNanos} (System.nanoTime) for one.
     * Returns null at the deadline or when the pool is closed. Finding none, the caller first
     * waits the grace period ({@link #TAKE_GRACE_NANOS}) for one to come back; only then does it
     * count as waiting and signal demand. Taking an idle backend signals nothing: the minimum is
     * kept by the server loop's tick.
     */
    Child take(long deadlineNanos) throws InterruptedException {
        if (!open) {
            return null;
        }
        long graceEnd = Math.min(deadlineNanos, System.nanoTime() + graceNanos);
        Child backend = pollUntil(graceEnd);
        if (backend != null || !open) {
            return backend;
        }
        waiting.incrementAndGet();
        try {
            demand.run();
            return pollUntil(deadlineNanos);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The most recently idle backend that has not exited, waiting until the deadline or the pool closes. */
    private Child pollUntil(long deadlineNanos) throws InterruptedException {
        while (open) {
            Child backend = idle.pollFirst();
            if (backend == null) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                backend = idle.pollFirst(Math.min(left, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
            }
            if (backend != null) {
                noteIdleCount();
                if (!backend.exited()) {
                    return backend;
                }
            }
        }
        return null;
    }

    /** Server loop: the backend idle longest, to retire it; null when none is idle. */
    Child pollOldest() {
        Child backend = idle.pollLast();
        noteIdleCount();
        return backend;
    }

    /** Removes a backend that exited; true when it was idle. */
    boolean remove(Child backend) {
        boolean removed = idle.remove(backend);
        noteIdleCount();
        return removed;
    }

    /** Removes and returns every idle backend (shutdown, crash). */
    List<Child> drain() {
        List<Child> all = new ArrayList<>();
        idle.drainTo(all);
        noteIdleCount();
        return all;
    }

    // ---- watermarks (read by the server loop's periodic upkeep) -------------------------------

    private void noteIdleCount() {
        int now = idle.size();
        idleHigh.accumulateAndGet(now, Math::max);
        idleLow.accumulateAndGet(now, Math::min);
    }

    /** The highest idle count since the previous call; the next period starts at the current count. */
    int takeIdleHigh() {
        return idleHigh.getAndSet(idle.size());
    }

    /** The lowest idle count since the previous call; the next period starts at the current count. */
    int takeIdleLow() {
        return idleLow.getAndSet(idle.size());
    }

    int idleCount() {
        return idle.size();
    }

    /** Clients waiting for a backend right now. */
    int waiting() {
        return waiting.get();
    }
}
