package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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

    // ---- the pool: hysteresis (see PoolPolicy) ------------------------------------------------

    @Test
    void aDipBelowTheMinimumWithinATickStartsNothing() {
        // the count fell to 0 for a moment, but the tick's period saw 2 idle: nothing is missing
        assertEquals(0, PoolPolicy.backendsForMinimum(2, 0, 2, 8, 100));
        assertEquals(0, PoolPolicy.backendsForMinimum(5, 0, 2, 8, 100));
    }

    @Test
    void minimumIsToppedUpWhenTheWholeTickStayedBelowIt() {
        assertEquals(2, PoolPolicy.backendsForMinimum(0, 0, 2, 8, 100));
        assertEquals(1, PoolPolicy.backendsForMinimum(1, 0, 2, 8, 100));
        assertEquals(1, PoolPolicy.backendsForMinimum(0, 1, 2, 8, 100), "starting backends count");
        assertEquals(0, PoolPolicy.backendsForMinimum(1, 1, 2, 8, 100));
    }

    @Test
    void minimumAboveMaximumIsCappedByMaximum() {
        assertEquals(3, PoolPolicy.backendsForMinimum(0, 0, 10, 3, 100));
    }

    @Test
    void waitingClientsGetBackendsWithTheMinimumOnTop() {
        assertEquals(5, PoolPolicy.backendsForWaitingClients(0, 0, 3, 2, 8, 100));
        assertEquals(3, PoolPolicy.backendsForWaitingClients(1, 1, 3, 2, 8, 100));
        assertEquals(0, PoolPolicy.backendsForWaitingClients(0, 5, 3, 2, 8, 100));
    }

    @Test
    void withoutWaitingClientsOnlyTheTickKeepsTheMinimum() {
        // idle 0 at this instant, nobody waiting: a dip, not a shortage
        assertEquals(0, PoolPolicy.backendsForWaitingClients(0, 0, 0, 2, 8, 100));
    }

    @Test
    void poolStartsNoMoreThanFreeSlots() {
        assertEquals(1, PoolPolicy.backendsForWaitingClients(0, 0, 5, 2, 8, 1));
        assertEquals(0, PoolPolicy.backendsForWaitingClients(0, 0, 5, 2, 8, 0));
        assertEquals(1, PoolPolicy.backendsForMinimum(0, 0, 2, 8, 1));
    }

    @Test
    void onlyTheSurplusThatLastedTheWholeWindowIsRetired() {
        assertEquals(0, PoolPolicy.backendsToRetire(8, 0, 8));
        assertEquals(2, PoolPolicy.backendsToRetire(10, 0, 8));
        assertEquals(0, PoolPolicy.backendsToRetire(10, 2, 8), "waiting clients keep what they need");
        assertEquals(3, PoolPolicy.backendsToRetire(3, 0, 0));
    }

    /**
     * Clients connecting for every transaction: the idle count of a pool of ten swings between 0
     * and 10 (outside both min_idle 2 and max_idle 8) many times a tick. Sizing from the count
     * of the moment started backends at every dip and retired them at every peak; the watermarks
     * see a pool that is neither short nor in surplus, and no client signals demand.
     */
    @Test
    void connectPerTransactionChurnNeitherStartsNorRetiresBackends() throws Exception {
        AtomicInteger demands = new AtomicInteger();
        BackendPool pool = new BackendPool(demands::incrementAndGet);
        List<Child> backends = new ArrayList<>();
        for (int pid = 1; pid <= 10; pid++) {
            backends.add(BackendPoolTest.backend(pid));
        }
        backends.forEach(pool::offer);
        pool.open();
        for (int tick = 0; tick < 10; tick++) {
            for (int round = 0; round < 50; round++) {
                List<Child> inSession = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    inSession.add(pool.take(System.nanoTime()));
                }
                assertEquals(0, pool.idleCount());
                inSession.forEach(pool::offer);
                assertEquals(10, pool.idleCount());
            }
            assertEquals(0, PoolPolicy.backendsForMinimum(pool.takeIdleHigh(), 0, 2, 8, 100), "tick " + tick);
        }
        assertEquals(0, PoolPolicy.backendsToRetire(pool.takeIdleLow(), pool.waiting(), 8));
        assertEquals(0, demands.get(), "every client found an idle backend");
    }

    @Test
    void idleSurplusThatLastsAWholeWindowIsRetired() throws Exception {
        BackendPool pool = new BackendPool(() -> { });
        for (int pid = 1; pid <= 10; pid++) {
            pool.offer(BackendPoolTest.backend(pid));
        }
        pool.open();
        for (int round = 0; round < 20; round++) {
            pool.offer(pool.take(System.nanoTime())); // one session at a time: 9 stay idle
        }
        assertEquals(1, PoolPolicy.backendsToRetire(pool.takeIdleLow(), pool.waiting(), 8));
    }
}
