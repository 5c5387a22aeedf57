package org.tuskdb.sql.internal.expr;

/**
 * What a session knows of its connection and its server, for the functions that report or
 * change it: inet_client_addr / inet_client_port / inet_server_port, pg_postmaster_start_time,
 * pg_reload_conf.
 */
public interface ServerInfo {
    /** The client's address, null over a Unix socket. */
    String clientAddr();

    /** The client's port, -1 over a Unix socket. */
    int clientPort();

    /** The address the client connected to, null over a Unix socket. */
    default String serverAddr() {
        return null;
    }

    /** The port the client connected to, -1 over a Unix socket. */
    default int serverPort() {
        return -1;
    }

    /** The postmaster's start, epoch milliseconds; 0 when unknown. */
    long postmasterStartMillis();

    /** Asks the postmaster to re-read the configuration files (SIGHUP); false when it could not be signalled. */
    boolean reloadConfiguration();
}
