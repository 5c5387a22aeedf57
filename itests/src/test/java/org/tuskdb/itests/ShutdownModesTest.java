package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** smart, fast and immediate shutdown with PostgreSQL's meaning. */
class ShutdownModesTest {

    static List<ProcessHandle> children(TuskServer server) {
        return ProcessHandle.of(server.postmasterPid()).map(h -> h.descendants().toList()).orElse(List.of());
    }

    @Test
    void smartShutdownWaitsForSessionsToEnd() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            Connection c = server.connect();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            CompletableFuture<TuskServer.Result> stop = CompletableFuture.supplyAsync(() -> server.stop("smart"));
            Thread.sleep(2000);
            assertTrue(ProcessHandle.of(pm).isPresent(), "the postmaster waits for the open session");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
                assertTrue(rs.next(), "the open session still works");
            }
            SQLException refused = assertThrows(SQLException.class, server::connect);
            assertEquals("57P03", refused.getSQLState());
            c.close();
            TuskServer.Result r = stop.get(60, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(TuskServer.waitFor(Duration.ofSeconds(10), () -> ProcessHandle.of(pm).isEmpty()));
            assertTrue(server.processes().isEmpty(), "nothing left: " + server.processes());
            assertFalse(Files.exists(server.dataDir().resolve("postmaster.pid")), "a clean stop removes postmaster.pid");
            assertTrue(server.logs().contains("received smart shutdown request"), server.logs());
        }
    }

    @Test
    void fastShutdownTerminatesSessionsWith57P01() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            try (Connection c = server.connect()) {
                BackendProcessesTest.backendPid(c);
                List<ProcessHandle> workers = children(server);
                TuskServer.Result r = server.stop("fast");
                assertEquals(0, r.exitCode(), r.toString());
                SQLException e = assertThrows(SQLException.class, () -> {
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("SELECT 1");
                    }
                });
                assertTrue(e.getMessage().contains("terminating connection due to administrator command")
                        || "57P01".equals(e.getSQLState()) || "08006".equals(e.getSQLState()), e.getSQLState() + " " + e.getMessage());
                assertTrue(ProcessHandle.of(pm).isEmpty());
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(10), () -> workers.stream().noneMatch(ProcessHandle::isAlive)));
            }
        }
    }

    @Test
    void immediateShutdownStopsEverythingAtOnce() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            try (Connection c = server.connect()) {
                BackendProcessesTest.backendPid(c);
                List<ProcessHandle> workers = children(server);
                assertFalse(workers.isEmpty());
                TuskServer.Result r = server.stop("immediate");
                assertEquals(0, r.exitCode(), r.toString());
                assertTrue(ProcessHandle.of(pm).isEmpty());
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(10), () -> workers.stream().noneMatch(ProcessHandle::isAlive)),
                        "workers halt with their postmaster");
            }
            // an immediate stop leaves postmaster.pid behind, as PostgreSQL does; the next start takes it over
            server.startServer();
            assertTrue(CrashRestartTest.canQuery(server), server.logs());
        }
    }
}
