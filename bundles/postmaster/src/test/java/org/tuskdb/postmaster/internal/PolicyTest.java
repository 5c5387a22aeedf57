package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tuskdb.postmaster.internal.ExitPolicy.Verdict;

class PolicyTest {

    @Test
    void backendExitWithZeroOrOneIsNormal() {
        assertEquals(Verdict.NORMAL, ExitPolicy.decide(Supervision.BACKEND, 0, false, true));
        assertEquals(Verdict.NORMAL, ExitPolicy.decide(Supervision.BACKEND, 1, false, true));
    }

    @Test
    void backendKilledBySignalIsACrash() {
        assertEquals(Verdict.CRASH_REINITIALIZE, ExitPolicy.decide(Supervision.BACKEND, 137, false, true));
        assertEquals(Verdict.CRASH_REINITIALIZE, ExitPolicy.decide(Supervision.BACKEND, 2, false, true));
        assertEquals(Verdict.CRASH_REINITIALIZE, ExitPolicy.decide(Supervision.BACKEND, 3, false, true));
    }

    @Test
    void crashWithRestartAfterCrashOffShutsDown() {
        assertEquals(Verdict.CRASH_SHUTDOWN, ExitPolicy.decide(Supervision.BACKEND, 137, false, false));
        assertEquals(Verdict.CRASH_SHUTDOWN, ExitPolicy.decide(Supervision.CRASH_RESTART, 0, false, false));
    }

    @Test
    void requestedExitIsNeverACrash() {
        assertEquals(Verdict.NORMAL, ExitPolicy.decide(Supervision.BACKEND, 137, true, true));
        assertEquals(Verdict.NORMAL, ExitPolicy.decide(Supervision.CRASH_RESTART, 143, true, true));
        assertEquals(Verdict.NORMAL, ExitPolicy.decide(Supervision.RESTART, 137, true, true));
    }

    @Test
    void loggerIsRestartedWhateverItsStatus() {
        assertEquals(Verdict.RESTART, ExitPolicy.decide(Supervision.RESTART, 0, false, true));
        assertEquals(Verdict.RESTART, ExitPolicy.decide(Supervision.RESTART, 137, false, false));
    }

    @Test
    void anyExitOfACrashRestartRoleIsACrash() {
        assertEquals(Verdict.CRASH_REINITIALIZE, ExitPolicy.decide(Supervision.CRASH_RESTART, 0, false, true));
        assertEquals(Verdict.CRASH_REINITIALIZE, ExitPolicy.decide(Supervision.CRASH_RESTART, 1, false, true));
    }

    @Test
    void runOnceSucceedsOnlyWithZero() {
        assertEquals(Verdict.RUN_ONCE_DONE, ExitPolicy.decide(Supervision.RUN_ONCE, 0, false, true));
        assertEquals(Verdict.CRASH_SHUTDOWN, ExitPolicy.decide(Supervision.RUN_ONCE, 1, false, true));
        assertEquals(Verdict.CRASH_SHUTDOWN, ExitPolicy.decide(Supervision.RUN_ONCE, 137, false, true));
    }

    @Test
    void exitStatusIsDescribedAsPostgresDoes() {
        assertEquals("was terminated by signal 9: Killed", ExitPolicy.describe(137));
        assertEquals("was terminated by signal 15: Terminated", ExitPolicy.describe(143));
        assertEquals("exited with exit code 1", ExitPolicy.describe(1));
        assertEquals("exited with exit code 3", ExitPolicy.describe(3));
    }

    @Test
    void poolStartsUpToMinimumIdle() {
        assertEquals(2, PoolPolicy.backendsToStart(0, 0, 0, 2, 8, 100));
        assertEquals(1, PoolPolicy.backendsToStart(1, 0, 0, 2, 8, 100));
        assertEquals(0, PoolPolicy.backendsToStart(1, 1, 0, 2, 8, 100));
        assertEquals(0, PoolPolicy.backendsToStart(5, 0, 0, 2, 8, 100));
    }

    @Test
    void waitingClientsGetBackendsOnTopOfTheMinimum() {
        assertEquals(5, PoolPolicy.backendsToStart(0, 0, 3, 2, 8, 100));
        assertEquals(3, PoolPolicy.backendsToStart(0, 2, 3, 2, 8, 100));
    }

    @Test
    void poolStartsNoMoreThanFreeSlots() {
        assertEquals(1, PoolPolicy.backendsToStart(0, 0, 5, 2, 8, 1));
        assertEquals(0, PoolPolicy.backendsToStart(0, 0, 5, 2, 8, 0));
    }

    @Test
    void minimumAboveMaximumIsCappedByMaximum() {
        assertEquals(3, PoolPolicy.backendsToStart(0, 0, 0, 10, 3, 100));
    }

    @Test
    void poolRetiresIdleBackendsAboveMaximum() {
        assertEquals(0, PoolPolicy.backendsToRetire(8, 0, 8));
        assertEquals(2, PoolPolicy.backendsToRetire(10, 0, 8));
        assertEquals(0, PoolPolicy.backendsToRetire(10, 2, 8));
        assertEquals(3, PoolPolicy.backendsToRetire(3, 0, 0));
    }
}
