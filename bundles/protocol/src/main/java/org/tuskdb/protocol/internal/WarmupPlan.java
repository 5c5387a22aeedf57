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
 */
final class WarmupPlan {
    /** How long a backend must have been idle after a session before its warm-up resumes. */
    static final long RESUME_DELAY_MILLIS = 1000;
    /** Resumed warm-ups that may get their session going (each a setup: table, prepares). */
    static final int MAX_RESUMES = 4;

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
