package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** psql and the JDBC driver connect to a real server and run table-less SQL. */
class ConnectAndQueryTest extends SharedServer {

    @Test
    void psqlRunsSimpleQueries() {
        TuskServer.Result r = server.psql("-At", "-c", "SELECT 1 + 2 * 3, 'a' || 'b', 7 / 2, 7.0 / 2, 2 > 1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("7|ab|3|3.5000000000000000|t", r.stdout().strip());
    }

    @Test
    void psqlShowsColumnNamesAndCommandTags() {
        TuskServer.Result r = server.psql("-c", "SELECT 1 AS one, CASE WHEN true THEN 'yes' END", "-c", "SET application_name = 'itest'",
                "-c", "SHOW application_name");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains(" one | case "), r.stdout());
        assertTrue(r.stdout().contains("SET"), r.stdout());
        assertTrue(r.stdout().contains(" itest"), r.stdout());
    }

    @Test
    void versionReportsPostgres15Compatibility() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('server_version_num')")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL 15"), rs.getString(1));
            assertEquals("150000", rs.getString(2));
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
        }
    }

    @Test
    void jdbcPreparedStatementsBindParametersInTextAndBinary() throws SQLException {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", "1"); // named server-side statements from the second use on
        try (Connection c = server.connect(p); PreparedStatement ps = c.prepareStatement("SELECT ?::int8 * 2, ? || '!', ?::bool")) {
            for (int i = 0; i < 5; i++) {
                ps.setLong(1, 21 + i);
                ps.setString(2, "hi" + i);
                ps.setBoolean(3, i % 2 == 0);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + 2L * i, rs.getLong(1));
                    assertEquals("hi" + i + "!", rs.getString(2));
                    assertEquals(i % 2 == 0, rs.getBoolean(3));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void jdbcDefaultPrepareThresholdSwitchesToANamedStatementAndTheGenericPlan() throws SQLException {
        // the driver's default prepareThreshold (5) moves to a named server statement at the fifth
        // use; the server plans custom plans for five Binds of it, then keeps the generic plan
        try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT g * ? + 0 * (10 / ?), (SELECT count(*) FROM generate_series(1, ?)) FROM generate_series(1, 2) g ORDER BY 1")) {
            for (int i = 1; i <= 15; i++) {
                ps.setInt(1, i);
                ps.setInt(2, i);
                ps.setInt(3, i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                    assertEquals(i, rs.getLong(2));
                    assertTrue(rs.next());
                    assertEquals(2 * i, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            // an error of planning (a custom plan folds 10 / 0) or of execution: 22012 either way
            ps.setInt(1, 1);
            ps.setInt(2, 0);
            ps.setInt(3, 1);
            PSQLException e = assertThrows(PSQLException.class, ps::executeQuery);
            assertEquals("22012", e.getSQLState());
        }
    }

    @Test
    void jdbcFetchSizeUsesPortalSuspension() throws SQLException {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(2);
                try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertTrue(n >= 2, "pg_stat_activity lists this backend and the auxiliary processes: " + n);
                }
            }
            c.commit();
        }
    }

    @Test
    void syntaxErrorCarriesSqlstateAndPosition() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("SELECT 1 2"));
            assertEquals("42601", e.getSQLState());
            assertEquals(10, e.getServerErrorMessage().getPosition());
            try (ResultSet rs = s.executeQuery("SELECT 1")) { // the session goes on
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void unknownFunctionAndSettingHavePostgresSqlstates() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals("42883", assertThrows(SQLException.class, () -> s.executeQuery("SELECT no_such_function(1)")).getSQLState());
            assertEquals("42704", assertThrows(SQLException.class, () -> s.execute("SET no_such_setting = 1")).getSQLState());
            assertEquals("22012", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0")).getSQLState());
        }
    }

    @Test
    void abortedTransactionRejectsCommandsUntilRollback() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1/0"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
            assertEquals("25P02", e.getSQLState());
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void psqlReportsErrorsWithSqlstate() {
        TuskServer.Result r = server.psql("-v", "VERBOSITY=verbose", "-c", "SELECT foo(");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("42601"), r.stderr());
    }
}
