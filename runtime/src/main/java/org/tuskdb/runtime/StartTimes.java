package org.tuskdb.runtime;

/**
 * Milliseconds spent in each step of a framework start, for the debug log (where a worker's
 * start time goes: see benchmarks/README-startup.md): wall time and the starting thread's CPU
 * time ("wall/cpu"; on a loaded machine the CPU time says more). Costs nothing when not enabled.
 */
final class StartTimes {
    private final boolean enabled;
    private final StringBuilder steps = new StringBuilder();
    private final java.lang.management.ThreadMXBean threads;
    private long last = System.nanoTime();
    private long lastCpu;

    StartTimes(boolean enabled) {
        this.enabled = enabled;
        // Only when enabled: the management classes are not loaded otherwise.
        this.threads = enabled ? java.lang.management.ManagementFactory.getThreadMXBean() : null;
        this.lastCpu = enabled ? threads.getCurrentThreadCpuTime() : 0;
    }

    boolean enabled() {
        return enabled;
    }

    /** Records the time since the previous step under this name. */
    void step(String name) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!steps.isEmpty()) {
            steps.append(", ");
        }
        long cpu = threads.getCurrentThreadCpuTime();
        steps.append(name).append(' ').append((now - last) / 1_000_000L).append('/').append((cpu - lastCpu) / 1_000_000L);
        last = now;
        lastCpu = cpu;
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
