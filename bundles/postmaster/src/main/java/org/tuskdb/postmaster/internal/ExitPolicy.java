package org.tuskdb.postmaster.internal;

/**
 * What a child's exit means (PostgreSQL's reaper and HandleChildCrash, reduced to a decision
 * table so it can be tested without processes).
 *
 * <p>A worker that dies abnormally may have left the shared segment inconsistent (a lock held,
 * half a tuple written), so every other process must go and the segment must be rebuilt. The
 * exceptions are processes that hold no shared state (RESTART roles: the logger) and backends
 * that ended their session through an orderly exit (status 0, or 1 after a FATAL).
 */
final class ExitPolicy {
    private ExitPolicy() {}

    enum Verdict {
        /** An ordinary end: release the slot, replenish the pool. */
        NORMAL,
        /** Start the same role again (the logger). */
        RESTART,
        /** A RUN_ONCE role finished successfully: continue the start sequence. */
        RUN_ONCE_DONE,
        /** Crash: kill everything, re-create the segment, run startup again. */
        CRASH_REINITIALIZE,
        /** Crash, and no reinitialization (restart_after_crash off, or startup failed): shut down. */
        CRASH_SHUTDOWN
    }

    /**
     * @param supervision what the child is
     * @param status exit status as {@link Process#exitValue()} reports it (128 + n: signal n)
     * @param expected the postmaster asked for this exit (pool shrink, shutdown, crash kill, role removed)
     * @param restartAfterCrash the restart_after_crash setting
     */
    static Verdict decide(Supervision supervision, int status, boolean expected, boolean restartAfterCrash) {
        if (expected) {
            return Verdict.NORMAL;
        }
        return switch (supervision) {
            case BACKEND -> status == 0 || status == 1 ? Verdict.NORMAL : crash(restartAfterCrash);
            case RESTART -> Verdict.RESTART;
            case CRASH_RESTART -> crash(restartAfterCrash);
            // PostgreSQL gives up when the startup process fails: running it again would fail
            // the same way (a damaged control file, an unreadable WAL segment).
            case RUN_ONCE -> status == 0 ? Verdict.RUN_ONCE_DONE : Verdict.CRASH_SHUTDOWN;
        };
    }

    private static Verdict crash(boolean restartAfterCrash) {
        return restartAfterCrash ? Verdict.CRASH_REINITIALIZE : Verdict.CRASH_SHUTDOWN;
    }

    /** PostgreSQL's wording for an exit in log lines: "exited with exit code 1", "was terminated by signal 9: Killed". */
    static String describe(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            return "was terminated by signal " + signal + ": " + signalName(signal);
        }
        return "exited with exit code " + status;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "Hangup";
            case 2 -> "Interrupt";
            case 3 -> "Quit";
            case 4 -> "Illegal instruction";
            case 6 -> "Aborted";
            case 7 -> "Bus error";
            case 8 -> "Floating point exception";
            case 9 -> "Killed";
            case 11 -> "Segmentation fault";
            case 13 -> "Broken pipe";
            case 15 -> "Terminated";
            default -> "signal " + signal;
        };
    }
}
