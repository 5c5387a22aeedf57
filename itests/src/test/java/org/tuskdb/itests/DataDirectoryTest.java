package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** postmaster.pid is a lock: a second postmaster refuses, a stale file is taken over. */
class DataDirectoryTest {

    @Test
    void secondPostmasterOnTheSameDirectoryRefuses() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            TuskServer.Result r = server.tusk(Duration.ofSeconds(60), "start", "-D", server.dataDir().toString(),
                    "-p", Integer.toString(TuskServer.freePort()));
            assertNotEquals(0, r.exitCode(), r.toString());
            String said = r.stdout() + r.stderr();
            assertTrue(said.contains("already running") || said.contains("postmaster.pid"), r.toString());
            assertEquals(pm, server.postmasterPid(), "the running postmaster is untouched");
            assertTrue(CrashRestartTest.canQuery(server));
        }
    }

    @Test
    void aPortInUseFailsTheStartWithPostgresqlsHint() throws Exception {
        try (TuskServer server = TuskServer.start(); TuskServer other = TuskServer.create(java.util.Map.of())) {
            TuskServer.Result r = other.tusk(Duration.ofSeconds(120), "start", "-D", other.dataDir().toString(),
                    "-p", Integer.toString(server.port()));
            assertNotEquals(0, r.exitCode(), r.toString());
            // the postmaster gave up before its logger ran: its message reaches startup.log
            String said = r.stdout() + r.stderr();
            assertTrue(said.contains("Address already in use") && said.contains("is another server already running on port "
                    + server.port()), r.toString());
            assertTrue(CrashRestartTest.canQuery(server), "the server on the port goes on");
        }
    }

    @Test
    void stalePidFileIsTakenOver() throws Exception {
        try (TuskServer server = TuskServer.create(java.util.Map.of())) {
            // a pid that cannot be alive: beyond pid_max
            Files.writeString(server.dataDir().resolve("postmaster.pid"), "99999999\n" + server.dataDir() + "\n");
            server.startServer();
            assertTrue(CrashRestartTest.canQuery(server), server.logs());
            assertNotEquals(99999999L, server.postmasterPid());
        }
    }

    @Test
    void statusReportsRunningAndStopped() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            TuskServer.Result running = server.tusk(Duration.ofSeconds(30), "status", "-D", server.dataDir().toString());
            assertEquals(0, running.exitCode(), running.toString());
            assertTrue(running.stdout().contains(Long.toString(server.postmasterPid())), running.toString());
            assertEquals(0, server.stop("fast").exitCode());
            TuskServer.Result stopped = server.tusk(Duration.ofSeconds(30), "status", "-D", server.dataDir().toString());
            assertNotEquals(0, stopped.exitCode(), stopped.toString());
        }
    }
}
