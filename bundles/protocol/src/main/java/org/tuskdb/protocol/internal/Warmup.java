package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.api.shmem.ProcSlot;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;

/**
 * Warms a fresh backend up before it first reports idle. Each backend is a JVM of its own, so
 * without this the first clients of every backend run the protocol and SQL paths interpreted
 * and in C1 code until C2 has compiled them (the first 10 s of pgbench ran at a third of the
 * warm rate). A pre-started backend is idle anyway until a client comes, so it runs a session
 * against itself first: the real {@link BackendSession} with the real reader, writer and
 * engine, over a socket pair whose other end a {@link WarmupClient} thread drives with the
 * {@link WarmupScript} mix.
 *
 * <p>Rules:
 * <ol>
 * <li>Nothing of it is visible: the session reports to a slot that reports nothing (the
 * ProcArray slot stays the idle pooled process it was: no beginSession, pg_stat_activity does
 * not show it), is closed like any session, and is not counted in backend_max_sessions.</li>
 * <li>It is bounded: at most {@code backend_warmup_iterations} iterations (0 turns it off) and
 * at most {@link #TIME_LIMIT_MILLIS}, after which the client stops, or cuts off a backend that
 * does not answer.</li>
 * <li>SIGTERM during the warm-up ends it as it ends any session; the loop then exits.</li>
 * </ol>
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** The setting (Tusk's own); read with {@link #DEFAULT_ITERATIONS} while the registry lacks it. */
    static final String SETTING = "backend_warmup_iterations";
    /** Enough for C2 to have compiled the hot paths of the mix (measured: see the README). */
    static final int DEFAULT_ITERATIONS = 2000;
    /** A backend started because clients wait must not keep them waiting long. */
    static final long TIME_LIMIT_MILLIS = 3000;

    /** What a warm-up did. */
    record Result(int iterations, int roundTrips, long millis, String problem) {}

    private final SqlEngine engine;
    private final Interrupts interrupts;
    private final SettingsRegistry settings;
    private final long pid;
    private final ClientReader reader;
    private final ClientWriter writer;

    Warmup(SqlEngine engine, Interrupts interrupts, SettingsRegistry settings, long pid, ClientReader reader,
           ClientWriter writer) {
        this.engine = engine;
        this.interrupts = interrupts;
        this.settings = settings;
        this.pid = pid;
        this.reader = reader;
        this.writer = writer;
    }

    /** The configured iteration count; the default while the registry does not know the setting. */
    static int iterations(SettingsRegistry settings) {
        try {
            String v = settings.value(SETTING);
            return v == null ? DEFAULT_ITERATIONS : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v));
        } catch (RuntimeException e) {
            return DEFAULT_ITERATIONS;
        }
    }

    /** Runs the warm-up session on the calling thread (the backend's main thread); null when off. */
    Result run(int iterations, long timeLimitMillis) {
        if (iterations <= 0) {
            return null;
        }
        long start = System.nanoTime();
        int[] pair;
        try {
            pair = UnixSocket.pair();
        } catch (IOException e) {
            LOG.warn("backend warm-up skipped: could not create a socket pair: {}", e.getMessage());
            return null;
        }
        WarmupClient client = new WarmupClient(pair[1], new WarmupScript(), iterations,
                start + TimeUnit.MILLISECONDS.toNanos(timeLimitMillis));
        Thread clientThread = new Thread(client, "tusk-backend-warmup");
        clientThread.setDaemon(true);
        clientThread.start();
        BackendSession.End end = new BackendSession(engine, interrupts, new UnreportedSlot(), settings, pid, reader,
                writer).serve(new ClientHandoff(pair[0], WarmupScript.startupPacket(), null, -1, 0));
        try {
            clientThread.join(timeLimitMillis + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (clientThread.isAlive()) {
            // Cannot happen short of a bug: the client polls with the deadline. Do not wait for it;
            // shut its socket down so it ends (it closes the descriptor itself).
            try {
                Libc.shutdown(pair[1], Libc.SHUT_RDWR);
            } catch (IOException ignored) {
                // already closed
            }
        }
        String problem = end == BackendSession.End.CLEAN ? client.problem()
                : "session ended " + end + (client.problem() == null ? "" : ": " + client.problem());
        Result result = new Result(client.completed(), client.roundTrips(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), problem);
        if (problem == null || end == BackendSession.End.TERMINATED || problem.equals("time limit reached")) {
            LOG.debug("backend warm-up: {} iterations, {} round trips in {} ms{}", result.iterations(),
                    result.roundTrips(), result.millis(), problem == null ? "" : " (" + problem + ")");
        } else {
            LOG.warn("backend warm-up stopped after {} iterations: {}", result.iterations(), problem);
        }
        return result;
    }

    /** The warm-up session is nobody's: its slot reports nothing to the ProcArray. */
    private static final class UnreportedSlot implements ProcSlot {
        @Override
        public int slot() {
            return -1;
        }

        @Override
        public void beginSession(String database, String user, String applicationName, String clientAddr,
                                 int clientPort) {
        }

        @Override
        public void endSession() {
        }

        @Override
        public void reportState(String state, String query) {
        }

        @Override
        public void reportTransactionStart(long epochMillis) {
        }

        @Override
        public void reportApplicationName(String applicationName) {
        }
    }
}
