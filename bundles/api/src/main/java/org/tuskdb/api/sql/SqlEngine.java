package org.tuskdb.api.sql;

/** Opens SQL sessions. One session per client connection; a session is used by one thread. */
public interface SqlEngine {
    /**
     * Opens a session for an authenticated client. Throws DatabaseException (e.g. 3D000 for an
     * unknown database, 22023 / 42704 for a bad startup option) when the session cannot start.
     */
    SqlSession openSession(SessionStartup startup, SessionHost host);
}
