package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * statement_timeout, idle_in_transaction_session_timeout and idle_session_timeout through the
 * JDBC driver (the extended protocol) as applications and pools set them: a statement running
 * past the timeout fails with 57014 "canceling statement due to statement timeout", also while it
 * waits for a row lock, and the session goes on; the timer runs per statement, never into the
 * next one; an idle session past its idle timeout is ended with PostgreSQL's FATAL, and the
 * server serves the next client.
 */
class StatementTimeoutTest extends SharedServer {

    @Test
    void aStatementPastTheTimeoutIsCanceledAndTheSessionGoesOn() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '200ms'");
            try (PreparedStatement p = c.prepareStatement("SELECT pg_sleep(?)")) {
                p.setDouble(1, 5);
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class, p::executeQuery);
                assertEquals("57014", e.getSQLState());
                assertEquals("ERROR: canceling statement due to statement timeout", e.getMessage());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000, "canceled long before 5 s");
                // statements shorter than the timeout run, one after another, each with its own timer
                p.setDouble(1, 0.12);
                for (int i = 0; i < 3; i++) {
                    p.executeQuery().close();
                }
            }
            assertEquals(1, one(s, "SELECT 1"));
            s.execute("RESET statement_timeout");
            s.execute("SELECT pg_sleep(0.3)");
        }
    }

    @Test
    void aTimeoutInsideATransactionBlockAbortsTheBlock() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL statement_timeout = 100");
            SQLException e = assertThrows(SQLException.class,
                () -> s.execute("SELECT count(*) FROM generate_series(1, 50000000)"));
            assertEquals("57014", e.getSQLState());
            SQLException aborted = assertThrows(SQLException.class, () -> s.execute("SELECT 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("0", text(s, "SHOW statement_timeout"), "SET LOCAL went with the rollback");
        }
    }

    @Test
    void aRowLockWaitEndsAtTheTimeout() throws Exception {
        try (Connection holder = server.connect(); Connection waiter = server.connect();
             Statement h = holder.createStatement(); Statement w = waiter.createStatement()) {
            h.execute("CREATE TABLE timeout_rows (id int PRIMARY KEY, v int)");
            h.execute("INSERT INTO timeout_rows VALUES (1, 0)");
            holder.setAutoCommit(false);
            h.execute("UPDATE timeout_rows SET v = 1 WHERE id = 1");
            w.execute("SET statement_timeout = 300");
            SQLException e = assertThrows(SQLException.class,
                () -> w.executeUpdate("UPDATE timeout_rows SET v = 2 WHERE id = 1"));
            assertEquals("57014", e.getSQLState());
            assertEquals("ERROR: canceling statement due to statement timeout", e.getMessage());
            holder.commit();
            assertEquals(1, w.executeUpdate("UPDATE timeout_rows SET v = 3 WHERE id = 1"));
            assertEquals(3, one(w, "SELECT v FROM timeout_rows"));
            w.execute("DROP TABLE timeout_rows");
        }
    }

    @Test
    void anIdleTransactionPastItsTimeoutEndsTheSession() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("SET idle_in_transaction_session_timeout = 200");
            c.setAutoCommit(false);
            s.execute("SELECT 1");
            Thread.sleep(800);
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT 2"));
            assertEquals("25P03", e.getSQLState(), e.toString());
            assertTrue(e.getMessage().contains("terminating connection due to idle-in-transaction timeout"), e.getMessage());
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            // outside a transaction block the setting does not apply
            s.execute("SET idle_in_transaction_session_timeout = 200");
            Thread.sleep(600);
            assertEquals(5, one(s, "SELECT 5"));
        }
    }

    @Test
    void anIdleSessionPastItsTimeoutIsEnded() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("SET idle_session_timeout = 200");
            Thread.sleep(800);
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT 2"));
            assertEquals("57P05", e.getSQLState(), e.toString());
            assertTrue(e.getMessage().contains("terminating connection due to idle-session timeout"), e.getMessage());
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals(7, one(s, "SELECT 7"), "the server serves the next client");
            assertEquals("0", text(s, "SHOW idle_session_timeout"), "a new session starts with the default");
        }
    }

    private static int one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
