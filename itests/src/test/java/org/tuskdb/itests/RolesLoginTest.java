package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Logging in as a role on a real server through the JDBC driver: the StartupMessage's user must be
 * a role with LOGIN (FATAL 28000 otherwise), its ALTER ROLE settings apply, and privileges are
 * checked for it — also by a pooled backend that served the superuser before (its warm-up ran as
 * the bootstrap superuser).
 */
class RolesLoginTest extends SharedServer {

    private Connection as(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return server.connect(p);
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void onlyRolesWithLoginConnectAndTheirPrivilegesAreChecked() throws Exception {
        try (Connection admin = server.connect(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE it_app LOGIN");
            s.execute("CREATE ROLE it_group");
            s.execute("ALTER ROLE it_app SET work_mem = '3MB'");
            s.execute("CREATE TABLE it_secret (a int)");
            s.execute("CREATE TABLE it_open (a int)");
            s.execute("GRANT SELECT ON it_open TO it_app");
        }
        SQLException missing = assertThrows(SQLException.class, () -> as("it_nobody").close());
        assertEquals("28000", missing.getSQLState());
        SQLException nologin = assertThrows(SQLException.class, () -> as("it_group").close());
        assertEquals("28000", nologin.getSQLState());
        for (int i = 0; i < 3; i++) { // a pooled backend serves it after other sessions, too
            try (Connection app = as("it_app")) {
                assertEquals("it_app", value(app, "SELECT current_user"));
                assertEquals("3MB", value(app, "SHOW work_mem"));
                assertEquals("off", value(app, "SHOW is_superuser"));
                assertEquals("0", value(app, "SELECT count(*) FROM it_open"));
                SQLException denied = assertThrows(SQLException.class, () -> value(app, "SELECT * FROM it_secret"));
                assertEquals("42501", denied.getSQLState());
                assertEquals("ERROR: permission denied for table it_secret", denied.getMessage());
            }
            try (Connection admin = server.connect()) {
                assertEquals("on", value(admin, "SHOW is_superuser"));
            }
        }
        try (Connection admin = server.connect(); Statement s = admin.createStatement()) {
            s.execute("DROP TABLE it_secret, it_open");
            s.execute("DROP ROLE it_app, it_group");
        }
    }

    /** The StartupMessage's database must exist and accept connections, as PostgreSQL's InitPostgres checks. */
    @Test
    void onlyExistingDatabasesAcceptConnections() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "tusk");
        String base = "jdbc:postgresql://127.0.0.1:" + server.port() + "/";
        SQLException missing = assertThrows(SQLException.class,
            () -> java.sql.DriverManager.getConnection(base + "no_such_db", p).close());
        assertEquals("3D000", missing.getSQLState());
        assertEquals("FATAL: database \"no_such_db\" does not exist", missing.getMessage());
        SQLException closed = assertThrows(SQLException.class,
            () -> java.sql.DriverManager.getConnection(base + "template0", p).close());
        assertEquals("55000", closed.getSQLState());
        try (Connection c = java.sql.DriverManager.getConnection(base + "template1", p)) {
            assertEquals("template1", value(c, "SELECT current_database()"));
        }
        try (Connection c = server.connect()) {
            assertEquals("postgres", value(c, "SELECT current_database()"), "the server goes on");
        }
    }
}
