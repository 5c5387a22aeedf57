package org.tuskdb.postmaster.internal;

/**
 * Sizing of the pre-started backend pool. Idle backends are the ones that have asked for a
 * client; starting ones will be idle within a worker start time. Clients waiting for a backend
 * each need one on top of the idle minimum, so the pool recovers to its minimum after serving
 * them.
 */
final class PoolPolicy {
    private PoolPolicy() {}

    /**
     * How many backends to start now.
     *
     * @param idle backends idle in the pool
     * @param starting backends started that have not reported idle yet
     * @param waitingClients accepted clients waiting for a backend
     * @param minIdle backend_pool_min_idle
     * @param maxIdle backend_pool_max_idle
     * @param freeSlots ProcArray slots still free
     */
    static int backendsToStart(int idle, int starting, int waitingClients, int minIdle, int maxIdle, int freeSlots) {
        int min = Math.max(0, Math.min(minIdle, maxIdle));
        long wanted = (long) min + waitingClients;
        long missing = wanted - idle - starting;
        return (int) Math.max(0, Math.min(missing, freeSlots));
    }

    /** How many idle backends to tell to exit because the pool is above its maximum. */
    static int backendsToRetire(int idle, int waitingClients, int maxIdle) {
        // Waiting clients will take idle backends in a moment: do not retire what they need.
        return Math.max(0, idle - waitingClients - Math.max(0, maxIdle));
    }
}
