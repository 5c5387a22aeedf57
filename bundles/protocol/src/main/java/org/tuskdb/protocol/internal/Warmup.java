package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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
 * <li>It yields to clients: while as many client sessions as there are processors are in a
 * statement or a transaction, it pauses between iterations (the time limit counts only the
 * time it ran), since every cycle it takes is one a client does not get.</li>
 * </ol>
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** The setting (Tusk's own); read with {@link #DEFAULT_ITERATIONS} while the registry lacks it. */
    static final String SETTING = "backend_warmup_iterations";
    /** Enough for C2 to have compiled the hot paths of the mix (measured: see the README). */
    static final int DEFAULT_ITERATIONS = 2000;
    /** The warm-up's bound in wall time (it runs while the backend waits for a client). */
    static final long TIME_LIMIT_MILLIS = 30_000;
    /** How long a stopped warm-up's session may take to end after its connection was cut. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    /**
     * What a warm-up did; {@code withTable}: whether its iterations had the lookups on its own
     * table ({@code tableProblem} says why not when the table could not be made).
     */
    record Result(int iterations, int roundTrips, long millis, String problem, boolean withTable,
                  String tableProblem) {}

    private final SqlEngine engine;
    private final Interrupts interrupts;
    private final SettingsRegistry settings;
    private final long pid;
    private final ClientReader reader;
    private final ClientWriter writer;
    private final BooleanSupplier busy;

    /** The reader and writer are the warm-up session's own (it may run beside the main thread). */
    Warmup(SqlEngine engine, Interrupts interrupts, SettingsRegistry settings, long pid, ClientReader reader,
           ClientWriter writer) {
        this(engine, interrupts, settings, pid, reader, writer, () -> false);
    }

    /**
     * @param busy whether clients' sessions keep the processors busy: the warm-up pauses then
     *             (rule 4), as it is CPU taken from them
     */
    Warmup(SqlEngine engine, Interrupts interrupts, SettingsRegistry settings, long pid, ClientReader reader,
           ClientWriter writer, BooleanSupplier busy) {
        this.engine = engine;
        this.interrupts = interrupts;
        this.settings = settings;
        this.pid = pid;
        this.reader = reader;
        this.writer = writer;
        this.busy = busy;
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

    /** Runs the warm-up session on the calling thread until it ends; null when off. */
    Result run(int iterations, long timeLimitMillis) {
        Running running = start(iterations, timeLimitMillis, () -> { });
        return running == null ? null : running.await();
    }

    /**
     * Starts the warm-up session on a thread of its own, so that the backend can report idle
     * at once and a client never waits for the warm-up: {@link Running#stop()} ends it after
     * the round trip under way. Null when off (0 iterations) or when it cannot start.
     *
     * @param terminated called on the warm-up thread when SIGTERM ended the warm-up session
     *                   (the backend's main thread is waiting for a client then, so this thread
     *                   must end the process)
     */
    Running start(int iterations, long timeLimitMillis, Runnable terminated) {
        return start(iterations, timeLimitMillis, 0, terminated);
    }

    /**
     * As {@link #start(int, long, Runnable)}, but the session begins only after
     * {@code delayMillis}: a resumed warm-up (see {@link WarmupPlan}) waits until the backend
     * has been idle that long, so a client that comes back at once finds nothing to stop but a
     * parked virtual thread (no socket pair, no session, no table).
     */
    Running start(int iterations, long timeLimitMillis, long delayMillis, Runnable terminated) {
        if (iterations <= 0) {
            return null;
        }
        Running running = new Running(iterations, timeLimitMillis, terminated);
        if (delayMillis <= 0) {
            return running.launch() ? running : null;
        }
        running.delayThread = Thread.ofVirtual().name("tusk-backend-warmup-delay")
                .start(() -> running.launchAfter(TimeUnit.MILLISECONDS.toNanos(delayMillis)));
        return running;
    }

    /** A warm-up under way: its session thread serves, its client thread drives. */
    final class Running {
        private final int iterations;
        private final long timeLimitMillis;
        private final Runnable terminated;
        private volatile boolean stopRequested;
        /** Set by {@link #launch()}, read after joining the thread that launched (or in it). */
        private WarmupClient client;
        private int clientFd = -1;
        private long startNanos;
        private Thread delayThread;
        private Thread clientThread;
        private Thread sessionThread;
        private volatile Result result;
        private boolean clientClosed;

        private Running(int iterations, long timeLimitMillis, Runnable terminated) {
            this.iterations = iterations;
            this.timeLimitMillis = timeLimitMillis;
            this.terminated = terminated;
        }

        /** On the delay thread: waits out the delay (or a stop), then starts the session. */
        private void launchAfter(long delayNanos) {
            long end = System.nanoTime() + delayNanos;
            long left;
            while (!stopRequested && (left = end - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (stopRequested) {
                result = new Result(0, 0, 0, WarmupClient.STOPPED, false, null);
            } else if (!launch()) {
                result = new Result(0, 0, 0, "could not start", false, null);
            }
        }

        /** Creates the socket pair and starts the two threads; false when it could not. */
        private boolean launch() {
            startNanos = System.nanoTime();
            int[] pair;
            try {
                pair = UnixSocket.pair();
            } catch (IOException e) {
                LOG.warn("backend warm-up skipped: could not create a socket pair: {}", e.getMessage());
                return false;
            }
            clientFd = pair[1];
            client = new WarmupClient(pair[1], new WarmupScript(), iterations,
                    startNanos + TimeUnit.MILLISECONDS.toNanos(timeLimitMillis), busy);
            if (stopRequested) {
                client.requestStop();
            }
            clientThread = new Thread(client, "tusk-backend-warmup");
            clientThread.setDaemon(true);
            sessionThread = new Thread(() -> serve(pair[0]), "tusk-backend-warmup-session");
            sessionThread.setDaemon(true);
            clientThread.start();
            sessionThread.start();
            return true;
        }

        /** What the warm-up did, once it has ended (after {@link #stop()} or {@link #await()}); else null. */
        Result result() {
            return result;
        }

        private void serve(int serverFd) {
            BackendSession.End end;
            try {
                end = new BackendSession(engine, interrupts, new UnreportedSlot(), settings, pid, reader, writer, true)
                        .serve(new ClientHandoff(serverFd, WarmupScript.startupPacket(), null, -1, 0));
            } catch (RuntimeException e) {
                LOG.warn("backend warm-up failed", e);
                end = BackendSession.End.CLIENT_GONE;
            }
            client.requestStop(); // a client paused for busy clients would not notice the end
            join(clientThread, timeLimitMillis + 1000);
            if (clientThread.isAlive()) {
                // Cannot happen short of a bug: the client polls with the deadline. Shut its
                // socket down so that it ends.
                shutdownClientSocket();
                join(clientThread, WarmupClient.ANSWER_GRACE_MILLIS);
            }
            closeClientSocket(!clientThread.isAlive());
            String problem = end == BackendSession.End.CLEAN ? client.problem()
                    : "session ended " + end + (client.problem() == null ? "" : ": " + client.problem());
            Result r = new Result(client.completed(), client.roundTrips(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), problem, client.withTable(),
                    client.optionalProblem());
            if (r.tableProblem() != null) {
                LOG.debug("backend warm-up without its table: {}", r.tableProblem());
            }
            if (problem == null || end == BackendSession.End.TERMINATED || problem.equals(WarmupClient.TIME_LIMIT)
                    || problem.equals(WarmupClient.STOPPED)) {
                LOG.debug("backend warm-up: {} iterations{}, {} round trips in {} ms{}", r.iterations(),
                        r.withTable() ? " with lookups" : "", r.roundTrips(), r.millis(),
                        problem == null ? "" : " (" + problem + ")");
            } else {
                LOG.warn("backend warm-up stopped after {} iterations: {}", r.iterations(), problem);
            }
            result = r;
            if (end == BackendSession.End.TERMINATED) {
                terminated.run();
            }
        }

        /** Waits until the warm-up has ended by itself (iterations done, time limit, SIGTERM). */
        Result await() {
            if (!awaitLaunch()) {
                return result;
            }
            join(sessionThread, timeLimitMillis + 2 * WarmupClient.ANSWER_GRACE_MILLIS + 1000);
            return result;
        }

        /** Waits for a delay thread to have launched the session; false when it did not launch. */
        private boolean awaitLaunch() {
            if (delayThread != null) {
                join(delayThread, Long.MAX_VALUE / 2);
            }
            return sessionThread != null;
        }

        /**
         * A client came: ends the warm-up after the round trip under way and waits for its
         * session to be over, so that the client's session is the only one of this process.
         * A warm-up still in its delay just ends.
         *
         * @return false if the session thread did not end (it then still holds the process's
         *         session state, and the caller must not serve)
         */
        boolean stop() {
            stopRequested = true;
            if (delayThread != null) {
                LockSupport.unpark(delayThread);
            }
            if (!awaitLaunch()) {
                return true;
            }
            client.requestStop();
            join(sessionThread, WarmupClient.ANSWER_GRACE_MILLIS);
            if (sessionThread.isAlive()) {
                // A statement that takes long (or a thread that gets no CPU on a loaded
                // machine): cut the warm-up's connection, the session ends at its next read or
                // write. Waited for generously: giving up costs the client its connection.
                shutdownClientSocket();
                join(sessionThread, STOP_TIMEOUT_MILLIS);
            }
            return !sessionThread.isAlive();
        }

        /** Under the lock with closing: a closed descriptor's number may belong to another file by now. */
        private synchronized void shutdownClientSocket() {
            if (!clientClosed) {
                try {
                    Libc.shutdown(clientFd, Libc.SHUT_RDWR);
                } catch (IOException ignored) {
                    // the other end is gone already
                }
            }
        }

        private synchronized void closeClientSocket(boolean clientEnded) {
            clientClosed = true;
            if (clientEnded) {
                Libc.closeQuietly(clientFd);
            }
            // else leaked rather than closed under a thread that may still use it (cannot happen)
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
