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
 */
final class BackendPool {
    /** How often a waiting connection thread re-checks whether the pool was closed. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LinkedBlockingDeque<Child> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Runnable demand;
    private volatile boolean open;

    /** @param demand called (from any thread) when a client took or is waiting for a backend */
    BackendPool(Runnable demand) {
        this.demand = demand;
    }

    /** Admits sessions again (after startup or a crash-restart). */
    void open() {
        open = true;
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
    }

    /**
     * Takes an idle backend, waiting until {@code deadlineNanos} (System.nanoTime) for one.
     * Returns null at the deadline or when the pool is closed.
     */
    Child take(long deadlineNanos) throws InterruptedException {
        Child backend = pollUsable();
        if (backend != null) {
            demand.run(); // replenish the pool
            return backend;
        }
        waiting.incrementAndGet();
        try {
            demand.run();
            while (open) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                backend = idle.pollFirst(Math.min(left, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (backend != null && !backend.exited()) {
                    return backend;
                }
            }
            return null;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private Child pollUsable() {
        if (!open) {
            return null;
        }
        Child backend;
        while ((backend = idle.pollFirst()) != null) {
            if (!backend.exited()) {
                return backend;
            }
        }
        return null;
    }

    /** Server loop: the backend idle longest, to retire it; null when none is idle. */
    Child pollOldest() {
        return idle.pollLast();
    }

    /** Removes a backend that exited; true when it was idle. */
    boolean remove(Child backend) {
        return idle.remove(backend);
    }

    /** Removes and returns every idle backend (shutdown, crash). */
    List<Child> drain() {
        List<Child> all = new ArrayList<>();
        idle.drainTo(all);
        return all;
    }

    int idleCount() {
        return idle.size();
    }

    /** Clients waiting for a backend right now. */
    int waiting() {
        return waiting.get();
    }
}
