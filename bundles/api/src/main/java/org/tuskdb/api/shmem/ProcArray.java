package org.tuskdb.api.shmem;

import java.util.List;

/**
 * The table of every process attached to the segment, one slot per process (PostgreSQL's
 * PGPROC array together with the backend status array). The postmaster claims and releases
 * slots; the process in a slot is the only writer of its own activity fields.
 */
public interface ProcArray {
    /** Number of slots. */
    int capacity();

    /** A consistent-enough copy of every occupied slot, ordered by slot. */
    List<ProcInfo> snapshot();

    /** The occupied slot whose process has this pid, or null. */
    ProcInfo find(long pid);

    /** The slot of this process (a worker), through which it reports its activity. */
    ProcSlot mySlot();

    /** Postmaster: claims a free slot for a process of that role, returns its number or -1 when full. */
    int claim(String role);

    /** Postmaster: records the OS pid of the process started for a claimed slot. */
    void assign(int slot, long pid);

    /** Postmaster: records the cancel key handed to the session that a backend slot now serves. */
    void setCancelKey(int slot, int cancelKey);

    /** Postmaster: frees a slot whose process is gone. */
    void release(int slot);

    /** Postmaster: the slot's process pid if (pid, key) matches an occupied slot, else -1. */
    long checkCancelKey(int pid, int key);

    /**
     * Asks the process with that pid to cancel its current statement (SIGINT, as PostgreSQL).
     * Returns false when no process of this server has that pid.
     */
    boolean signalCancel(long pid);

    /** Asks the process with that pid to end its session (SIGTERM). False when not ours. */
    boolean signalTerminate(long pid);

    /**
     * Asks the postmaster to re-read the configuration files and pass that on to every child
     * (SIGHUP, as pg_reload_conf). False when it could not be signalled.
     *
     * @since 1.2
     */
    default boolean signalReload() {
        return false;
    }

    /**
     * When the postmaster started, epoch milliseconds (pg_postmaster_start_time); 0 when unknown.
     *
     * @since 1.2
     */
    default long postmasterStartMillis() {
        return 0;
    }

    /**
     * Tells the backend with that pid that notifications wait for it in the NOTIFY queue
     * (SIGUSR1, PostgreSQL's PROCSIG_NOTIFY_INTERRUPT). False when no process of this server
     * has that pid.
     *
     * @since 1.3
     */
    default boolean signalNotify(long pid) {
        return false;
    }
}
