package org.tuskdb.api.server;

/**
 * A step the startup process runs before the postmaster accepts connections, after every start
 * and after every crash-restart (WAL replay will be one). Steps run in ascending {@link #order()};
 * a step that throws makes startup fail, and the postmaster then does not accept connections.
 */
public interface StartupStep {
    int order();

    String name();

    void run() throws Exception;
}
