package org.tuskdb.api.server;

import java.nio.file.Path;

/** Registered by the postmaster. What the shell and SQL use to see and stop the server. */
public interface ServerControl {
    enum ShutdownMode { SMART, FAST, IMMEDIATE }

    /** "starting", "running", "crash recovery", "shutting down". */
    String state();

    long startTimeMillis();

    Path dataDirectory();

    /** The TCP port the postmaster listens on. */
    int port();

    /** Starts a shutdown in that mode and returns; the postmaster exits when it is done. */
    void shutdown(ShutdownMode mode);
}
