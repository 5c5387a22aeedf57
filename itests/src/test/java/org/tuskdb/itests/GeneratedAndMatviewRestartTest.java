package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stored generated columns and materialized views live in the catalog (pg_attribute.attgenerated
 * with pg_attrdef, relkind m with relispopulated, pg_rewrite and pg_depend): after a clean stop and
 * start, and again after kill -9, a generated column is still computed, a materialized view still
 * has the rows its last committed REFRESH gave it (a rolled-back one leaves no trace), an
 * unpopulated one still refuses scans, and a REFRESH still works. The server is stopped and its
 * data directory removed by try-with-resources.
 */
@Tag("storage")
class GeneratedAndMatviewRestartTest {

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void check(Statement s, int id) throws SQLException {
        s.execute("INSERT INTO rs_t (id, price, qty) VALUES (" + id + ", 2.5, " + id + ")");
        assertEquals("t", one(s, "SELECT total = 2.5 * id FROM rs_t WHERE id = " + id));
        assertEquals("s", one(s, "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'rs_t'::regclass "
            + "AND attname = 'total'"));
        assertEquals("(price * (qty)::numeric)", one(s, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef "
            + "WHERE adrelid = 'rs_t'::regclass"));
        assertEquals("2", one(s, "SELECT count(*) FROM rs_mv"), "the rows of the last committed REFRESH");
        assertEquals("7.5", one(s, "SELECT sum FROM rs_mv WHERE id = 3"));
        assertEquals("m|true", one(s, "SELECT relkind || '|' || relispopulated FROM pg_class WHERE relname = 'rs_mv'"));
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
            () -> one(s, "SELECT * FROM rs_empty"));
        assertEquals("55000", e.getSQLState());
    }

    @Test
    void generatedColumnsAndMaterializedViewsSurviveRestartAndKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of())) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rs_t (id int PRIMARY KEY, price numeric, qty int, "
                    + "total numeric GENERATED ALWAYS AS (price * qty) STORED)");
                s.execute("INSERT INTO rs_t (id, price, qty) VALUES (3, 2.5, 3)");
                s.execute("CREATE MATERIALIZED VIEW rs_mv AS SELECT id, sum(total) AS sum FROM rs_t GROUP BY id");
                s.execute("CREATE UNIQUE INDEX rs_mv_id ON rs_mv (id)");
                s.execute("CREATE MATERIALIZED VIEW rs_empty AS SELECT id FROM rs_t WITH NO DATA");
                s.execute("INSERT INTO rs_t (id, price, qty) VALUES (4, 1, 1)");
                s.execute("REFRESH MATERIALIZED VIEW rs_mv");
                c.setAutoCommit(false);
                s.execute("INSERT INTO rs_t (id, price, qty) VALUES (5, 1, 1)");
                s.execute("REFRESH MATERIALIZED VIEW rs_mv");
                c.rollback();
                c.setAutoCommit(true);
                check(s, 1);
                s.execute("DELETE FROM rs_t WHERE id = 1");
            }
            assertEquals(0, server.stop("fast").exitCode());
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                check(s, 2);
                s.execute("DELETE FROM rs_t WHERE id = 2");
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                check(s, 6);
                s.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY rs_mv");
                assertEquals("3", one(s, "SELECT count(*) FROM rs_mv"));
                s.execute("REFRESH MATERIALIZED VIEW rs_empty");
                assertEquals("3", one(s, "SELECT count(*) FROM rs_empty"));
            }
        }
    }
}
