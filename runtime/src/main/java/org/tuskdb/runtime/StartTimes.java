package org.tuskdb.runtime;

/**
 * Milliseconds spent in each step of a framework start, for the debug log (where a worker's
 * start time goes: see benchmarks/README-startup.md). Costs nothing when not enabled.
 */
final class StartTimes {
    private final boolean enabled;
    private final StringBuilder steps = new StringBuilder();
    private long last = System.nanoTime();

    StartTimes(boolean enabled) {
        this.enabled = enabled;
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
        steps.append(name).append(' ').append((now - last) / 1_000_000L);
        last = now;
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
