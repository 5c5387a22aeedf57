package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.platform.linux.EventFd;
import org.tuskdb.platform.linux.Libc;

/**
 * The backend's interrupt flags (PostgreSQL's QueryCancelPending, ProcDiePending,
 * ConfigReloadPending) and the {@link SessionHost} the engine polls them through.
 *
 * <p>Signal handlers run on the JVM's signal thread and only set flags and wake the main thread:
 * an eventfd wakes it from poll (waiting for the client), unpark wakes it from
 * {@link #sleep}. The main thread acts on the flags at its next safe point; only it writes to
 * the client. The one exception to "handlers only set flags": SIGTERM while no session is being
 * served ends the process at once, since there is nothing to clean up.
 *
 * <p>A cancel request counts only while a command runs: one that arrives while the backend
 * waits for the next command is dropped, and the flag is cleared whenever the backend goes
 * idle, so it can never hit a later statement.
 */
final class Interrupts implements SessionHost {
    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);

    /** How long the main thread may take to act on SIGTERM before the watchdog forces it. */
    static final long TERMINATE_GRACE_MILLIS = 10_000;

    private final int eventFd;
    private final IntConsumer exit;
    /** poll(2)'s descriptors (client, eventfd), kept: only the main thread waits. */
    private final int[] pollFds = new int[2];
    private final int[] pollEvents = {Libc.POLLIN, Libc.POLLIN};

    private volatile boolean cancelPending;
    private volatile boolean terminatePending;
    private volatile boolean reloadPending;
    /** SIGUSR1: notifications wait in the NOTIFY queue (PostgreSQL's notifyInterruptPending). */
    private volatile boolean notifyPending;
    /** Run by the main thread when notifyPending wakes it between two client messages. */
    private volatile Runnable idleNotify;
    private volatile boolean connectionLost;
    /** Set while a session's cleanup runs: no interrupt may stop it halfway (HOLD_INTERRUPTS). */
    private volatile boolean held;
    /** Waiting for the client's next command: cancel requests are ignored. */
    private volatile boolean idle = true;
    /** Serving a client (between handoff and session end). */
    private volatile boolean inSession;
    private volatile Thread mainThread;
    private volatile int clientFd = -1;
    private volatile boolean watchdogStarted;

    /** statement_timeout: the armed timer's deadline in System.nanoTime (0: none); guarded by timerLock for writes. */
    private volatile long timeoutDeadline;
    /** The deadline that fired (so the timer thread fires it once). */
    private long timeoutFired;
    /** The timer fired and the statement has not yet been told (57014 at the next check). */
    private volatile boolean timeoutPending;
    private final Object timerLock = new Object();
    private Thread timer;
    /** How long the next wait for a command may last (0: forever), and which timeout it is. */
    private long idleTimeoutMillis;
    private boolean idleInTransaction;

    /** @param exit ends the process with a status (System::exit in production) */
    Interrupts(IntConsumer exit) throws IOException {
        this.eventFd = EventFd.create();
        this.exit = exit;
        pollFds[1] = eventFd;
    }

    void close() {
        Libc.closeQuietly(eventFd);
    }

    // ---- signal side --------------------------------------------------------------------------

    /** SIGINT: cancel the running statement, if one runs. */
    void requestCancel() {
        if (inSession && !idle) {
            cancelPending = true;
            LockSupport.unpark(mainThread);
        }
    }

    /** SIGTERM: end the session with FATAL 57P01, or the process at once when there is none. */
    void requestTerminate() {
        terminatePending = true;
        if (!inSession) {
            exit.accept(0);
            return;
        }
        wake();
        startWatchdog();
    }

    /** SIGHUP: re-read the configuration before the next command. */
    void requestReload() {
        reloadPending = true;
    }

    /**
     * SIGUSR1: another backend queued notifications this session may listen for. A main thread
     * that waits for the client's next message delivers them at once; a busy one does before its
     * next ReadyForQuery.
     */
    void requestNotify() {
        if (inSession) {
            notifyPending = true;
            wake();
        }
    }

    private void wake() {
        try {
            EventFd.signal(eventFd);
        } catch (IOException e) {
            LOG.warn("could not wake the backend's main thread: {}", e.getMessage());
        }
        LockSupport.unpark(mainThread);
    }

    /**
     * The main thread should notice SIGTERM within milliseconds. If it is stuck (a write to a
     * client that does not read, engine code without interrupt checks), shut the socket down so
     * blocked I/O fails, and in the end leave anyway.
     */
    private void startWatchdog() {
        if (watchdogStarted) {
            return;
        }
        watchdogStarted = true;
        Thread watchdog = new Thread(() -> {
            if (pause(TERMINATE_GRACE_MILLIS) || !inSession) {
                return;
            }
            LOG.warn("backend did not end its session within {} ms of SIGTERM; closing the client connection",
                    TERMINATE_GRACE_MILLIS);
            int fd = clientFd;
            if (fd >= 0) {
                try {
                    Libc.shutdown(fd, Libc.SHUT_RDWR);
                } catch (IOException ignored) {
                    // already closed: the main thread is on its way out
                }
            }
            if (pause(TERMINATE_GRACE_MILLIS / 2) || !inSession) {
                return;
            }
            exit.accept(1);
        }, "tusk-terminate-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    // ---- main thread side ---------------------------------------------------------------------

    /** A client was handed over; the calling thread serves it. */
    void beginSession(Thread thread, int fd, Runnable onIdleNotify) {
        mainThread = thread;
        idleNotify = onIdleNotify;
        notifyPending = false;
        clientFd = fd;
        cancelPending = false;
        connectionLost = false;
        idle = true;
        inSession = true;
    }

    /** The session is over: nothing of its interrupt state survives (a pending terminate does). */
    void endSession() {
        inSession = false;
        idleNotify = null;
        notifyPending = false;
        clientFd = -1;
        cancelPending = false;
        connectionLost = false;
        held = false;
        idle = true;
        idleTimeoutMillis = 0;
        disableStatementTimeout();
        try {
            EventFd.drain(eventFd);
        } catch (IOException ignored) {
            // nothing to drain
        }
    }

    /**
     * The session's statements are over and its cleanup (temporary objects, an open
     * transaction) runs now: no cancel, lost connection or terminate may end that halfway, as
     * PostgreSQL holds interrupts while a backend exits. {@link #endSession()} lifts it.
     */
    void holdInterrupts() {
        held = true;
    }

    /** About to wait for the next command: a cancel from now on is dropped. */
    void enterIdle() {
        idle = true;
        cancelPending = false;
    }

    /**
     * The next wait for a command may last this long before the session ends with FATAL
     * (idle_in_transaction_session_timeout when {@code inTransaction}, else idle_session_timeout).
     */
    void idleTimeout(long millis, boolean inTransaction) {
        idleTimeoutMillis = millis;
        idleInTransaction = inTransaction;
    }

    /** A command arrived and runs now: cancel requests count. */
    void leaveIdle() {
        idle = false;
    }

    /** The writer found the client gone: the engine's next interrupt check ends the session. */
    void clientConnectionLost() {
        connectionLost = true;
    }

    boolean terminatePending() {
        return terminatePending;
    }

    /** Clears the notify flag: the caller is about to read the queue anyway. */
    void clearNotifyRequest() {
        notifyPending = false;
    }

    boolean takeReloadRequest() {
        if (reloadPending) {
            reloadPending = false;
            return true;
        }
        return false;
    }

    void checkTerminate() {
        if (terminatePending) {
            throw ProtocolErrors.terminating();
        }
    }

    /**
     * Waits until the client socket is readable (or closed), waking for SIGTERM, which it throws
     * as FATAL 57P01. Between two messages ({@code betweenMessages}: nothing of the next one read
     * yet) a SIGUSR1 makes it deliver the session's notifications and wait on.
     */
    void awaitReadable(int fd, boolean betweenMessages) throws IOException {
        int[] fds = pollFds;
        fds[0] = fd;
        int[] events = pollEvents;
        long limit = betweenMessages ? idleTimeoutMillis : 0;
        long deadline = limit > 0 ? System.nanoTime() + limit * 1_000_000L : 0;
        while (true) {
            checkTerminate();
            int wait = -1;
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw idleInTransaction ? ProtocolErrors.idleInTransactionTimeout() : ProtocolErrors.idleSessionTimeout();
                }
                wait = (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000L);
            }
            int[] ready = Libc.poll(fds, events, wait);
            if (ready[1] != 0) {
                EventFd.drain(eventFd);
                Runnable deliver = idleNotify;
                if (notifyPending && betweenMessages && idle && deliver != null) {
                    notifyPending = false;
                    deliver.run();
                }
                continue;
            }
            if (ready[0] != 0) {
                return;
            }
        }
    }

    // ---- SessionHost --------------------------------------------------------------------------

    @Override
    public void checkForInterrupts() throws DatabaseException {
        if (held) {
            return;
        }
        if (terminatePending) {
            throw ProtocolErrors.terminating();
        }
        if (connectionLost) {
            throw ProtocolErrors.connectionLost();
        }
        if (timeoutPending) {
            disableStatementTimeout();
            cancelPending = false;
            throw ProtocolErrors.statementTimeout();
        }
        if (cancelPending) {
            cancelPending = false;
            throw ProtocolErrors.canceled();
        }
    }

    @Override
    public void enableStatementTimeout(long millis) {
        if (millis <= 0 || timeoutDeadline != 0) {
            return;
        }
        synchronized (timerLock) {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            timeoutDeadline = deadline == 0 ? 1 : deadline;
            timeoutPending = false;
            if (timer == null) {
                timer = new Thread(this::runTimer, "tusk-statement-timeout");
                timer.setDaemon(true);
                timer.start();
            } else {
                timerLock.notifyAll();
            }
        }
    }

    @Override
    public void disableStatementTimeout() {
        if (timeoutDeadline == 0 && !timeoutPending) {
            return;
        }
        synchronized (timerLock) {
            timeoutDeadline = 0;
            timeoutPending = false;
        }
    }

    /**
     * The timer thread (PostgreSQL's SIGALRM handler): sleeps until the armed deadline, then sets
     * the flag and wakes the main thread, once per arming. A deadline that moved (disarmed,
     * re-armed) is re-read when it wakes.
     */
    private void runTimer() {
        synchronized (timerLock) {
            while (true) {
                long deadline = timeoutDeadline;
                try {
                    if (deadline == 0 || deadline == timeoutFired) {
                        timerLock.wait();
                        continue;
                    }
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        TimeUnit.NANOSECONDS.timedWait(timerLock, left);
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                timeoutFired = deadline;
                if (inSession && !held) {
                    timeoutPending = true;
                    LockSupport.unpark(mainThread);
                }
            }
        }
    }

    @Override
    public void sleep(long nanos) throws DatabaseException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            checkForInterrupts();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // Wakes on unpark from a handler, on timeout, or spuriously; the flags are re-checked.
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }
}
