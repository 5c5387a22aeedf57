package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A pooled backend serves many sessions one after another, and nothing leaks between them. */
class BackendReuseTest {

    static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void reusedBackendStartsEverySessionClean() throws Exception {
        // one idle backend at most: consecutive sessions land on the same JVM
        try (TuskServer server = TuskServer.start(Map.of("backend_pool_min_idle", "1", "backend_pool_max_idle", "1"))) {
            Map<Long, Integer> sessionsPerPid = new HashMap<>();
            Properties p = new Properties();
            p.setProperty("prepareThreshold", "1");
            for (int i = 0; i < 8; i++) {
                try (Connection c = server.connect(p); Statement s = c.createStatement()) {
                    long pid = Long.parseLong(one(s, "SELECT pg_backend_pid()"));
                    sessionsPerPid.merge(pid, 1, Integer::sum);
                    // what the previous session changed must not be visible
                    assertEquals("4MB", one(s, "SHOW work_mem"), "session " + i);
                    assertEquals("PostgreSQL JDBC Driver", one(s, "SHOW application_name"), "session " + i);
                    // change session state: settings, a transaction left open, named statements
                    s.execute("SET work_mem = '64MB'");
                    s.execute("SET application_name = 'leaky'");
                    try (PreparedStatement ps = c.prepareStatement("SELECT ?::int + " + i)) {
                        for (int k = 0; k < 3; k++) {
                            ps.setInt(1, k);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                            }
                        }
                    }
                    c.setAutoCommit(false);
                    s.execute("SET LOCAL statement_timeout = '1s'");
                }
            }
            assertTrue(sessionsPerPid.values().stream().anyMatch(n -> n > 1),
                    "some backend served more than one session: " + sessionsPerPid);
        }
    }
}
