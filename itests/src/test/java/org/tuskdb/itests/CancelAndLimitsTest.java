package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancel requests, pg_cancel_backend / pg_terminate_backend, and max_connections. */
class CancelAndLimitsTest extends SharedServer {
    static final int MAX_CONNECTIONS = 4;
    @Override
    protected Map<String, String> settings() {
        return Map.of("max_connections", Integer.toString(MAX_CONNECTIONS));
    }

    @Test
    void cancelRequestStopsTheRunningStatement() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            timer.schedule(() -> { s.cancel(); return null; }, 1, TimeUnit.SECONDS);
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_sleep(60)"));
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "cancelled long before the sleep ended");
            try (ResultSet rs = s.executeQuery("SELECT 42")) { // the session goes on
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void cancelRequestWithWrongKeyDoesNothing() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            long pid = BackendProcessesTest.backendPid(c);
            CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery("SELECT pg_sleep(2)")) {
                    return rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            // CancelRequest: length 16, code 80877102, pid, a key that is not this session's
            try (Socket sock = new Socket("127.0.0.1", server.port())) {
                DataOutputStream out = new DataOutputStream(sock.getOutputStream());
                out.writeInt(16);
                out.writeInt(80877102);
                out.writeInt((int) pid);
                out.writeInt(0x5eed);
                out.flush();
                sock.setSoTimeout(10000);
                assertEquals(-1, sock.getInputStream().read(), "a cancel request is never answered");
            }
            assertTrue(sleeper.get(30, TimeUnit.SECONDS), "the statement ran to its end");
        }
    }

    @Test
    void pgCancelBackendFromAnotherSession() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection victim = server.connect(); Connection admin = server.connect();
             Statement vs = victim.createStatement()) {
            long pid = BackendProcessesTest.backendPid(victim);
            timer.schedule(() -> {
                try (Statement as = admin.createStatement(); ResultSet rs = as.executeQuery("SELECT pg_cancel_backend(" + pid + ")")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }, 1, TimeUnit.SECONDS);
            SQLException e = assertThrows(SQLException.class, () -> vs.executeQuery("SELECT pg_sleep(60)"));
            assertEquals("57014", e.getSQLState());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void pgTerminateBackendEndsTheOtherSessionWith57P01() throws Exception {
        try (Connection victim = server.connect(); Connection admin = server.connect()) {
            long pid = BackendProcessesTest.backendPid(victim);
            try (Statement as = admin.createStatement(); ResultSet rs = as.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            // the signal is asynchronous, as in PostgreSQL: wait for the backend to be gone
            assertTrue(TuskServer.waitFor(java.time.Duration.ofSeconds(10), () -> ProcessHandle.of(pid).isEmpty()),
                    "the terminated backend exits");
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement vs = victim.createStatement()) {
                    vs.executeQuery("SELECT 1");
                }
            });
            assertTrue("57P01".equals(e.getSQLState()) || "08006".equals(e.getSQLState()), e.getSQLState() + " " + e.getMessage());
        }
    }

    @Test
    void connectionPastMaxConnectionsGets53300AndOthersGoOn() throws Exception {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                open.add(server.connect());
            }
            SQLException e = assertThrows(SQLException.class, server::connect);
            assertEquals("53300", e.getSQLState());
            assertTrue(e.getMessage().contains("sorry, too many clients already"), e.getMessage());
            for (Connection c : open) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        // once sessions end, new ones are accepted again
        assertTrue(TuskServer.waitFor(java.time.Duration.ofSeconds(10), () -> {
            try (Connection c = server.connect()) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }));
    }
}
