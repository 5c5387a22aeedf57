package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pooled backend's warm-up runs point lookups on a temporary table of its own: nothing of it
 * is left to the client that comes (no table, no temporary schema), and the client can make a
 * table of the same name.
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
}
