package org.tuskdb.postmaster.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.AuxiliaryRole;
import org.tuskdb.api.server.ServerControl.ShutdownMode;
import org.tuskdb.api.server.WorkerLauncher;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.SegmentOwner;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.Signals;
import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/**
 * The postmaster's state machine (PostgreSQL's ServerLoop, reaper and PostmasterStateMachine).
 * Everything that changes the set of children or the server's phase runs on one thread, the
 * "postmaster" loop thread: child exits, worker messages, signals, shutdown requests and timers
 * are all posted to it as tasks. The other threads (acceptor, connection threads, link readers)
 * only read the volatile phase and use the thread-safe {@link BackendPool}.
 *
 * <pre>
 *   STARTING ──(RUN_ONCE roles exit 0)──▶ RUNNING
 *      │                                     │ a child crashes
 *      │                                     ▼
 *      │◀──(all gone; reinitialize)──── KILL_WAIT ──(no restart)──┐
 *      │                                                           ▼
 *   shutdown request ─▶ SHUTDOWN_BACKENDS ─▶ SHUTDOWN_AUXILIARY ─▶ SHUTDOWN_LOGGER ─▶ STOPPED
 * </pre>
 */
final class ServerLoop implements LinkEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLoop.class);

    /** Heap of a backend JVM in MB (no setting yet; the budget is ~40 MB PSS idle). */
    /** How long a worker asked to stop may take before it gets SIGKILL. */
    private static final long STOP_GRACE_MILLIS = 30_000;
    /** How long a RESTART role (the logger) may take to exit during crash recovery. */
    private static final long RESTART_ROLE_GRACE_MILLIS = 5_000;
    /** With {@code readyWaitsForPool}: how long to wait for the pool to fill before saying "ready" anyway. */
    private static final long READY_WAIT_MILLIS = 10_000;
    /**
     * Postmaster system property: say "ready" only once the pool holds backend_pool_min_idle
     * idle backends (the AOT training sets it: its client must find the trained backend warmed
     * up). Without it "ready" comes as soon as connections are accepted, as PostgreSQL's.
     */
    static final String READY_WAITS_FOR_POOL_PROPERTY = "tusk.ready.waits.for.pool";
    /**
     * Pool upkeep period: backend_pool_min_idle is checked against the highest idle count seen
     * over this long (and clients still waiting get backends, should an event have been missed).
     */
    private static final long TICK_MILLIS = 1_000;
    /**
     * Idle backends above backend_pool_max_idle are retired only when the idle count stayed
     * above it for this long: a burst that ends is often followed by another, and a backend
     * retired now would be a JVM start then.
     */
    private static final long RETIRE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    enum Phase { STARTING, RUNNING, KILL_WAIT, SHUTDOWN_BACKENDS, SHUTDOWN_AUXILIARY, SHUTDOWN_LOGGER, STOPPED }

    private final SettingsRegistry registry;
    private final SegmentOwner segmentOwner;
    private final ProcArray procArray;
    private final WorkerLauncher launcher;
    private final Supplier<List<AuxiliaryRole>> roles;
    private final PidFile pidFile;
    private final Runnable settleFramework;
    private final Runnable stopFramework;
    private final Counters counters = new Counters();
    private final BackendPool pool = new BackendPool(this::onDemand);
    private final ScheduledThreadPoolExecutor loop;
    private final ThreadFactory threads;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Long, Child> children = new ConcurrentHashMap<>();
    private final boolean readyWaitsForPool;

    private volatile PostmasterSettings settings;
    private volatile Phase phase = Phase.STARTING;
    /** From a crash until the server runs again: connections hear "in recovery mode". */
    private volatile boolean recovering;
    private volatile ShutdownMode shutdownMode;
    private ClientAcceptor acceptor;
    private ControlServer control;

    // Server loop thread only:
    private long generation = -1;
    /** The final stage removed the segment: the ProcArray is gone. */
    private boolean segmentRemoved;
    private boolean settled;
    private final Deque<AuxiliaryRole> startQueue = new ArrayDeque<>();
    private AuxiliaryRole awaitedRole;
    private int awaitedInstances;
    private int startingBackends;
    private boolean readyAnnounced;
    private boolean reinitializeWhenGone;
    private boolean restartRolesKilled;
    private boolean stopFrameworkWhenDone = true;
    private boolean demandPosted;
    private int backendEarlyExits;
    private long backendsHeldUntilNanos;
    private long retireWindowStartNanos;

    ServerLoop(SettingsRegistry registry, SegmentOwner segmentOwner, ProcArray procArray, WorkerLauncher launcher,
               Supplier<List<AuxiliaryRole>> roles, PidFile pidFile, Runnable settleFramework,
               Runnable stopFramework) {
        this(registry, segmentOwner, procArray, launcher, roles, pidFile, settleFramework, stopFramework,
                Boolean.getBoolean(READY_WAITS_FOR_POOL_PROPERTY));
    }

    /** @param readyWaitsForPool see {@link #READY_WAITS_FOR_POOL_PROPERTY} */
    ServerLoop(SettingsRegistry registry, SegmentOwner segmentOwner, ProcArray procArray, WorkerLauncher launcher,
               Supplier<List<AuxiliaryRole>> roles, PidFile pidFile, Runnable settleFramework,
               Runnable stopFramework, boolean readyWaitsForPool) {
        this.readyWaitsForPool = readyWaitsForPool;
        this.registry = registry;
        this.segmentOwner = segmentOwner;
        this.procArray = procArray;
        this.launcher = launcher;
        this.roles = roles;
        this.pidFile = pidFile;
        this.settleFramework = settleFramework;
        this.stopFramework = stopFramework;
        this.threads = runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
        this.loop = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "postmaster");
            thread.setDaemon(true);
            return thread;
        });
        this.loop.setRemoveOnCancelPolicy(true);
        // Once stopped, pending SIGKILL escalations and ticks have nothing left to act on.
        this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    // ---- start -------------------------------------------------------------------------------

    /**
     * Opens the control socket and the client sockets (failing at once, like PostgreSQL, when a
     * port is taken) and starts the start sequence on the loop thread. Returns quickly.
     */
    void start(java.nio.file.Path controlSocket) throws IOException {
        settings = PostmasterSettings.read(registry);
        control = new ControlServer(controlSocket, this, threads);
        control.open();
        ConnectionStarter starter = new ConnectionStarter(pool, procArray, this::refusal, () -> settings, counters);
        acceptor = new ClientAcceptor(settings, starter, counters, threads);
        try {
            acceptor.open();
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
        loop.scheduleWithFixedDelay(() -> guarded(this::poolTick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        post(this::begin);
    }

    /** Creates the segment and starts the auxiliary roles in order (first start and every crash-restart). */
    private void begin() {
        if (!settled) {
            // Roles contributed by bundles that start after ours must be known before the
            // sequence runs, or the logger would start late and startup steps be skipped.
            settleFramework.run();
            settled = true;
        }
        phase = Phase.STARTING;
        restartRolesKilled = false;
        if (recovering) {
            setPidStatus(PidFile.STARTING);
        }
        try {
            generation = segmentOwner.create();
        } catch (IOException | RuntimeException e) {
            LOG.error("could not create shared memory segment: {}", e.toString());
            abortStartup();
            return;
        }
        startQueue.clear();
        List<AuxiliaryRole> ordered = new ArrayList<>(roles.get());
        ordered.sort(Comparator.comparingInt(AuxiliaryRole::startOrder).thenComparing(AuxiliaryRole::name));
        startQueue.addAll(ordered);
        continueStart();
    }

    /** Starts queued roles until one must finish first (RUN_ONCE); enters RUNNING when all are started. */
    private void continueStart() {
        while (phase == Phase.STARTING && awaitedRole == null && !startQueue.isEmpty()) {
            AuxiliaryRole role = startQueue.poll();
            int started = 0;
            for (int i = 0; i < role.instances(); i++) {
                if (startAuxiliary(role) != null) {
                    started++;
                }
            }
            if (role.runsBeforeConnections()) {
                if (started < role.instances()) {
                    LOG.error("could not start the {} process", role.name());
                    abortStartup();
                    return;
                }
                awaitedRole = role;
                awaitedInstances = started;
            }
        }
        if (phase == Phase.STARTING && awaitedRole == null) {
            enterRunning();
        }
    }

    private void enterRunning() {
        phase = Phase.RUNNING;
        recovering = false;
        readyAnnounced = false;
        backendEarlyExits = 0;
        backendsHeldUntilNanos = 0;
        pool.open(); // the watermarks start afresh: the pool is empty
        retireWindowStartNanos = System.nanoTime();
        keepMinimum(pool.takeIdleHigh());
        announceReady(false);
        long announcedGeneration = generation;
        loop.schedule(() -> guarded(() -> {
            if (generation == announcedGeneration) {
                announceReady(true);
            }
        }), READY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Says "ready" (log line and postmaster.pid, which {@code tusk start} waits for): at once
     * when the server runs, that is when connections are accepted (PostgreSQL's meaning; a
     * client that comes before the first backends are idle waits for one in
     * {@link BackendPool#take}, and a clean start does not wait for JVM starts). With
     * {@code readyWaitsForPool}: once the pool holds its minimum of idle backends, or when forced
     * after {@link #READY_WAIT_MILLIS}.
     */
    private void announceReady(boolean force) {
        if (readyAnnounced || phase != Phase.RUNNING) {
            return;
        }
        PostmasterSettings s = settings;
        int wanted = Math.max(0, Math.min(s.poolMinIdle(), s.poolMaxIdle()));
        if (readyWaitsForPool && !force && pool.idleCount() < wanted) {
            return;
        }
        readyAnnounced = true;
        LOG.info("database system is ready to accept connections");
        setPidStatus(PidFile.READY);
    }

    /** Startup could not complete: PostgreSQL gives up rather than loop. */
    private void abortStartup() {
        LOG.error("aborting startup due to startup process failure");
        shutdownMode = ShutdownMode.FAST;
        killAll(Phase.KILL_WAIT, false);
    }

    // ---- children ----------------------------------------------------------------------------

    private Child startAuxiliary(AuxiliaryRole role) {
        return startWorker(role.name(), Supervision.of(role.onExit()), role, role.heapMegabytes());
    }

    /** Claims a slot, starts the JVM, records its pid: the only place children are born. */
    private Child startWorker(String role, Supervision supervision, AuxiliaryRole auxiliary, int heapMegabytes) {
        int slot;
        try {
            slot = procArray.claim(role);
        } catch (RuntimeException e) {
            LOG.error("could not start {} process: no ProcArray: {}", role, e.toString());
            return null;
        }
        if (slot < 0) {
            LOG.warn("could not start {} process: no free ProcArray slot", role);
            return null;
        }
        Process process;
        try {
            process = launcher.start(role, slot, heapMegabytes);
        } catch (IOException | RuntimeException e) {
            procArray.release(slot);
            LOG.error("could not start {} process: {}", role, e.toString());
            return null;
        }
        procArray.assign(slot, process.pid());
        Child child = new Child(role, supervision, auxiliary, slot, process, process.pid(), generation);
        children.put(child.pid(), child);
        counters.workersStarted.incrementAndGet();
        process.onExit().whenComplete((p, failure) -> post(() -> childExited(child)));
        LOG.debug("started {} in slot {}", child, slot);
        return child;
    }

    /** PostgreSQL's reaper for one child. */
    private void childExited(Child child) {
        if (child.exited()) {
            return;
        }
        child.markExited();
        children.remove(child.pid());
        int status = child.process().exitValue();
        ControlChannel channel = child.channel();
        if (channel != null) {
            channel.shutdown();
        }
        pool.remove(child);
        if (child.endSession()) {
            pool.releaseSession();
        }
        if (child.isBackend() && !child.ready()) {
            startingBackends--;
        }
        releaseSlot(child);
        boolean expected = child.exitRequested() || phase == Phase.KILL_WAIT;
        boolean restartAfterCrash = settings.restartAfterCrash() && shutdownMode == null;
        ExitPolicy.Verdict verdict = ExitPolicy.decide(child.supervision(), status, expected, restartAfterCrash);
        switch (verdict) {
            case NORMAL -> {
                LOG.debug("{} {}", child, ExitPolicy.describe(status));
                if (child.isBackend() && !child.ready() && !expected) {
                    holdBackendStarts(child, status);
                } else if (child.isBackend() && !expected) {
                    replaceBackend();
                }
            }
            case RESTART -> restartAuxiliary(child, status);
            case RUN_ONCE_DONE -> runOnceDone(child);
            case CRASH_REINITIALIZE, CRASH_SHUTDOWN -> crash(child, status, verdict);
        }
        advance();
        if (child.isBackend()) {
            serveWaitingClients();
        }
    }

    /**
     * Frees the child's ProcArray slot, if the segment it was claimed in is still there: after
     * the final stage removed the segment (the logger exits after that) there is nothing to
     * free, and a failure here must never stop the exit from being processed.
     */
    private void releaseSlot(Child child) {
        if (child.generation() != generation || segmentRemoved) {
            return;
        }
        try {
            procArray.release(child.slot());
        } catch (RuntimeException e) {
            LOG.warn("could not release ProcArray slot {} of {}: {}", child.slot(), child, e.toString());
        }
    }

    /** A backend that dies before it ever got ready is likely to do so again: slow down. */
    private void holdBackendStarts(Child child, int status) {
        backendEarlyExits++;
        long delayMillis = Math.min(10_000, 100L << Math.min(backendEarlyExits, 7));
        backendsHeldUntilNanos = System.nanoTime() + delayMillis * 1_000_000;
        LOG.warn("{} {} before it became ready; starting backends again in {} ms", child,
                ExitPolicy.describe(status), delayMillis);
        loop.schedule(() -> guarded(this::serveWaitingClients), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void restartAuxiliary(Child child, int status) {
        LOG.info("{} {}", child, ExitPolicy.describe(status));
        AuxiliaryRole role = child.auxiliary();
        if (!roles.get().contains(role)) {
            return; // the role's bundle went away meanwhile
        }
        if (phase == Phase.SHUTDOWN_LOGGER || phase == Phase.STOPPED || phase == Phase.KILL_WAIT) {
            return;
        }
        counters.auxiliaryRestarts.incrementAndGet();
        // A process that dies right after starting would otherwise be restarted in a tight loop.
        long delay = child.millisSinceStart() < 1000 ? 1000 : 0;
        loop.schedule(() -> guarded(() -> {
            Phase now = phase;
            if (now != Phase.SHUTDOWN_LOGGER && now != Phase.STOPPED && now != Phase.KILL_WAIT
                    && roles.get().contains(role)) {
                startAuxiliary(role);
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void runOnceDone(Child child) {
        LOG.debug("{} finished", child);
        if (child.auxiliary() == awaitedRole && --awaitedInstances == 0) {
            awaitedRole = null;
            continueStart();
        }
    }

    /** PostgreSQL's HandleChildCrash: one abnormal exit takes every other process down. */
    private void crash(Child child, int status, ExitPolicy.Verdict verdict) {
        counters.workerCrashes.incrementAndGet();
        LOG.warn("{} {}", child, ExitPolicy.describe(status));
        if (child.supervision() == Supervision.RUN_ONCE) {
            LOG.error("aborting startup due to {} failure", child.processName());
            shutdownMode = shutdownMode == null ? ShutdownMode.FAST : shutdownMode;
        }
        if (phase == Phase.KILL_WAIT) {
            return; // already taking everything down
        }
        LOG.warn("terminating any other active server processes");
        boolean reinitialize = verdict == ExitPolicy.Verdict.CRASH_REINITIALIZE && shutdownMode == null;
        if (reinitialize) {
            recovering = true;
            counters.crashRestarts.incrementAndGet();
        } else if (shutdownMode == null) {
            LOG.info("restart_after_crash is off: shutting down");
            shutdownMode = ShutdownMode.FAST;
        }
        killAll(Phase.KILL_WAIT, reinitialize);
    }

    /**
     * SIGKILL to every child that may touch shared state. RESTART roles (the logger) hold none;
     * they are stopped last, with SIGTERM, once the others are gone, so the log lines of the
     * crash are written while a logger still reads them.
     */
    private void killAll(Phase next, boolean reinitialize) {
        phase = next;
        reinitializeWhenGone = reinitialize;
        restartRolesKilled = false;
        pool.close();
        pool.drain();
        startQueue.clear();
        awaitedRole = null;
        readyAnnounced = false;
        for (Child child : children.values()) {
            if (child.supervision() != Supervision.RESTART) {
                kill(child);
            }
        }
        advance();
    }

    private static void kill(Child child) {
        child.requestExit();
        child.process().destroyForcibly();
    }

    /** Asks a child to exit (SIGTERM), with SIGKILL after a grace period. */
    private void terminate(Child child) {
        terminate(child, STOP_GRACE_MILLIS);
    }

    private void terminate(Child child, long graceMillis) {
        child.requestExit();
        child.process().destroy();
        escalateLater(child, graceMillis);
    }

    /** Tells an idle backend to leave the pool and exit normally. */
    private void retire(Child backend) {
        backend.requestExit();
        ControlChannel channel = backend.channel();
        try {
            if (channel == null) {
                throw new IOException("no control connection");
            }
            channel.send(new ControlMessage.Exit());
        } catch (IOException e) {
            LOG.debug("could not tell {} to exit ({}); sending SIGTERM", backend, e.getMessage());
            backend.process().destroy();
        }
        escalateLater(backend, STOP_GRACE_MILLIS);
    }

    private void escalateLater(Child child, long graceMillis) {
        loop.schedule(() -> guarded(() -> {
            if (!child.exited()) {
                LOG.warn("{} did not exit within {} ms; sending SIGKILL", child, graceMillis);
                child.process().destroyForcibly();
            }
        }), graceMillis, TimeUnit.MILLISECONDS);
    }

    /** Moves the phase on when what it waits for has happened. Called after every exit. */
    private void advance() {
        switch (phase) {
            case KILL_WAIT -> {
                if (!hasChildren(c -> c.supervision() != Supervision.RESTART)) {
                    if (!restartRolesKilled) {
                        restartRolesKilled = true;
                        if (reinitializeWhenGone && shutdownMode == null) {
                            LOG.warn("all server processes terminated; reinitializing");
                        }
                        // SIGTERM, not SIGKILL: the logger may hold lines it has read but not
                        // yet written (these among them); it holds no shared state to fear for.
                        children.values().forEach(c -> terminate(c, RESTART_ROLE_GRACE_MILLIS));
                    }
                    if (children.isEmpty()) {
                        if (reinitializeWhenGone && shutdownMode == null) {
                            begin();
                        } else {
                            finalStage();
                        }
                    }
                }
            }
            case SHUTDOWN_BACKENDS -> {
                if (!hasChildren(c -> c.isBackend() || c.supervision() == Supervision.RUN_ONCE)) {
                    phase = Phase.SHUTDOWN_AUXILIARY;
                    stopNextAuxiliaryGroup();
                }
            }
            case SHUTDOWN_AUXILIARY -> stopNextAuxiliaryGroup();
            case SHUTDOWN_LOGGER -> {
                if (children.isEmpty()) {
                    finish();
                }
            }
            default -> { }
        }
    }

    /**
     * Stops auxiliary roles from the highest start order down, one order at a time (a later
     * role may depend on an earlier one until it is gone). RESTART roles (the logger) wait for
     * the final stage.
     */
    private void stopNextAuxiliaryGroup() {
        List<Child> remaining = children.values().stream()
                .filter(c -> !c.isBackend() && c.supervision() != Supervision.RESTART)
                .toList();
        if (remaining.isEmpty()) {
            finalStage();
            return;
        }
        int highest = remaining.stream().mapToInt(c -> c.auxiliary().startOrder()).max().orElseThrow();
        for (Child child : remaining) {
            if (child.auxiliary().startOrder() == highest && !child.exitRequested()) {
                terminate(child);
            }
        }
    }

    /** Every process that touches shared state is gone: drop the segment, stop the logger. */
    private void finalStage() {
        phase = Phase.SHUTDOWN_LOGGER;
        acceptor.close();
        segmentRemoved = true;
        try {
            segmentOwner.remove();
        } catch (RuntimeException e) {
            LOG.warn("could not remove shared memory segment: {}", e.toString());
        }
        LOG.info("database system is shut down");
        for (Child child : children.values()) {
            if (!child.exitRequested()) {
                terminate(child);
            }
        }
        advance();
    }

    private void finish() {
        phase = Phase.STOPPED;
        control.close();
        stopped.countDown();
        loop.shutdown();
        if (stopFrameworkWhenDone) {
            stopFramework.run();
        }
    }

    private boolean hasChildren(java.util.function.Predicate<Child> which) {
        for (Child child : children.values()) {
            if (which.test(child)) {
                return true;
            }
        }
        return false;
    }

    // ---- the pool ----------------------------------------------------------------------------

    /** A connection thread has waited past the grace period: start backends for the waiters (coalesced). */
    private void onDemand() {
        synchronized (this) {
            if (demandPosted) {
                return;
            }
            demandPosted = true;
        }
        post(() -> {
            synchronized (this) {
                demandPosted = false;
            }
            serveWaitingClients();
        });
    }

    /**
     * The periodic upkeep (see {@link PoolPolicy}): keeps backend_pool_min_idle judged by the
     * highest idle count since the previous tick, and at the end of each retire window retires
     * what stayed above backend_pool_max_idle for the whole window. The watermarks are read
     * whatever the phase, so each period covers only its own time.
     */
    private void poolTick() {
        int idleHigh = pool.takeIdleHigh();
        long now = System.nanoTime();
        boolean windowOver = now - retireWindowStartNanos >= RETIRE_WINDOW_NANOS;
        int idleLow = 0;
        if (windowOver) {
            idleLow = pool.takeIdleLow();
            retireWindowStartNanos = now;
        }
        if (phase != Phase.RUNNING) {
            return;
        }
        serveWaitingClients();
        keepMinimum(idleHigh);
        if (windowOver) {
            retireSurplus(idleLow);
        }
    }

    /**
     * A backend left on its own after serving (backend_max_sessions, a session ended by FATAL):
     * the pool changes size only by the decisions of {@link PoolPolicy}, so it gets a successor
     * at once. Otherwise the pool shrinks under load one exit at a time, until clients wait for
     * a JVM to start; a successor not needed is retired by the retire window like any surplus.
     */
    private void replaceBackend() {
        if (mayStartBackends()) {
            startBackends(Math.min(1, freeSlots()));
        }
    }

    /** Starts backends for clients waiting past the grace period, and the minimum on top (see PoolPolicy). */
    private void serveWaitingClients() {
        if (mayStartBackends()) {
            PostmasterSettings s = settings;
            startBackends(PoolPolicy.backendsForWaitingClients(pool.idleCount(), startingBackends, pool.waiting(),
                    s.poolMinIdle(), s.poolMaxIdle(), freeSlots()));
        }
    }

    /** Starts what backend_pool_min_idle lacks, given the highest idle count of the period. */
    private void keepMinimum(int idleHigh) {
        if (mayStartBackends()) {
            PostmasterSettings s = settings;
            startBackends(PoolPolicy.backendsForMinimum(idleHigh, startingBackends, s.poolMinIdle(), s.poolMaxIdle(),
                    freeSlots()));
        }
    }

    /** Retires, idle longest first, what stayed above backend_pool_max_idle over a whole window. */
    private void retireSurplus(int idleLow) {
        int toRetire = PoolPolicy.backendsToRetire(idleLow, pool.waiting(), settings.poolMaxIdle());
        for (int i = 0; i < toRetire; i++) {
            Child oldest = pool.pollOldest();
            if (oldest == null) {
                break;
            }
            retire(oldest);
        }
        if (toRetire > 0) {
            LOG.debug("retired {} idle backends above backend_pool_max_idle", toRetire);
        }
    }

    private boolean mayStartBackends() {
        return phase == Phase.RUNNING && System.nanoTime() >= backendsHeldUntilNanos;
    }

    private int freeSlots() {
        return procArray.capacity() - children.size();
    }

    private void startBackends(int count) {
        for (int i = 0; i < count; i++) {
            if (startWorker(ProcessContext.ROLE_BACKEND, Supervision.BACKEND, null, settings.backendHeapMegabytes()) == null) {
                break;
            }
            startingBackends++;
        }
    }

    // ---- worker links (called on link reader threads) -----------------------------------------

    @Override
    public void hello(ControlMessage.Hello hello, ControlChannel channel) {
        post(() -> {
            Child child = children.get(hello.pid());
            if (child == null || child.slot() != hello.slot() || child.exited()) {
                LOG.warn("control connection from unknown process (PID {}, slot {})", hello.pid(), hello.slot());
                channel.shutdown();
                return;
            }
            child.attach(channel);
            LOG.debug("{} connected after {} ms", child, child.millisSinceStart());
            if (child.takeReloadPending()) {
                signalReload(child);
            }
        });
    }

    @Override
    public void idle(long pid) {
        post(() -> {
            Child child = children.get(pid);
            if (child == null || child.exited()) {
                return;
            }
            if (!child.isBackend()) {
                LOG.warn("{} reported idle, but only backends serve clients", child);
                return;
            }
            if (!child.ready()) {
                child.markReady();
                startingBackends--;
                LOG.debug("{} ready after {} ms", child, child.millisSinceStart());
            }
            if (child.endSession()) {
                pool.releaseSession();
            }
            if (phase == Phase.RUNNING && !child.exitRequested()) {
                backendEarlyExits = 0;
                pool.offer(child); // a client waiting in BackendPool.take gets it from there
                announceReady(false);
            } else if (!child.exitRequested()) {
                retire(child);
            }
        });
    }

    @Override
    public void ready(long pid) {
        post(() -> {
            Child child = children.get(pid);
            if (child != null && !child.ready()) {
                child.markReady();
                LOG.debug("{} ready after {} ms", child, child.millisSinceStart());
            }
        });
    }

    @Override
    public void linkClosed(long pid) {
        // Nothing to do: the process's exit is what counts, and it is reported separately.
        LOG.debug("control connection of PID {} closed", pid);
    }

    // ---- auxiliary roles coming and going ------------------------------------------------------

    /** A bundle contributed a role (any thread). */
    void roleAdded(AuxiliaryRole role) {
        post(() -> {
            if (phase == Phase.STARTING && !startQueue.contains(role) && !hasChildren(c -> c.auxiliary() == role)) {
                List<AuxiliaryRole> queued = new ArrayList<>(startQueue);
                queued.add(role);
                queued.sort(Comparator.comparingInt(AuxiliaryRole::startOrder).thenComparing(AuxiliaryRole::name));
                startQueue.clear();
                startQueue.addAll(queued);
            } else if (phase == Phase.RUNNING && !hasChildren(c -> c.auxiliary() == role)) {
                LOG.info("starting {} process", role.name());
                for (int i = 0; i < role.instances(); i++) {
                    startAuxiliary(role);
                }
            }
        });
    }

    /** A role's bundle went away: its processes are asked to exit, and are not restarted. */
    void roleRemoved(AuxiliaryRole role) {
        post(() -> {
            startQueue.remove(role);
            for (Child child : children.values()) {
                if (child.auxiliary() == role && !child.exitRequested()) {
                    terminate(child);
                }
            }
            if (awaitedRole == role) {
                awaitedRole = null;
                continueStart();
            }
        });
    }

    // ---- requests from signals, the shell, the framework --------------------------------------

    /** PostgreSQL's pmdie: any thread. */
    void requestShutdown(ShutdownMode mode) {
        post(() -> shutdown(mode));
    }

    private void shutdown(ShutdownMode mode) {
        if (phase == Phase.STOPPED) {
            return;
        }
        if (mode == ShutdownMode.IMMEDIATE) {
            if (shutdownMode == ShutdownMode.IMMEDIATE) {
                return;
            }
            LOG.info("received immediate shutdown request");
            shutdownMode = mode;
            setPidStatus(PidFile.STOPPING);
            killAll(Phase.KILL_WAIT, false);
            return;
        }
        if (shutdownMode != null && mode.ordinal() <= shutdownMode.ordinal()) {
            return; // a weaker or equal request changes nothing (PostgreSQL: smart after fast is ignored)
        }
        LOG.info("received {} shutdown request", mode == ShutdownMode.SMART ? "smart" : "fast");
        shutdownMode = mode;
        setPidStatus(PidFile.STOPPING);
        pool.close();
        if (phase == Phase.KILL_WAIT) {
            reinitializeWhenGone = false; // finish the kill, then stop instead of restarting
            return;
        }
        if (phase == Phase.STARTING || phase == Phase.RUNNING) {
            startQueue.clear();
            awaitedRole = null;
            phase = Phase.SHUTDOWN_BACKENDS;
        }
        if (phase == Phase.SHUTDOWN_BACKENDS) {
            pool.drain().forEach(this::retire);
            for (Child child : children.values()) {
                if (child.exitRequested()) {
                    continue;
                }
                // A backend answers SIGTERM with FATAL 57P01 to its client. Smart mode spares
                // backends in a session; one still starting has no client and just goes.
                boolean backendToStop = child.isBackend() && (mode == ShutdownMode.FAST || !child.inSession());
                if (child.supervision() == Supervision.RUN_ONCE || backendToStop) {
                    terminate(child);
                }
            }
        }
        advance();
    }

    private static void signalReload(Child child) {
        try {
            Libc.kill(child.pid(), Signals.SIGHUP);
        } catch (IOException e) {
            LOG.debug("could not signal {}: {}", child, e.getMessage());
        }
    }

    /**
     * SIGHUP: re-read tusk.conf here and in every child (PostgreSQL forwards the signal); a child
     * that has not connected its link yet gets it when it does ({@link #hello}).
     */
    void reload() {
        post(() -> {
            LOG.info("received SIGHUP, reloading configuration files");
            try {
                registry.reload();
            } catch (RuntimeException e) {
                LOG.warn("could not reload configuration: {}", e.toString());
            }
            PostmasterSettings fresh = PostmasterSettings.read(registry);
            PostmasterSettings old = settings;
            settings = new PostmasterSettings(old.port(), old.listenAddresses(), old.unixSocketDirectories(),
                    fresh.maxConnections(), fresh.authenticationTimeoutMillis(), fresh.restartAfterCrash(),
                    fresh.poolMinIdle(), fresh.poolMaxIdle(), fresh.backendHeapMegabytes());
            for (Child child : children.values()) {
                if (!child.attached()) {
                    // still starting: until WorkerLink installs its handler, SIGHUP is the JVM's
                    // own (it runs the shutdown hooks and exits with 129, a crash to us)
                    child.markReloadPending();
                    continue;
                }
                signalReload(child);
            }
            // The new minimum and maximum take effect on the next tick and retire window.
            serveWaitingClients();
        });
    }

    /**
     * The framework is stopping (or this bundle is): a fast shutdown, waited for here because
     * the services it needs go away when this returns. Any thread but the loop's.
     */
    void stopAndWait(long timeoutMillis) {
        if (stopped.getCount() > 0) {
            post(() -> {
                stopFrameworkWhenDone = false;
                shutdown(ShutdownMode.FAST);
            });
            try {
                if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    LOG.warn("shutdown did not finish within {} s; killing the remaining processes", timeoutMillis / 1000);
                    children.values().forEach(c -> c.process().destroyForcibly());
                    segmentOwner.remove();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.shutdownNow();
        if (acceptor != null) {
            acceptor.close();
        }
        if (control != null) {
            control.close();
        }
    }

    // ---- what other threads read ------------------------------------------------------------

    /** Why a new session is refused right now, or null (connection threads). */
    Refusal refusal() {
        Phase now = phase;
        if (shutdownMode != null || now.compareTo(Phase.SHUTDOWN_BACKENDS) >= 0) {
            return Refusal.SHUTTING_DOWN;
        }
        if (now == Phase.RUNNING) {
            return null;
        }
        return recovering || now == Phase.KILL_WAIT ? Refusal.IN_RECOVERY : Refusal.STARTING_UP;
    }

    /** ServerControl's state names. */
    String state() {
        Phase now = phase;
        if (shutdownMode != null || now.compareTo(Phase.SHUTDOWN_BACKENDS) >= 0) {
            return "shutting down";
        }
        return switch (now) {
            case RUNNING -> "running";
            case KILL_WAIT -> "crash recovery";
            default -> recovering ? "crash recovery" : "starting";
        };
    }

    Phase phase() {
        return phase;
    }

    int port() {
        return acceptor == null ? settings.port() : acceptor.port();
    }

    Map<String, Long> counters() {
        Map<String, Long> values = counters.snapshot();
        values.put("sessions", (long) pool.sessions());
        values.put("idle_backends", (long) pool.idleCount());
        values.put("waiting_clients", (long) pool.waiting());
        values.put("processes", (long) children.size());
        return values;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private void post(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // stopped: nothing is supervised any more
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // A bug here must not end supervision silently; log it and carry on.
            LOG.error("unexpected failure in the postmaster loop", e);
        }
    }

    private void setPidStatus(String status) {
        try {
            pidFile.setStatus(status);
        } catch (IOException e) {
            LOG.warn("could not update postmaster.pid: {}", e.getMessage());
        }
    }
}
