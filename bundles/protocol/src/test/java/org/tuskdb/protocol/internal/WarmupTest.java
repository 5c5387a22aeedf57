package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.platform.linux.UnixSocket;
import org.tuskdb.sql.internal.Engine;

/** The warm-up against the real SQL engine: its script runs clean, leaves nothing behind, and is bounded. */
class WarmupTest {
    private final FakeServer.Settings settings = new FakeServer.Settings();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private Warmup warmup(Interrupts interrupts) {
        return new Warmup(Engine.standalone(), interrupts, settings, 77, new ClientReader(interrupts), new ClientWriter());
    }

    @Test
    void scriptRunsWithoutUnexpectedAnswersOnTheRealEngine() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            Warmup.Result r = warmup(interrupts).run(2 * WarmupScript.RARE_EVERY, 10_000);
            assertNull(r.problem());
            assertEquals(2 * WarmupScript.RARE_EVERY, r.iterations());
            assertTrue(r.roundTrips() > 2 * WarmupScript.RARE_EVERY, "round trips: " + r.roundTrips());
            assertTrue(!exit.isDone(), "the warm-up must not end the process");
            // The standalone engine has no table storage: the warm-up goes on without its table.
            assertFalse(r.withTable());
            assertNotNull(r.tableProblem());
        } finally {
            interrupts.close();
        }
    }

    private static boolean warmupRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("tusk-backend-warmup-session") && t.isAlive());
    }

    @Test
    void zeroIterationsTurnItOff() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            assertNull(warmup(interrupts).run(0, 10_000));
        } finally {
            interrupts.close();
        }
    }

    @Test
    void iterationsComeFromTheSettingWithADefaultWhenTheRegistryLacksIt() {
        settings.warmupIterations = "123";
        assertEquals(123, Warmup.iterations(settings));
        settings.warmupIterations = "0";
        assertEquals(0, Warmup.iterations(settings));
        settings.warmupIterations = null; // the registry throws for a name it does not know
        assertEquals(Warmup.DEFAULT_ITERATIONS, Warmup.iterations(settings));
    }

    @Test
    void timeLimitEndsAnUnboundedWarmup() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            // One iteration first, so that class loading (the table setup's DDL among it) is
            // not what the short limit below measures on a loaded machine.
            assertNull(warmup(interrupts).run(1, 60_000).problem());
            long start = System.nanoTime();
            Warmup.Result r = warmup(interrupts).run(Integer.MAX_VALUE, 300);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("time limit reached", r.problem());
            assertTrue(millis < 3000, "took " + millis + " ms");
        } finally {
            interrupts.close();
        }
    }

    @Test
    void stopEndsARunningWarmupAfterTheRoundTripUnderWay() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            Warmup.Running running = warmup(interrupts).start(Integer.MAX_VALUE, 60_000, () -> exit.complete(-1));
            Thread.sleep(300);
            long start = System.nanoTime();
            assertTrue(running.stop(), "the warm-up session did not end");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(WarmupClient.STOPPED, running.await().problem());
            assertTrue(millis < 5000, "stopping took " + millis + " ms");
            assertTrue(!exit.isDone(), "the warm-up must not end the process");
        } finally {
            interrupts.close();
        }
    }

    @Test
    void itPausesWhileClientsAreBusyAndItsTimeLimitCountsOnlyTheTimeItRan() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
            Warmup w = new Warmup(Engine.standalone(), interrupts, settings, 77, new ClientReader(interrupts),
                    new ClientWriter(), busy::get);
            // 4 iterations, a 2 s limit: busy for 3 s, then free; without the moving deadline
            // the limit would have ended it while it waited.
            Warmup.Running running = w.start(4, 2_000, () -> exit.complete(-1));
            Thread.sleep(3_000);
            assertNull(running.result(), "it must wait while clients are busy");
            busy.set(false);
            Warmup.Result r = running.await();
            assertNull(r.problem());
            assertEquals(4, r.iterations());
        } finally {
            interrupts.close();
        }
    }

    @Test
    void aStopEndsAPausedWarmupAtOnce() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            Warmup w = new Warmup(Engine.standalone(), interrupts, settings, 77, new ClientReader(interrupts),
                    new ClientWriter(), () -> true);
            Warmup.Running running = w.start(Integer.MAX_VALUE, 60_000, () -> exit.complete(-1));
            Thread.sleep(500);
            long start = System.nanoTime();
            assertTrue(running.stop(), "the warm-up session did not end");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(WarmupClient.STOPPED, running.await().problem());
            assertTrue(millis < 2000, "stopping took " + millis + " ms");
        } finally {
            interrupts.close();
        }
    }

    /**
     * The backend loop asks for a client at once while it warms up; the client stops the
     * warm-up instead of waiting for it. The warm-up reports nothing to the ProcArray slot, is
     * not counted as a session, and leaves no state to the client's session.
     */
    @Test
    void backendReportsIdleWhileWarmingUpAndTheFirstClientStopsTheWarmup() throws Exception {
        settings.warmupIterations = Integer.toString(Integer.MAX_VALUE);
        FakeServer.Link link = new FakeServer.Link();
        FakeServer.Procs procs = new FakeServer.Procs();
        Interrupts interrupts = new Interrupts(exit::complete);
        BackendLoop loop = new BackendLoop(link, Engine.standalone(), procs, settings, 77, interrupts, exit::complete);
        loop.resumeDelayMillis = 600_000; // the resumed warm-up is the next test's
        Thread thread = new Thread(loop, "test-backend");
        thread.setDaemon(true);
        thread.start();
        try {
            long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MILLIS;
            while (link.waits.get() == 0) {
                assertTrue(System.currentTimeMillis() < deadline, "backend never asked for a client");
                Thread.sleep(5);
            }
            assertTrue(warmupRunning(), "the warm-up should run while the backend waits for a client");
            // Let it get into its statements (SET extra_float_digits among them).
            Thread.sleep(300);
            assertEquals(List.of(), procs.slot.snapshot(), "the warm-up must not report to the slot");
            assertEquals(0, loop.sessionsServed());

            int[] pair = UnixSocket.pair();
            link.queue.add(new ClientHandoff(pair[0], TestClient.startupPacket(Map.of("user", "alice")), null, -1, 1));
            try (TestClient c = new TestClient(pair[1])) {
                c.readUntil('Z');
                c.query("SHOW extra_float_digits");
                List<TestClient.Msg> answer = c.readUntil('Z');
                assertEquals(List.of("1"), answer.get(1).values(), "the warm-up's SET must not survive it");
                c.send(TestClient.terminate());
            }
            while (link.waits.get() < 2) {
                assertTrue(System.currentTimeMillis() < deadline, "backend did not return to the pool");
                Thread.sleep(5);
            }
            assertEquals(1, loop.sessionsServed());
            assertEquals("begin:alice:alice:", procs.slot.snapshot().get(0));
            assertTrue(!warmupRunning(), "the client must have stopped the warm-up");
            assertTrue(!exit.isDone(), "the backend must still run");
        } finally {
            link.queue.add(new IOException("postmaster says exit"));
            thread.join(TestClient.TIMEOUT_MILLIS);
            interrupts.close();
        }
    }

    /**
     * A backend whose warm-up its first client cut short (as one started for a waiting client
     * always is) owes the rest: once idle after the session it warms up again, and the next
     * client stops that one too and gets a clean session.
     */
    @Test
    void warmupCutShortByAClientResumesWhenTheBackendIsIdleAgain() throws Exception {
        settings.warmupIterations = Integer.toString(Integer.MAX_VALUE);
        FakeServer.Link link = new FakeServer.Link();
        Interrupts interrupts = new Interrupts(exit::complete);
        BackendLoop loop = new BackendLoop(link, Engine.standalone(), new FakeServer.Procs(), settings, 77, interrupts,
                exit::complete);
        loop.resumeDelayMillis = 50;
        Thread thread = new Thread(loop, "test-backend");
        thread.setDaemon(true);
        thread.start();
        try {
            long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MILLIS;
            // The client comes at once, as to a backend started for a waiting client.
            int[] pair = UnixSocket.pair();
            link.queue.add(new ClientHandoff(pair[0], TestClient.startupPacket(Map.of("user", "alice")), null, -1, 1));
            try (TestClient c = new TestClient(pair[1])) {
                c.readUntil('Z');
                assertTrue(!warmupRunning(), "the client must have stopped the first warm-up");
                c.send(TestClient.terminate());
            }
            while (!warmupRunning()) {
                assertTrue(System.currentTimeMillis() < deadline, "the warm-up did not resume after the session");
                Thread.sleep(5);
            }
            assertTrue(link.waits.get() >= 2, "it resumes while the backend waits for a client");
            assertTrue(loop.warmupOwed() > 0, "owed: " + loop.warmupOwed());
            Thread.sleep(200);

            int[] pair2 = UnixSocket.pair();
            link.queue.add(new ClientHandoff(pair2[0], TestClient.startupPacket(Map.of("user", "bob")), null, -1, 2));
            try (TestClient c = new TestClient(pair2[1])) {
                c.readUntil('Z');
                assertTrue(!warmupRunning(), "the second client must have stopped the resumed warm-up");
                c.query("SHOW extra_float_digits");
                assertEquals(List.of("1"), c.readUntil('Z').get(1).values(), "the warm-up's SET must not survive it");
                c.send(TestClient.terminate());
            }
            while (link.waits.get() < 3) {
                assertTrue(System.currentTimeMillis() < deadline, "backend did not return to the pool");
                Thread.sleep(5);
            }
            assertEquals(2, loop.sessionsServed(), "warm-ups are not sessions");
        } finally {
            link.queue.add(new IOException("postmaster says exit"));
            thread.join(TestClient.TIMEOUT_MILLIS);
            interrupts.close();
        }
    }

    /** A warm-up stopped in its delay never starts its session: nothing but a parked thread was spent. */
    @Test
    void warmupStoppedDuringItsDelayNeverStarts() throws Exception {
        Interrupts interrupts = new Interrupts(exit::complete);
        try {
            Warmup.Running running = warmup(interrupts).start(Integer.MAX_VALUE, 60_000, 600_000, () -> exit.complete(-1));
            assertTrue(running.stop());
            Warmup.Result r = running.result();
            assertEquals(WarmupClient.STOPPED, r.problem());
            assertEquals(0, r.roundTrips());
            assertFalse(warmupRunning());
        } finally {
            interrupts.close();
        }
    }

    /** The postmaster ending a warming backend: it exits only once the warm-up's session ended (and dropped its table). */
    @Test
    void exitAskedByThePostmasterWaitsForTheWarmupSessionToEnd() throws Exception {
        settings.warmupIterations = Integer.toString(Integer.MAX_VALUE);
        FakeServer.Link link = new FakeServer.Link();
        Interrupts interrupts = new Interrupts(exit::complete);
        CompletableFuture<Boolean> runningAtExit = new CompletableFuture<>();
        BackendLoop loop = new BackendLoop(link, Engine.standalone(), new FakeServer.Procs(), settings, 77, interrupts,
                status -> {
                    runningAtExit.complete(warmupRunning());
                    exit.complete(status);
                });
        Thread thread = new Thread(loop, "test-backend");
        thread.setDaemon(true);
        thread.start();
        try {
            long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MILLIS;
            while (link.waits.get() == 0 || !warmupRunning()) {
                assertTrue(System.currentTimeMillis() < deadline, "the warm-up never ran");
                Thread.sleep(5);
            }
            link.queue.add(new IOException("postmaster says exit"));
            assertEquals(0, exit.get(TestClient.TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
            assertFalse(runningAtExit.get(), "the warm-up session must have ended before the exit");
        } finally {
            thread.join(TestClient.TIMEOUT_MILLIS);
            interrupts.close();
        }
    }

    @Test
    void iterationsWithTheTableAddPointLookupsOnItWithChangingKeys() {
        WarmupScript script = new WarmupScript();
        List<String> without = labels(script.iteration(0, false));
        assertTrue(without.stream().noneMatch(l -> l.contains(WarmupScript.TABLE)), without.toString());
        List<String> with = labels(script.iteration(0, true));
        assertTrue(with.containsAll(without), with.toString());
        // simple and extended lookups (the named statement's Bind, as pgbench -M prepared sends)
        assertTrue(with.stream().anyMatch(l -> l.startsWith("Q SELECT n FROM " + WarmupScript.TABLE)), with.toString());
        assertTrue(with.stream().anyMatch(l -> l.equals("BDES w_lookup")), with.toString());
        assertFalse(labels(script.iteration(1, true)).equals(with), "the keys change from one iteration to the next");
        // the table is made and loaded by short transactions of their own that commit
        // asynchronously (none holds the horizon back for long), then the lookup prepared
        List<String> setup = labels(script.tableSetup());
        assertEquals("Q SET synchronous_commit = off", setup.get(0));
        assertTrue(setup.get(1).contains("CREATE TEMPORARY TABLE " + WarmupScript.TABLE), setup.toString());
        assertTrue(setup.stream().noneMatch(l -> l.equals("Q BEGIN") || l.equals("Q COMMIT")), setup.toString());
        assertEquals("Q RESET synchronous_commit", setup.get(setup.size() - 2));
    }

    private static List<String> labels(List<WarmupScript.RoundTrip> trips) {
        return trips.stream().map(WarmupScript.RoundTrip::label).toList();
    }
}
