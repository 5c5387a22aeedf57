package org.tuskdb.protocol.internal;

/**
 * How much warm-up a backend still owes itself (README rule 10, "resumed"). A backend started
 * because clients were waiting gets one at once and so never warms up while idle; neither does
 * a pooled backend whose first client came early. Such a backend then served its clients with
 * the interpreter and C1 code while C2 compiled under their load, one JVM in eight seeing an
 * eighth of the load (benchmarks/RESULTS.md: 292 us of CPU per point lookup at 8 clients
 * against 40 us warm). So the warm-up is a debt: whatever iterations a client cut short are
 * owed, and the backend runs them once it is idle again, after {@link #RESUME_DELAY_MILLIS}
 * (a client that comes back at once stops nothing but a parked thread), until the debt is
 * paid, or a warm-up ended on its own (its iterations, its time limit, a failure: nothing is
 * retried that could not complete), or {@link #MAX_RESUMES} resumed warm-ups got as far as
 * their session (each costs its setup: a temporary table of 2000 rows).
 *
 * <p>A client's own round trips pay the debt too, {@link #ROUND_TRIPS_PER_ITERATION} of them for
 * an iteration: they ran the paths its clients use, which is what the warm-up is for. Without
 * that, the backends a burst of clients started all owed their whole warm-up when the burst
 * ended, and seven of eight then warmed up beside the one client left, which served a third of
 * what it did on a quiet machine (2026-12-03: 1 client after 8 had run, 3,200-3,900 tps of
 * pgbench -S -M prepared; 8,000-10,600 with no warm-up running).
 */
final class WarmupPlan {
    /** How long a backend must have been idle after a session before its warm-up resumes. */
    static final long RESUME_DELAY_MILLIS = 1000;
    /** Resumed warm-ups that may get their session going (each a setup: table, prepares). */
    static final int MAX_RESUMES = 4;

    /** Round trips of a warm-up iteration, on average (28,892 for 1,500 iterations with lookups). */
    static final int ROUND_TRIPS_PER_ITERATION = 19;

    private int owed;
    private int resumes;

    /** @param iterations backend_warmup_iterations (0: no warm-up, ever) */
    WarmupPlan(int iterations) {
        owed = Math.max(0, iterations);
    }

    /** The iterations still owed; 0 when the warm-up is done (or off). */
    int owed() {
        return owed;
    }

    /** Whether a session that ended should be followed by a resumed warm-up of {@link #owed()} iterations. */
    boolean resumeAfterSession() {
        return owed > 0 && resumes < MAX_RESUMES;
    }

    /** A client's session ended after {@code roundTrips} round trips (ReadyForQuery sent): they pay off iterations. */
    void credit(long roundTrips) {
        owed = (int) Math.max(0, owed - Math.max(0, roundTrips) / ROUND_TRIPS_PER_ITERATION);
    }

    /** A warm-up ended (stopped for a client, or on its own): what it did is paid off. */
    void account(Warmup.Result result, boolean resumed) {
        if (result == null) {
            owed = 0; // did not start at all: nothing to resume
            return;
        }
        if (resumed && result.roundTrips() > 0) {
            resumes++;
        }
        if (WarmupClient.STOPPED.equals(result.problem())) {
            owed = Math.max(0, owed - result.iterations());
        } else {
            owed = 0; // done, time limit, SIGTERM or a failure
        }
    }
}
