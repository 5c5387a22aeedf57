package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Separate databases end to end: a database made by CREATE DATABASE has tables of its own, seen
 * through JDBC and psql connected to it and not from postgres; it survives kill -9 of the whole
 * server right after CREATE DATABASE returned (and its table's commit); DROP DATABASE is refused
 * while a session is connected (55006 with PostgreSQL's DETAIL), and so is CREATE DATABASE from a
 * template someone is connected to; WITH (FORCE) ends that session,
 * and a dropped database stays dropped across kill -9. Runs against PostgreSQL 15 as well
 * ({@code -Dtusk.itest.target=postgres}).
 */
@Tag("storage")
class DatabasesTest {

    private static Connection connect(StorageServer server, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", StorageServer.USER);
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database, p);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String psql(StorageServer server, String database, String sql) {
        TuskServer.Result r = server.psql("-d", database, "-At", "-c", sql);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().strip();
    }

    @Test
    void createdDatabaseIsSeparateAndDurableAndDropStaysDropped() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of("checkpoint_timeout", "300"))) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE dbt_a");
                s.execute("CREATE TABLE dbt_t (a int)");
                s.execute("INSERT INTO dbt_t VALUES (42)");
            }
            try (Connection c = connect(server, "dbt_a"); Statement s = c.createStatement()) {
                assertEquals(0, count(s, "SELECT count(*) FROM pg_class WHERE relname = 'dbt_t'"),
                    "postgres's table is not in dbt_a");
                s.execute("CREATE TABLE dbt_t (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO dbt_t SELECT g, 'v' || g FROM generate_series(1, 500) g");
                s.execute("CREATE SEQUENCE dbt_seq");
                assertEquals(1, count(s, "SELECT nextval('dbt_seq')"));
            }
            assertEquals("500|dbt_a", psql(server, "dbt_a", "SELECT count(*), current_database() FROM dbt_t"));
            assertEquals("42", psql(server, "postgres", "SELECT a FROM dbt_t"));
            // CREATE DATABASE returns, and the server dies at once
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE dbt_b TEMPLATE dbt_a");
            }
            server.killEverything();
            server.startAgain();
            server.awaitAccepting(Duration.ofSeconds(60), "kill -9 after CREATE DATABASE");
            try (Connection c = connect(server, "dbt_a"); Statement s = c.createStatement()) {
                assertEquals(500, count(s, "SELECT count(*) FROM dbt_t"));
                assertEquals(250, count(s, "SELECT id FROM dbt_t WHERE id = 250"));
                assertTrue(count(s, "SELECT nextval('dbt_seq')") > 1, "the sequence goes on after the crash");
            }
            assertEquals("500", psql(server, "dbt_b", "SELECT count(*) FROM dbt_t"));
            assertEquals("42", psql(server, "postgres", "SELECT a FROM dbt_t"));

            // DROP DATABASE: refused while a session is connected, then WITH (FORCE)
            try (Connection other = connect(server, "dbt_a"); Statement os = other.createStatement()) {
                assertEquals(1, count(os, "SELECT 1"));
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    SQLException busy = assertThrows(SQLException.class, () -> s.execute("DROP DATABASE dbt_a"));
                    assertEquals("55006", busy.getSQLState(), busy.toString());
                    assertTrue(busy.getMessage().contains("database \"dbt_a\" is being accessed by other users"),
                        busy.getMessage());
                    assertTrue(busy.getMessage().contains("There is 1 other session using the database."),
                        busy.getMessage());
                    SQLException template = assertThrows(SQLException.class,
                        () -> s.execute("CREATE DATABASE dbt_c TEMPLATE dbt_a"));
                    assertEquals("55006", template.getSQLState(), template.toString());
                    assertTrue(template.getMessage().contains("source database \"dbt_a\" is being accessed by other users"),
                        template.getMessage());
                    s.execute("DROP DATABASE dbt_a WITH (FORCE)");
                    s.execute("DROP DATABASE dbt_b");
                }
                assertThrows(SQLException.class, () -> count(os, "SELECT 1"), "FORCE ended the other session");
            }
            server.killEverything();
            server.startAgain();
            server.awaitAccepting(Duration.ofSeconds(60), "kill -9 after DROP DATABASE");
            SQLException gone = assertThrows(SQLException.class, () -> connect(server, "dbt_a").close());
            assertEquals("3D000", gone.getSQLState(), gone.toString());
            assertEquals("0", psql(server, "postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'dbt%'"));
            assertEquals("42", psql(server, "postgres", "SELECT a FROM dbt_t"));
        }
    }
}
