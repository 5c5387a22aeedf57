package org.tuskdb.postmaster.internal;

/**
 * Sizing of the pre-started backend pool, with hysteresis. Idle backends are the ones that have
 * asked for a client; starting ones will be idle within a worker start time.
 *
 * <p>Clients that connect for every transaction make the instantaneous idle count swing between
 * zero and the pool's size many times a second. Sizing from that value started a backend JVM
 * (about a second of CPU) whenever the count dipped below the minimum and retired one whenever
 * it rose above the maximum: the pool churned and the CPU went into JVM starts instead of
 * sessions. So each decision looks at what the count did over a period:
 *
 * <ul>
 *   <li>Clients waiting for a backend (past {@link BackendPool#TAKE_GRACE_NANOS}) get one
 *       started each at once, and the minimum on top, less what is idle or starting already. A
 *       client that waited that long is proof that the pool is short right now, unlike a
 *       momentary dip; starting the minimum with it gets the pool ahead of a growing load
 *       instead of one JVM start behind it.
 *   <li>{@code backend_pool_min_idle} is kept on the periodic tick, from the highest idle count
 *       since the previous tick: the pool is short only when it never had that many idle.
 *   <li>{@code backend_pool_max_idle}: only the surplus the idle count kept for a whole retire
 *       window (its lowest value over the window, above the maximum) is retired.
 * </ul>
 *
 * The minimum is capped by the maximum, so the two bands never overlap: what the tick starts
 * cannot be what the window retires.
 */
final class PoolPolicy {
    private PoolPolicy() {}

    /**
     * How many backends to start now for clients waiting for one: none when no client waits.
     *
     * @param idle backends idle in the pool right now (the waiting clients will take them)
     * @param starting backends started that have not reported idle yet
     * @param waitingClients clients that waited past the grace period and are still waiting
     * @param minIdle backend_pool_min_idle
     * @param maxIdle backend_pool_max_idle
     * @param freeSlots ProcArray slots still free
     */
    static int backendsForWaitingClients(int idle, int starting, int waitingClients, int minIdle, int maxIdle,
                                         int freeSlots) {
        if (waitingClients <= 0) {
            return 0;
        }
        long missing = (long) waitingClients + cappedMinimum(minIdle, maxIdle) - idle - starting;
        return clamp(missing, freeSlots);
    }

    /**
     * How many backends to start on the tick to keep {@code backend_pool_min_idle}.
     *
     * @param idleHigh the highest idle count since the previous tick
     * @param starting backends started that have not reported idle yet
     * @param minIdle backend_pool_min_idle
     * @param maxIdle backend_pool_max_idle
     * @param freeSlots ProcArray slots still free
     */
    static int backendsForMinimum(int idleHigh, int starting, int minIdle, int maxIdle, int freeSlots) {
        long missing = (long) cappedMinimum(minIdle, maxIdle) - idleHigh - starting;
        return clamp(missing, freeSlots);
    }

    /**
     * How many idle backends to tell to exit at the end of a retire window.
     *
     * @param idleLow the lowest idle count over the window
     * @param waitingClients clients waiting right now (they will take idle backends in a moment)
     * @param maxIdle backend_pool_max_idle
     */
    static int backendsToRetire(int idleLow, int waitingClients, int maxIdle) {
        return Math.max(0, idleLow - waitingClients - Math.max(0, maxIdle));
    }

    private static int cappedMinimum(int minIdle, int maxIdle) {
        return Math.max(0, Math.min(minIdle, maxIdle));
    }

    private static int clamp(long missing, int freeSlots) {
        return (int) Math.max(0, Math.min(missing, freeSlots));
    }
}
