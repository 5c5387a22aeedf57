package org.tuskdb.api.server;

/**
 * A role the postmaster starts and supervises, contributed as a service by the bundle that
 * implements it (the logger bundle contributes "logger", the storage bundles later "checkpointer",
 * "bgwriter", ...). The postmaster starts roles in ascending {@link #startOrder()}; a role with
 * {@link #runsBeforeConnections()} must exit with status 0 before connections are accepted
 * (the startup process). Backends are not an auxiliary role: the postmaster's pool manages them.
 */
public interface AuxiliaryRole {
    /** What to do when a process of this role exits while the server is running. */
    enum OnExit {
        /** Start it again (the logger, which holds no shared state). */
        RESTART,
        /** Any exit is a crash: terminate everything, re-create the segment, recover. */
        CRASH_RESTART,
        /** Exiting is its purpose: status 0 is success, anything else a crash (the startup process). */
        RUN_ONCE
    }

    /** PostgreSQL's name of the role: logger, startup, checkpointer, ... */
    String name();

    /** Roles start in ascending order; the logger is first (0), startup next (10). */
    int startOrder();

    OnExit onExit();

    /** True for roles that must complete (RUN_ONCE) before the postmaster accepts connections. */
    default boolean runsBeforeConnections() { return onExit() == OnExit.RUN_ONCE; }

    /** How many processes of this role run at once. */
    default int instances() { return 1; }

    /** Maximum Java heap of the worker JVM, in MB. */
    default int heapMegabytes() { return 64; }
}
