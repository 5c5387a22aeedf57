package org.tuskdb.postmaster.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.tuskdb.api.server.AuxiliaryRole;
import org.tuskdb.postmaster.internal.control.ControlChannel;

/**
 * One worker process the postmaster started. The server loop creates and retires children; the
 * fields other threads touch are volatile or atomic: a connection thread that took this backend
 * from the pool uses {@link #channel()} and the session flag, the link reader sets the channel.
 */
final class Child {
    private final String role;
    private final Supervision supervision;
    private final AuxiliaryRole auxiliary;
    private final int slot;
    private final Process process;
    private final long pid;
    private final long generation;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean inSession = new AtomicBoolean();

    private volatile ControlChannel channel;
    /** The postmaster asked it to go (exit message, SIGTERM, SIGKILL): its exit is no crash. */
    private volatile boolean exitRequested;
    private volatile boolean exited;
    /** Reported ready (aux) or idle (backend) at least once. Server loop only. */
    private boolean ready;
    private boolean reloadPending;

    /**
     * @param auxiliary the role service for auxiliary processes, null for a backend
     * @param process the OS process (null only in unit tests that never start one)
     * @param generation the segment generation the child's slot belongs to
     */
    Child(String role, Supervision supervision, AuxiliaryRole auxiliary, int slot, Process process, long pid,
          long generation) {
        this.role = role;
        this.supervision = supervision;
        this.auxiliary = auxiliary;
        this.slot = slot;
        this.process = process;
        this.pid = pid;
        this.generation = generation;
    }

    String role() { return role; }
    Supervision supervision() { return supervision; }
    AuxiliaryRole auxiliary() { return auxiliary; }
    int slot() { return slot; }
    Process process() { return process; }
    long pid() { return pid; }
    long generation() { return generation; }
    boolean isBackend() { return supervision == Supervision.BACKEND; }

    long millisSinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    ControlChannel channel() { return channel; }
    void attach(ControlChannel newChannel) { channel = newChannel; }

    /** Whether the worker connected its control link: its signal handlers are installed by then. */
    boolean attached() { return channel != null; }

    /** A SIGHUP came while the worker was still starting (its JVM would have exited on it): send it once attached. */
    boolean takeReloadPending() {
        boolean pending = reloadPending;
        reloadPending = false;
        return pending;
    }

    void markReloadPending() { reloadPending = true; }

    boolean exitRequested() { return exitRequested; }
    void requestExit() { exitRequested = true; }

    boolean exited() { return exited; }
    void markExited() { exited = true; }

    boolean ready() { return ready; }
    void markReady() { ready = true; }

    /** Claims this backend for a new session; false when it already has one or is gone. */
    boolean beginSession() {
        return !exited && inSession.compareAndSet(false, true);
    }

    /** Ends the session, if any; true exactly once per session (the caller then releases its count). */
    boolean endSession() {
        return inSession.compareAndSet(true, false);
    }

    boolean inSession() { return inSession.get(); }

    /** PostgreSQL's name for the process in log lines: "server process", "startup process", ... */
    String processName() {
        return switch (role) {
            case "backend" -> "server process";
            case "logger" -> "system logger process";
            default -> role + " process";
        };
    }

    @Override
    public String toString() {
        return processName() + " (PID " + pid + ")";
    }
}
