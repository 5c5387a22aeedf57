package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An index on an expression with a predicate (a unique {@code lower(email)} among the rows not
 * soft-deleted) lives in the catalog: after a clean stop and start, and again after kill -9, the
 * server still rejects a duplicate key (23505 with the expression in the detail), accepts it for
 * a deleted row, and plans {@code WHERE lower(email) = ... AND deleted_at IS NULL} as an index
 * scan of it. The server ({@link StorageServer}) is stopped and its data directory removed by
 * try-with-resources, also when an assertion fails.
 */
@Tag("storage")
class ExpressionIndexRestartTest {

    private static String plan(Statement s, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) " + sql)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        }
        return b.toString();
    }

    private static void checkIndex(Statement s, String email) throws SQLException {
        try {
            s.execute("INSERT INTO xr_t VALUES (100000, '" + email.toUpperCase() + "', NULL)");
            fail("no unique violation for " + email);
        } catch (SQLException e) {
            assertEquals("23505", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("Key (lower(email))=(" + email + ") already exists."), e.getMessage());
        }
        s.execute("INSERT INTO xr_t VALUES (" + (200000 + email.length()) + ", '" + email + "', now())");
        String q = "SELECT id FROM xr_t WHERE lower(email) = '" + email + "' AND deleted_at IS NULL";
        String plan = plan(s, q);
        assertTrue(plan.startsWith("Index Scan using xr_email on xr_t\n  Index Cond: (lower(email) = '" + email
            + "'::text)"), plan);
        try (ResultSet rs = s.executeQuery(q)) {
            assertTrue(rs.next());
        }
    }

    @Test
    void expressionAndPartialIndexSurvivesRestartAndKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of())) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE xr_t (id int PRIMARY KEY, email text, deleted_at timestamptz)");
                s.execute("CREATE UNIQUE INDEX xr_email ON xr_t (lower(email)) WHERE deleted_at IS NULL");
                s.execute("INSERT INTO xr_t SELECT i, 'User' || i || '@x', NULL::timestamptz FROM generate_series(1, 3000) i");
            }
            assertEquals(0, server.stop("fast").exitCode());
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                checkIndex(s, "user7@x");
                s.execute("INSERT INTO xr_t SELECT i, 'User' || i || '@x', NULL::timestamptz FROM generate_series(3001, 4000) i");
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                checkIndex(s, "user3999@x");
                checkIndex(s, "user12@x");
            }
        }
    }
}
