package org.tuskdb.api.sql;

import java.util.Map;

/**
 * What the client's StartupMessage asked for.
 *
 * @param user the user name
 * @param database the database name
 * @param parameters every other startup parameter (application_name, client_encoding,
 *                   DateStyle, ...), with "-c name=value" pairs of the "options" parameter
 *                   already split out into entries of their own
 * @param backendPid this backend's pid (pg_backend_pid())
 * @param clientAddr the client's address, null for a Unix-domain socket
 * @param clientPort the client's port, -1 for a Unix-domain socket
 * @param serverAddr the address the client connected to (inet_server_addr), null for a
 *                   Unix-domain socket (since 1.2)
 * @param serverPort the port the client connected to, -1 for a Unix-domain socket (since 1.2)
 * @param internal a session the server opens on itself (a backend's warm-up), not a client's: it
 *                 runs as the bootstrap superuser whatever {@code user} says, and needs no role
 *                 of that name (since 1.3)
 */
public record SessionStartup(String user, String database, Map<String, String> parameters,
                             long backendPid, String clientAddr, int clientPort, String serverAddr, int serverPort,
                             boolean internal) {
    /** A client's session (since 1.2). */
    public SessionStartup(String user, String database, Map<String, String> parameters, long backendPid,
                          String clientAddr, int clientPort, String serverAddr, int serverPort) {
        this(user, database, parameters, backendPid, clientAddr, clientPort, serverAddr, serverPort, false);
    }

    /** A startup without the server side of the connection (Unix socket, tests). */
    public SessionStartup(String user, String database, Map<String, String> parameters, long backendPid,
                          String clientAddr, int clientPort) {
        this(user, database, parameters, backendPid, clientAddr, clientPort, null, -1);
    }
}
