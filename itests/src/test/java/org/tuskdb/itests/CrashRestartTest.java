package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL's restart_after_crash, and no worker outliving its postmaster. */
class CrashRestartTest {

    static boolean canQuery(TuskServer server) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void killedBackendDisconnectsOthersAndServerAcceptsAgain() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            try (Connection victim = server.connect(); Connection bystander = server.connect()) {
                long pid = BackendProcessesTest.backendPid(victim);
                long otherPid = BackendProcessesTest.backendPid(bystander);
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(20), () -> ProcessHandle.of(otherPid).isEmpty()),
                        "every other backend is terminated\n" + server.logs());
                assertThrows(SQLException.class, () -> {
                    try (Statement s = bystander.createStatement()) {
                        s.executeQuery("SELECT 1");
                    }
                });
            }
            // while it reinitializes, a client is told so (57P03), not left hanging or reset
            java.util.Set<String> refusals = new java.util.TreeSet<>();
            assertTrue(TuskServer.waitFor(Duration.ofSeconds(30), () -> {
                try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                } catch (SQLException e) {
                    refusals.add(e.getSQLState());
                    return false;
                }
            }), "the server accepts connections again\n" + server.logs());
            refusals.remove("57P03");
            assertTrue(refusals.isEmpty(), "connections during crash recovery get 57P03, not " + refusals);
            assertEquals(pm, server.postmasterPid(), "the postmaster itself survived");
            String logs = server.logs();
            assertTrue(logs.contains("terminated by signal 9"), logs);
            assertTrue(logs.contains("all server processes terminated; reinitializing"), logs);
        }
    }

    @Test
    void temporaryTablesOfAKilledBackendAreDroppedAfterTheRestart() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pid;
            try (Connection victim = server.connect(); Statement s = victim.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE crash_tmp (a int PRIMARY KEY)");
                s.execute("INSERT INTO crash_tmp VALUES (1), (2)");
                pid = BackendProcessesTest.backendPid(victim);
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(30), () -> canQuery(server)),
                        "the server accepts connections again\n" + server.logs());
            }
            String query = "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 'pg_temp_" + pid + "')"
                + " + (SELECT count(*) FROM pg_class WHERE relname IN ('crash_tmp', 'crash_tmp_pkey'))";
            // the first session end of each new backend sweeps the schemas of backends that are gone
            assertTrue(TuskServer.waitFor(Duration.ofSeconds(30), () -> {
                try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                    return rs.next() && rs.getLong(1) == 0;
                } catch (SQLException e) {
                    return false;
                }
            }), "pg_temp_" + pid + " and its table are gone\n" + server.logs());
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE crash_tmp (a int PRIMARY KEY)"); // the name is free again
            }
        }
    }

    @Test
    void workersExitWhenThePostmasterIsKilled() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect()) {
                assertTrue(canQuery(server));
                long pm = server.postmasterPid();
                List<ProcessHandle> workers = ProcessHandle.of(pm).orElseThrow().children().toList();
                assertTrue(workers.size() >= 2, "logger and backends run: " + workers);
                ProcessHandle.of(pm).orElseThrow().destroyForcibly();
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(10), () -> workers.stream().noneMatch(ProcessHandle::isAlive)),
                        "no worker outlives its postmaster: " + workers.stream().filter(ProcessHandle::isAlive).toList());
            }
        }
    }

    @Test
    void killedLoggerIsRestarted() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            ProcessHandle logger = ProcessHandle.of(pm).orElseThrow().children()
                    .filter(h -> h.info().commandLine().orElse("").contains("tusk.role=logger"))
                    .findFirst().orElseThrow();
            try (Connection c = server.connect()) {
                long backend = BackendProcessesTest.backendPid(c);
                logger.destroyForcibly();
                assertTrue(TuskServer.waitFor(Duration.ofSeconds(20), () -> ProcessHandle.of(pm).orElseThrow().children()
                        .anyMatch(h -> h.pid() != logger.pid() && h.info().commandLine().orElse("").contains("tusk.role=logger"))),
                        "a new logger runs");
                assertTrue(ProcessHandle.of(backend).isPresent(), "a logger crash does not restart the backends");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                }
            }
        }
    }
}
