package org.tuskdb.api;

import java.nio.file.Path;

/**
 * The process this framework runs in. The launcher registers exactly one in every JVM
 * (postmaster and worker alike) before any bundle starts, with the service property
 * {@value #ROLE_PROPERTY} set to {@link #role()}. Role-specific components select theirs with
 * a target filter, e.g. {@code @Reference(target = "(tusk.role=backend)")}, so the same bundles
 * run in every process and each activates only what its role needs.
 */
public interface ProcessContext {
    /** Service property naming the role of this process. */
    String ROLE_PROPERTY = "tusk.role";

    String ROLE_POSTMASTER = "postmaster";
    String ROLE_BACKEND = "backend";
    String ROLE_LOGGER = "logger";

    /** PostgreSQL's name for this process's duty: postmaster, backend, logger, checkpointer, ... */
    String role();

    /** The data directory (absolute). */
    Path dataDirectory();

    /** This process's ProcArray slot, or -1 in the postmaster. */
    int slot();

    /** OS pid of this process. */
    long pid();

    /** OS pid of the postmaster (this process's pid in the postmaster). */
    long postmasterPid();

    /**
     * Path of the postmaster's control socket, which workers connect to at start
     * (a Unix domain socket only the data directory's owner can open).
     */
    Path controlSocket();

    /** The installation (distribution) directory this process was started from. */
    Path installDirectory();

    /** Milliseconds since the epoch at which this process started. */
    long startTimeMillis();
}
