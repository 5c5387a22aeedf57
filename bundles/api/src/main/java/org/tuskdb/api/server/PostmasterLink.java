package org.tuskdb.api.server;

import java.io.IOException;

/**
 * A worker's link to its postmaster, registered in every worker JVM (never in the postmaster).
 * Through it the worker reports that it is ready and a backend receives client connections.
 * When the postmaster goes away the link halts the worker: no worker outlives its postmaster.
 */
public interface PostmasterLink {
    /**
     * Backend only: reports this backend idle and blocks until the postmaster hands it a client
     * connection. Throws when the postmaster tells it to exit (it should then exit normally).
     */
    ClientHandoff awaitClient() throws IOException;

    /** Reports this worker ready (auxiliary roles; a backend reports by calling awaitClient). */
    void ready();
}
