package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a backend still owes its warm-up after each one ended. */
class WarmupPlanTest {
    private static Warmup.Result stopped(int iterations, int roundTrips) {
        return new Warmup.Result(iterations, roundTrips, 10, WarmupClient.STOPPED, true, null);
    }

    @Test
    void iterationsAClientCutShortAreOwedUntilPaid() {
        WarmupPlan plan = new WarmupPlan(1000);
        assertTrue(plan.resumeAfterSession(), "nothing done yet");
        plan.account(stopped(0, 3), false); // a client came during the setup
        assertEquals(1000, plan.owed());
        plan.account(stopped(400, 900), true);
        assertEquals(600, plan.owed());
        assertTrue(plan.resumeAfterSession());
        plan.account(new Warmup.Result(600, 1300, 10, null, true, null), true);
        assertEquals(0, plan.owed());
        assertFalse(plan.resumeAfterSession(), "paid");
    }

    @Test
    void aClientsRoundTripsPayTheDebtToo() {
        WarmupPlan plan = new WarmupPlan(1000);
        plan.account(stopped(0, 3), false);
        plan.credit(5); // psql: a few statements pay nothing
        assertEquals(1000, plan.owed());
        plan.credit(100L * WarmupPlan.ROUND_TRIPS_PER_ITERATION);
        assertEquals(900, plan.owed());
        plan.credit(30_000); // pgbench for 10 s
        assertEquals(0, plan.owed());
        assertFalse(plan.resumeAfterSession(), "paid by the client");
        plan.credit(-1);
        assertEquals(0, plan.owed());
    }

    @Test
    void aWarmupThatEndedOnItsOwnIsNeverResumed() {
        for (String ending : new String[] {WarmupClient.TIME_LIMIT, "session ended TERMINATED", "\"x\" expected 0 errors, got 1",
                "could not start"}) {
            WarmupPlan plan = new WarmupPlan(1000);
            plan.account(new Warmup.Result(10, 20, 10, ending, true, null), false);
            assertFalse(plan.resumeAfterSession(), ending);
        }
        WarmupPlan plan = new WarmupPlan(1000);
        plan.account(null, false);
        assertFalse(plan.resumeAfterSession(), "a warm-up that never started (off, or stopping)");
        assertFalse(new WarmupPlan(0).resumeAfterSession(), "backend_warmup_iterations = 0");
    }

    @Test
    void resumedWarmupsThatGotTheirSessionGoingAreBounded() {
        WarmupPlan plan = new WarmupPlan(1_000_000);
        for (int i = 0; i < 10; i++) {
            plan.account(stopped(0, 0), true); // stopped in its delay: cost nothing, not counted
        }
        assertTrue(plan.resumeAfterSession());
        for (int i = 0; i < WarmupPlan.MAX_RESUMES; i++) {
            assertTrue(plan.resumeAfterSession(), "resume " + i);
            plan.account(stopped(1, 5), true);
        }
        assertFalse(plan.resumeAfterSession(), "each costs a setup: at most " + WarmupPlan.MAX_RESUMES);
        assertTrue(plan.owed() > 0);
    }
}
