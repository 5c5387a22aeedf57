package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pooled backend's warm-up runs point lookups on a temporary table of its own: nothing of it
 * is left to the client that comes (no table, no temporary schema), and the client can make a
 * table of the same name. A backend started for a waiting client, whose warm-up that client cut
 * short at once, warms up (that table appears) once it is idle after the session.
 */
class BackendWarmupTest {

    @Test
    void warmupTableIsGoneWhenTheClientComes() throws Exception {
        try (TuskServer server = TuskServer.start(Map.of("backend_pool_min_idle", "1", "backend_pool_max_idle", "1"))) {
            // Let the pooled backend warm up for a while (it stops early for a client anyway).
            Thread.sleep(2000);
            for (int session = 0; session < 2; session++) {
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    assertEquals("0", BackendReuseTest.one(s,
                            "SELECT count(*) FROM pg_class WHERE relname LIKE 'tusk_warmup%'"), "session " + session);
                    assertEquals("0", BackendReuseTest.one(s,
                            "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg_temp%'"), "session " + session);
                    s.execute("CREATE TEMPORARY TABLE tusk_warmup (id int PRIMARY KEY)");
                    s.execute("INSERT INTO tusk_warmup VALUES (1)");
                    assertEquals("1", BackendReuseTest.one(s, "SELECT count(*) FROM tusk_warmup WHERE id = 1"));
                }
            }
        }
    }

    @Test
    void backendStartedForAWaitingClientWarmsUpWhenIdleAfterItsSession() throws Exception {
        // No pooled backends: every client waits, and gets a backend started for it.
        try (TuskServer server = TuskServer.start(Map.of("backend_pool_min_idle", "0", "backend_pool_max_idle", "4"))) {
            long first;
            try (Connection observer = server.connect(); Statement o = observer.createStatement()) {
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    first = Long.parseLong(BackendReuseTest.one(s, "SELECT pg_backend_pid()"));
                    assertEquals("0", BackendReuseTest.one(s,
                            "SELECT count(*) FROM pg_class WHERE relname = 'tusk_warmup'"), "nobody warms up yet");
                }
                // Its session over, that backend owes its warm-up: it runs it, with its table.
                String schema = "pg_temp_" + first;
                boolean warming = TuskServer.waitFor(Duration.ofSeconds(90), () -> {
                    try {
                        return BackendReuseTest.one(o, "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE c.relname = 'tusk_warmup' AND n.nspname = '" + schema + "'")
                                .equals("1");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertTrue(warming, "backend " + first + " did not warm up after its session");
            }
            // The next client stops that warm-up and finds nothing of it.
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE tusk_warmup (id int PRIMARY KEY)");
                assertEquals("0", BackendReuseTest.one(s, "SELECT count(*) FROM tusk_warmup"));
            }
        }
    }
}
