package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Data-modifying CTEs through the PostgreSQL JDBC driver (extended protocol, server-side prepared
 * statements after the driver's threshold, a fetch size that suspends the portal), and
 * pg_prepared_statements listing the driver's named statements (the same assertions hold with
 * {@code -Dtusk.itest.target=postgres}).
 */
@Tag("storage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModifyingCteJdbcTest {
    private StorageServer server;

    @BeforeAll
    void startServer() throws SQLException {
        server = StorageServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mcte_queue (id int PRIMARY KEY, v text)");
            s.execute("CREATE TABLE mcte_done (id int, v text)");
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void movesRowsWithAPreparedDataModifyingCte() throws SQLException {
        try (Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO mcte_queue SELECT g, 'v' || g FROM generate_series(1, 20) g");
            }
            // executed more often than prepareThreshold (5): the driver switches to a named statement
            try (PreparedStatement ps = c.prepareStatement("WITH moved AS (DELETE FROM mcte_queue WHERE id = ? "
                + "RETURNING *) INSERT INTO mcte_done SELECT * FROM moved")) {
                for (int i = 1; i <= 8; i++) {
                    ps.setInt(1, i);
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH moved AS%' AND NOT from_sql")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            c.setAutoCommit(false);
            List<Integer> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM mcte_queue WHERE id > ? "
                + "RETURNING id) SELECT id FROM d ORDER BY id")) {
                ps.setFetchSize(3);
                ps.setInt(1, 8);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
            }
            c.commit();
            assertEquals(12, ids.size());
            assertEquals(9, ids.get(0));
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM mcte_queue), (SELECT count(*) FROM mcte_done)")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
                assertEquals(8, rs.getInt(2));
            }
        }
    }
}
