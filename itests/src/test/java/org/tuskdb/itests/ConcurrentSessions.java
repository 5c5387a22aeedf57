package org.tuskdb.itests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests that run transactions of several sessions against one server of the class: a
 * server per class, a thread pool per test for the statements that block, and every connection a
 * test opened closed after it (so nothing stays locked into the next test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentSessions {
    protected StorageServer server;
    protected ExecutorService pool;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    void startServer() {
        server = StorageServer.start(serverSettings());
    }

    /** The settings the class's server starts with (none by default). */
    protected Map<String, String> serverSettings() {
        return Map.of();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newPool() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeSessions() throws InterruptedException {
        pool.shutdownNow();
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        opened.clear();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** A new session, closed after the test. */
    protected Connection session() throws SQLException {
        Connection c = server.connect();
        opened.add(c);
        return c;
    }

    /** A new session in a transaction block (autocommit off), closed after the test. */
    protected Connection transaction() throws SQLException {
        Connection c = session();
        c.setAutoCommit(false);
        return c;
    }
}
