package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each session is served by its own backend JVM, a child of the postmaster mapping the segment. */
class BackendProcessesTest extends SharedServer {

    static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long parentPid(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        return Long.parseLong(afterName.split(" ")[1]);
    }

    @Test
    void twoSessionsAreServedByTwoChildJvmsMappingTheSegment() throws Exception {
        long pm = server.postmasterPid();
        try (Connection a = server.connect(); Connection b = server.connect()) {
            long pa = backendPid(a);
            long pb = backendPid(b);
            assertNotEquals(pa, pb);
            assertNotEquals(pm, pa);
            String segment = "/dev/shm/tusk-" + pm;
            for (long pid : new long[] {pa, pb}) {
                assertEquals(pm, parentPid(pid), "backend " + pid + " is a child of the postmaster");
                String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
                assertTrue(maps.contains(segment), "backend " + pid + " maps " + segment);
                String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                assertTrue(cmdline.contains("java"), cmdline);
                assertTrue(cmdline.contains("tusk.role=backend"), "ps shows the role: " + cmdline);
            }
            assertTrue(Files.readString(Path.of("/proc/" + pm + "/maps")).contains(segment), "the postmaster maps the segment");
        }
    }

    @Test
    void pgStatActivityListsBackendsAndAuxiliaryProcesses() throws SQLException {
        try (Connection a = server.connect(); Connection b = server.connect(); Statement s = a.createStatement()) {
            long pb = backendPid(b);
            Set<String> types = new HashSet<>();
            boolean sawB = false;
            try (ResultSet rs = s.executeQuery(
                    "SELECT pid, backend_type, state, query, usename, datname FROM pg_stat_activity")) {
                while (rs.next()) {
                    types.add(rs.getString(2));
                    if (rs.getLong(1) == pb) {
                        sawB = true;
                        assertEquals("client backend", rs.getString(2));
                        assertEquals("tusk", rs.getString(5));
                        assertEquals("postgres", rs.getString(6));
                    }
                }
            }
            assertTrue(sawB, "the other session's backend is listed");
            assertTrue(types.contains("logger"), "auxiliary roles are listed too: " + types);
        }
    }

    @Test
    void everyProcessNamesItsRoleForPs() throws Exception {
        TuskServer.Result ps = TuskServer.run(java.util.List.of("ps", "-e", "-o", "pid,ppid,comm"), java.time.Duration.ofSeconds(10), null);
        long pm = server.postmasterPid();
        assertTrue(ps.stdout().lines().anyMatch(l -> l.trim().startsWith(pm + " ") && l.contains("tusk postmaster")), ps.stdout());
        assertTrue(ps.stdout().lines().anyMatch(l -> l.contains(" " + pm + " ") && l.contains("tusk logger")), ps.stdout());
        assertTrue(ps.stdout().lines().anyMatch(l -> l.contains(" " + pm + " ") && l.contains("tusk backend")), ps.stdout());
    }

    @Test
    void logLinesCarryPidAndRole() throws Exception {
        try (Connection c = server.connect()) {
            backendPid(c);
        }
        assertTrue(TuskServer.waitFor(java.time.Duration.ofSeconds(10), () -> server.logs().contains("] postmaster ")), server.logs());
        assertTrue(server.logs().contains("database system is ready to accept connections"), server.logs());
    }

    @Test
    void shellShowsStatusAndBackends() {
        TuskServer.Result r = server.tuskWithInput(java.time.Duration.ofSeconds(30), "tusk:status\ntusk:backends\nexit\n",
                "shell", "-D", server.dataDir().toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("backend"), r.stdout());
        assertTrue(r.stdout().contains("logger"), r.stdout());
        assertTrue(r.stdout().contains(Long.toString(server.postmasterPid())), r.stdout());
    }
}
