package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.platform.linux.Libc;

/**
 * The life of a pooled backend process: wait for the postmaster to hand over a client, serve
 * the session, and then either go back to the pool or exit.
 *
 * <p>Reuse rules: a backend is reused only after a session that ended cleanly (Terminate, or
 * end of stream between messages) and only while it has served fewer than
 * {@code backend_max_sessions} sessions (each backend exits at a count of its own in the last
 * quarter of it: {@link #sessionLimit}). After a FATAL error, a protocol violation, a lost
 * connection or SIGTERM it exits: status 1 after a FATAL (PostgreSQL's normal FATAL exit), 0
 * otherwise. If the postmaster link says exit (or is gone), it exits 0.
 */
final class BackendLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendLoop.class);

    private final PostmasterLink link;
    private final SqlEngine engine;
    private final ProcArray procArray;
    private final SettingsRegistry settings;
    private final long pid;
    private final Interrupts interrupts;
    private final IntConsumer exit;
    private final ClientReader reader;
    private final ClientWriter writer = new ClientWriter();
    private volatile boolean stopping;
    private int served;
    /** What the warm-up still owes (made at the first warm-up, from backend_warmup_iterations). */
    private WarmupPlan warmupPlan;
    /** Whether the warm-up under way is a resumed one. */
    private boolean warmupResumed;
    /** {@link WarmupPlan#RESUME_DELAY_MILLIS}; tests set it before {@link #run()}. */
    long resumeDelayMillis = WarmupPlan.RESUME_DELAY_MILLIS;

    BackendLoop(PostmasterLink link, SqlEngine engine, ProcArray procArray, SettingsRegistry settings, long pid,
                Interrupts interrupts, IntConsumer exit) {
        this.link = link;
        this.engine = engine;
        this.procArray = procArray;
        this.settings = settings;
        this.pid = pid;
        this.interrupts = interrupts;
        this.exit = exit;
        this.reader = new ClientReader(interrupts);
    }

    /** The component is going away: end the current session as SIGTERM would, then exit. */
    void stop() {
        stopping = true;
        interrupts.requestTerminate();
    }

    int sessionsServed() {
        return served;
    }

    /** Warm-up iterations still owed (tests); -1 before the first warm-up. */
    int warmupOwed() {
        return warmupPlan == null ? -1 : warmupPlan.owed();
    }

    @Override
    public void run() {
        try {
            loop(warmUp());
        } catch (Throwable t) {
            LOG.error("backend main loop failed", t);
            exit.accept(1);
        }
    }

    /**
     * Starts the warm-up (see {@link Warmup}) beside the first awaitClient: the backend reports
     * idle at once, and the first client stops the warm-up instead of waiting for it. Its own
     * reader and writer: the main thread's stay untouched by it.
     */
    private Warmup.Running warmUp() {
        warmupPlan = new WarmupPlan(Warmup.iterations(settings));
        warmupResumed = false;
        return startWarmup(warmupPlan.owed(), 0);
    }

    /**
     * After a session: resumes the warm-up a client cut short (see {@link WarmupPlan}) once the
     * backend has been idle {@link WarmupPlan#RESUME_DELAY_MILLIS}; null when nothing is owed.
     */
    private Warmup.Running resumeWarmup() {
        if (warmupPlan == null || !warmupPlan.resumeAfterSession()) {
            return null;
        }
        warmupResumed = true;
        LOG.debug("backend warm-up resumes when idle: {} iterations owed", warmupPlan.owed());
        return startWarmup(warmupPlan.owed(), resumeDelayMillis);
    }

    private Warmup.Running startWarmup(int iterations, long delayMillis) {
        if (stopping || interrupts.terminatePending()) {
            return null;
        }
        return new Warmup(engine, interrupts, settings, pid, new ClientReader(interrupts), new ClientWriter(),
                this::clientsBusy).start(iterations, Warmup.TIME_LIMIT_MILLIS, delayMillis, () -> exit.accept(0));
    }

    /**
     * Whether clients' sessions keep every processor busy: at least as many of them are in a
     * statement or a transaction (ProcArray state other than idle) as there are processors.
     * Warm-up sessions report nothing, so they do not count.
     */
    private boolean clientsBusy() {
        int processors = Runtime.getRuntime().availableProcessors();
        int working = 0;
        for (ProcInfo p : procArray.snapshot()) {
            if (p.inSession() && p.state() != null && !"idle".equals(p.state()) && ++working >= processors) {
                return true;
            }
        }
        return false;
    }

    private void loop(Warmup.Running warmup) {
        while (true) {
            if (stopping || interrupts.terminatePending()) {
                exitAfter(warmup, 0);
                return;
            }
            ClientHandoff handoff;
            try {
                handoff = link.awaitClient();
            } catch (IOException | RuntimeException e) {
                LOG.debug("postmaster ended this backend: {}", e.getMessage());
                exitAfter(warmup, 0);
                return;
            }
            if (warmup != null) {
                if (!warmup.stop()) {
                    // Its session still holds this process's session state: this client cannot be served.
                    LOG.error("backend warm-up did not stop; exiting");
                    Libc.closeQuietly(handoff.socketFd());
                    exit.accept(1);
                    return;
                }
                warmupPlan.account(warmup.result(), warmupResumed);
                warmup = null;
                if (stopping || interrupts.terminatePending()) {
                    Libc.closeQuietly(handoff.socketFd());
                    exit.accept(0);
                    return;
                }
            }
            BackendSession session = new BackendSession(engine, interrupts, procArray.mySlot(), settings, pid,
                    reader, writer);
            BackendSession.End end = session.serve(handoff);
            served++;
            if (warmupPlan != null) {
                warmupPlan.credit(session.roundTrips());
            }
            if (!end.reusable) {
                exit.accept(end == BackendSession.End.CLIENT_GONE ? 0 : 1);
                return;
            }
            if (served >= sessionLimit(maxSessions(), pid)) {
                LOG.debug("backend served {} sessions (backend_max_sessions); exiting", served);
                exit.accept(0);
                return;
            }
            warmup = resumeWarmup();
        }
    }

    /**
     * Exits once a warm-up under way has ended: its session's close drops the warm-up's
     * temporary table, which an exit in the middle would leave in the catalog (under a
     * pg_temp schema named for a pid that may never come again).
     */
    private void exitAfter(Warmup.Running warmup, int status) {
        if (warmup != null && !warmup.stop()) {
            LOG.warn("backend warm-up did not stop before the exit");
        }
        exit.accept(status);
    }

    /**
     * This backend's share of backend_max_sessions: somewhere in its last quarter, by the pid.
     * Backends taken from the pool in turn reach the same count at nearly the same time, and
     * if they all exited together the pool would be empty for a JVM start (and every successor
     * would compile its hot paths from scratch at once); spread, they are replaced one by one.
     */
    static long sessionLimit(long maxSessions, long pid) {
        return maxSessions - Math.floorMod(pid * 0x9E3779B97F4A7C15L, maxSessions / 4 + 1);
    }

    private long maxSessions() {
        try {
            return settings.intValue("backend_max_sessions");
        } catch (RuntimeException e) {
            return 100_000;
        }
    }
}
