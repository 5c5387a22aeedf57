package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Advisory locks between sessions, as migration tools use them: a session lock is seen by
 * another backend, a waiter is granted when it is released, lock_timeout ends a wait, and a
 * session that ends (its backend goes back to the pool) leaves nothing locked.
 */
class AdvisoryLockTest extends SharedServer {
    @Test
    void sessionLocksAreSharedBetweenBackendsAndEndWithTheSession() throws Exception {
        try (Connection b = server.connect(); Statement sb = b.createStatement()) {
            try (Connection a = server.connect(); Statement sa = a.createStatement()) {
                sa.execute("SELECT pg_advisory_lock(4711)");
                assertFalse(bool(sb, "SELECT pg_try_advisory_lock(4711)"), "held by the other session");
                assertTrue(bool(sb, "SELECT pg_try_advisory_lock_shared(4712)"), "another key is free");
                sb.execute("SET lock_timeout = '200ms'");
                SQLException timedOut = assertThrows(SQLException.class, () -> sb.execute("SELECT pg_advisory_lock(4711)"));
                assertEquals("55P03", timedOut.getSQLState());
                sb.execute("SET lock_timeout = 0");
                CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                    try {
                        sb.execute("SELECT pg_advisory_lock(4711)");
                        return true;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(300);
                assertFalse(waiter.isDone(), "the waiter waits while the lock is held");
                assertTrue(bool(sa, "SELECT pg_advisory_unlock(4711)"));
                assertTrue(waiter.get(20, TimeUnit.SECONDS));
                assertTrue(bool(sb, "SELECT pg_advisory_unlock(4711)"));
                // a transaction-level lock ends with the transaction, a session lock outlives it
                a.setAutoCommit(false);
                sa.execute("SELECT pg_advisory_xact_lock(4713)");
                sa.execute("SELECT pg_advisory_lock(4714)");
                assertFalse(bool(sb, "SELECT pg_try_advisory_lock(4713)"));
                a.commit();
                a.setAutoCommit(true);
                assertTrue(bool(sb, "SELECT pg_try_advisory_lock(4713)"));
                assertFalse(bool(sb, "SELECT pg_try_advisory_lock(4714)"));
            }
            // session a ended: its session lock is gone although its backend JVM lives on in the pool
            assertTrue(eventually(sb, "SELECT pg_try_advisory_lock(4714)"), "the ended session's lock is released");
            sb.execute("SELECT pg_advisory_unlock_all()");
        }
    }

    private static boolean bool(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The session's end is processed by its backend after the client has gone: poll briefly. */
    private static boolean eventually(Statement s, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!bool(s, sql)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
