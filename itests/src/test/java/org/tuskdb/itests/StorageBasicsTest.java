package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tables over the wire: every column type round-trips exactly through psql (simple protocol) and
 * JDBC (extended protocol with parameters), UPDATE/DELETE/TRUNCATE/DROP do what PostgreSQL does,
 * errors have PostgreSQL's SQLSTATE and leave the session usable, and committed data survives a
 * clean restart and a kill -9 of every server process. No ORDER BY, aggregates or joins: rows
 * are compared in Java, so only the storage SQL of issue 4 is needed.
 */
@Tag("storage")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageBasicsTest {
    private StorageServer server;

    @BeforeAll
    void startServer() {
        server = StorageServer.start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static final String TYPES_DDL = "CREATE TABLE %s (i int NOT NULL, b bigint, t text, v varchar(10), f boolean, "
            + "n numeric, ts timestamp)";

    /** One row of the all-types table, as Java values. */
    record Row(int i, Long b, String t, String v, Boolean f, BigDecimal n, LocalDateTime ts) {}

    static Map<Integer, Row> readAll(Connection c, String table) throws SQLException {
        Map<Integer, Row> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i, b, t, v, f, n, ts FROM " + table)) {
            while (rs.next()) {
                Row r = new Row(rs.getInt(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                        (Boolean) rs.getObject(5), rs.getBigDecimal(6), rs.getObject(7, LocalDateTime.class));
                assertEquals(null, rows.put(r.i(), r), "i is unique in " + table + ": " + r.i());
            }
        }
        return rows;
    }

    /** The values of column i (sorted), for tables with an int column named i. */
    static List<Integer> ids(Connection c, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        ids.sort(null);
        return ids;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static String sqlState(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> exec(c, sql), sql);
        return e.getSQLState();
    }

    static void assertSessionWorks(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1), "the session goes on after the error");
        }
    }

    @Test
    void psqlInsertsAndSelectsEveryColumnTypeExactly() throws SQLException {
        TuskServer.Result ddl = server.psql("-c", TYPES_DDL.formatted("types_psql"));
        assertEquals(0, ddl.exitCode(), ddl.toString());
        assertEquals("CREATE TABLE", ddl.stdout().strip());
        TuskServer.Result ins = server.psql(
                "-c", "INSERT INTO types_psql VALUES (1, 9223372036854775807, 'it''s ünïcödé ☃', 'abcdefghij', true, "
                        + "12345.678901234567890, '2024-02-29 13:45:56.123456')",
                "-c", "INSERT INTO types_psql (i, b, t, v, f, n, ts) VALUES (-2147483648, -9223372036854775808, '', '', false, "
                        + "-0.000001, '1999-12-31 23:59:59')",
                "-c", "INSERT INTO types_psql (i) VALUES (2147483647)",
                "-c", "INSERT INTO types_psql VALUES (3, 0, 'x', 'y', NULL, 0, '2000-01-01 00:00:00'), "
                        + "(4, 1, 'multi', 'row', true, 100, '2038-01-19 03:14:08')");
        assertEquals(0, ins.exitCode(), ins.toString());
        assertEquals(List.of("INSERT 0 1", "INSERT 0 1", "INSERT 0 1", "INSERT 0 2"), ins.stdout().strip().lines().toList());

        TuskServer.Result sel = server.psql("-At", "-c", "SELECT i, b, t, v, f, n, ts FROM types_psql WHERE i = 1",
                "-c", "SELECT i, b, t, v, f, n, ts FROM types_psql WHERE i = 2147483647",
                "-c", "SELECT i, b, t, v, f, n, ts FROM types_psql WHERE b < 0");
        assertEquals(0, sel.exitCode(), sel.toString());
        assertEquals(List.of(
                "1|9223372036854775807|it's ünïcödé ☃|abcdefghij|t|12345.678901234567890|2024-02-29 13:45:56.123456",
                "2147483647||||||",
                "-2147483648|-9223372036854775808|||f|-0.000001|1999-12-31 23:59:59"), sel.stdout().strip().lines().toList());

        try (Connection c = server.connect()) {
            Map<Integer, Row> rows = readAll(c, "types_psql");
            assertEquals(List.of(-2147483648, 1, 3, 4, 2147483647), List.copyOf(rows.keySet()));
            assertEquals(new Row(1, Long.MAX_VALUE, "it's ünïcödé ☃", "abcdefghij", true, new BigDecimal("12345.678901234567890"),
                    LocalDateTime.of(2024, 2, 29, 13, 45, 56, 123_456_000)), rows.get(1));
            assertEquals(new Row(2147483647, null, null, null, null, null, null), rows.get(2147483647));
            assertEquals(new Row(3, 0L, "x", "y", null, new BigDecimal("0"), LocalDateTime.of(2000, 1, 1, 0, 0)), rows.get(3));
            assertEquals(new Row(4, 1L, "multi", "row", true, new BigDecimal("100"), LocalDateTime.of(2038, 1, 19, 3, 14, 8)), rows.get(4));
        }
    }

    @Test
    void preparedInsertsWithParametersRoundTripExactly() throws SQLException {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", "1"); // named server-side statements from the second execution on
        try (Connection c = server.connect(p)) {
            exec(c, TYPES_DDL.formatted("types_jdbc"));
            List<Row> expected = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO types_jdbc (i, b, t, v, f, n, ts) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int k = 0; k < 20; k++) {
                    Row r = k == 7
                            ? new Row(k, null, null, null, null, null, null)
                            : new Row(k, k * 1_000_000_007L - 5_000_000_000L, "row " + k + " 'q' \"dq\" \\ ☃", "v" + k,
                                    k % 2 == 0, new BigDecimal("-987654321.123456789").add(BigDecimal.valueOf(k)),
                                    LocalDateTime.of(2020 + k, 1 + k % 12, 1 + k, k % 24, k, k, k * 1000));
                    ps.setInt(1, r.i());
                    if (r.b() == null) {
                        ps.setNull(2, Types.BIGINT);
                        ps.setNull(3, Types.VARCHAR);
                        ps.setNull(4, Types.VARCHAR);
                        ps.setNull(5, Types.BOOLEAN);
                        ps.setNull(6, Types.NUMERIC);
                        ps.setNull(7, Types.TIMESTAMP);
                    } else {
                        ps.setLong(2, r.b());
                        ps.setString(3, r.t());
                        ps.setString(4, r.v());
                        ps.setBoolean(5, r.f());
                        ps.setBigDecimal(6, r.n());
                        ps.setObject(7, r.ts());
                    }
                    assertEquals(1, ps.executeUpdate());
                    expected.add(r);
                }
            }
            Map<Integer, Row> rows = readAll(c, "types_jdbc");
            assertEquals(expected.size(), rows.size());
            for (Row r : expected) {
                assertEquals(r, rows.get(r.i()));
            }
            // a parameter in WHERE, executed often enough to be a named server-side statement
            try (PreparedStatement ps = c.prepareStatement("SELECT t, n FROM types_jdbc WHERE i = ?")) {
                for (int k = 0; k < 20; k++) {
                    ps.setInt(1, k);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "row " + k);
                        assertEquals(expected.get(k).t(), rs.getString(1));
                        assertEquals(expected.get(k).n(), rs.getBigDecimal(2));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void updateDeleteTruncateAndDropBehaveLikePostgres() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE udt (i int, v text, n bigint)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO udt VALUES (?, ?, ?)")) {
                for (int k = 1; k <= 10; k++) {
                    ps.setInt(1, k);
                    ps.setString(2, "v" + k);
                    ps.setLong(3, k * 10L);
                    ps.executeUpdate();
                }
            }
            assertEquals(5, update(c, "UPDATE udt SET v = 'big', n = n * 2 + 1 WHERE i > 5"));
            assertEquals(0, update(c, "UPDATE udt SET v = 'none' WHERE i > 100"));
            assertEquals(3, update(c, "DELETE FROM udt WHERE i <= 3"));
            assertEquals(0, update(c, "DELETE FROM udt WHERE i <= 3"), "deleted rows are gone");
            Map<Integer, String> rows = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i, v, n FROM udt")) {
                while (rs.next()) {
                    rows.put(rs.getInt(1), rs.getString(2) + ":" + rs.getLong(3));
                }
            }
            assertEquals(Map.of(4, "v4:40", 5, "v5:50", 6, "big:121", 7, "big:141", 8, "big:161", 9, "big:181", 10, "big:201"), rows);
            // updating the same rows again walks the newest versions only
            assertEquals(7, update(c, "UPDATE udt SET n = n + 1"));
            assertEquals(List.of(6, 7, 8, 9, 10), ids(c, "SELECT i FROM udt WHERE n > 100"));

            TuskServer.Result tags = server.psql("-c", "UPDATE udt SET v = 'x' WHERE i = 4", "-c", "DELETE FROM udt WHERE i = 5",
                    "-c", "TRUNCATE udt", "-c", "INSERT INTO udt (i) VALUES (99)", "-c", "DROP TABLE udt");
            assertEquals(0, tags.exitCode(), tags.toString());
            assertEquals(List.of("UPDATE 1", "DELETE 1", "TRUNCATE TABLE", "INSERT 0 1", "DROP TABLE"), tags.stdout().strip().lines().toList());
            assertEquals("42P01", sqlState(c, "SELECT i FROM udt"), "a dropped table is gone");
            exec(c, "CREATE TABLE udt (i int)"); // the name is free again, with a new definition
            assertEquals(List.of(), ids(c, "SELECT i FROM udt"));
            exec(c, "DROP TABLE udt");
        }
    }

    @Test
    void truncatedTableIsEmptyAndUsable() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE trunc (i int)");
            for (int k = 0; k < 50; k++) {
                exec(c, "INSERT INTO trunc VALUES (" + k + ")");
            }
            exec(c, "TRUNCATE TABLE trunc");
            assertEquals(List.of(), ids(c, "SELECT i FROM trunc"));
            exec(c, "INSERT INTO trunc VALUES (7)");
            assertEquals(List.of(7), ids(c, "SELECT i FROM trunc"));
            // TRUNCATE is transactional: rolled back, the rows are back
            c.setAutoCommit(false);
            exec(c, "TRUNCATE trunc");
            assertEquals(List.of(), ids(c, "SELECT i FROM trunc"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of(7), ids(c, "SELECT i FROM trunc"));
        }
    }

    @Test
    void errorsHavePostgresSqlstatesAndTheSessionGoesOn() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE errs (id int NOT NULL, v varchar(10), n int)");
            exec(c, "INSERT INTO errs VALUES (1, 'one', 10)");

            assertEquals("42P01", sqlState(c, "SELECT * FROM no_such_table"));
            assertSessionWorks(c);
            assertEquals("42P01", sqlState(c, "INSERT INTO no_such_table VALUES (1)"));
            assertSessionWorks(c);
            assertEquals("42P07", sqlState(c, "CREATE TABLE errs (x int)"));
            assertSessionWorks(c);
            assertEquals("22P02", sqlState(c, "INSERT INTO errs (id, n) VALUES (2, '12x')"));
            assertSessionWorks(c);
            assertEquals("22P02", sqlState(c, "SELECT id FROM errs WHERE n = 'abc'"));
            assertSessionWorks(c);
            assertEquals("22012", sqlState(c, "SELECT n / 0 FROM errs"));
            assertSessionWorks(c);
            assertEquals("22012", sqlState(c, "UPDATE errs SET n = n / (n - 10)"));
            assertSessionWorks(c);
            assertEquals("23502", sqlState(c, "INSERT INTO errs (id, v) VALUES (NULL, 'null id')"));
            assertSessionWorks(c);
            assertEquals("23502", sqlState(c, "INSERT INTO errs (v) VALUES ('no id')"));
            assertSessionWorks(c);
            assertEquals("23502", sqlState(c, "UPDATE errs SET id = NULL"));
            assertSessionWorks(c);
            assertEquals("22003", sqlState(c, "INSERT INTO errs (id) VALUES (2147483648)"));
            assertSessionWorks(c);
            assertEquals("22001", sqlState(c, "INSERT INTO errs (id, v) VALUES (3, 'elevenchars')"));
            assertSessionWorks(c);

            // no failed statement left anything behind, and the one row is unchanged
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v, n FROM errs")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("one", rs.getString(2));
                assertEquals(10, rs.getInt(3));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void errorInATransactionAbortsItUntilRollback() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE errtx (id int NOT NULL)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO errtx VALUES (1)");
            assertEquals("23502", sqlState(c, "INSERT INTO errtx VALUES (NULL)"));
            assertEquals("25P02", sqlState(c, "INSERT INTO errtx VALUES (2)"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(List.of(), ids(c, "SELECT id FROM errtx"), "the rolled-back insert before the error is gone too");
            assertSessionWorks(c);
        }
    }

    @Test
    void psqlReportsStorageErrorsWithSqlstate() {
        TuskServer.Result r = server.psql("-v", "VERBOSITY=verbose", "-c", "SELECT * FROM psql_no_such_table");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("42P01"), r.stderr());
        assertTrue(r.stderr().contains("relation \"psql_no_such_table\" does not exist"), r.stderr());
    }

    @Test
    void rolledBackDdlLeavesNoTable() throws SQLException {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            exec(c, "CREATE TABLE ddl_rolled_back (i int)");
            exec(c, "INSERT INTO ddl_rolled_back VALUES (1)");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("42P01", sqlState(c, "SELECT i FROM ddl_rolled_back"));
            exec(c, "CREATE TABLE ddl_rolled_back (i int)"); // the name is free
            exec(c, "DROP TABLE ddl_rolled_back");
        }
    }

    /** Committed rows, updates, deletes and DDL of a few tables; an open transaction's rows that must never appear. */
    private Connection prepareRestartData(String prefix) throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, TYPES_DDL.formatted(prefix + "_types"));
            exec(c, "INSERT INTO " + prefix + "_types VALUES (1, 10, 'ten', 'x', true, 1.5, '2024-01-02 03:04:05.678')");
            exec(c, "INSERT INTO " + prefix + "_types VALUES (2, 20, 'twenty', 'y', false, -2.25, '2024-06-07 08:09:10')");
            exec(c, "CREATE TABLE " + prefix + "_many (i int, pad text)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "_many VALUES (?, ?)")) {
                c.setAutoCommit(false);
                for (int k = 0; k < 2000; k++) { // several pages
                    ps.setInt(1, k);
                    ps.setString(2, "padding ".repeat(10) + k);
                    ps.executeUpdate();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            exec(c, "UPDATE " + prefix + "_types SET t = 'TWENTY', n = n * 2 WHERE i = 2");
            exec(c, "DELETE FROM " + prefix + "_many WHERE i >= 1000");
            exec(c, "CREATE TABLE " + prefix + "_dropped (i int)");
            exec(c, "DROP TABLE " + prefix + "_dropped");
            exec(c, "CREATE TABLE " + prefix + "_truncated (i int)");
            exec(c, "INSERT INTO " + prefix + "_truncated VALUES (1)");
            exec(c, "TRUNCATE " + prefix + "_truncated");
            exec(c, "INSERT INTO " + prefix + "_truncated VALUES (2)");
        }
        // left open and uncommitted while the server goes down
        Connection open = server.connect();
        open.setAutoCommit(false);
        exec(open, "INSERT INTO " + prefix + "_types (i, t) VALUES (3, 'uncommitted')");
        exec(open, "UPDATE " + prefix + "_types SET t = 'uncommitted update' WHERE i = 1");
        exec(open, "DELETE FROM " + prefix + "_many WHERE i < 10");
        exec(open, "CREATE TABLE " + prefix + "_uncommitted (i int)");
        return open;
    }

    private void checkRestartData(String prefix) throws SQLException {
        try (Connection c = server.connect()) {
            Map<Integer, Row> rows = readAll(c, prefix + "_types");
            assertEquals(Map.of(
                    1, new Row(1, 10L, "ten", "x", true, new BigDecimal("1.5"), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000)),
                    2, new Row(2, 20L, "TWENTY", "y", false, new BigDecimal("-4.50"), LocalDateTime.of(2024, 6, 7, 8, 9, 10))),
                    rows, "committed rows and the committed update, nothing of the open transaction\n" + server.logs());
            List<Integer> many = ids(c, "SELECT i FROM " + prefix + "_many");
            assertEquals(1000, many.size(), "2000 committed, 1000 deleted, the open transaction's delete undone");
            assertEquals(0, many.get(0));
            assertEquals(999, many.get(999));
            assertEquals("42P01", sqlState(c, "SELECT i FROM " + prefix + "_dropped"));
            assertEquals("42P01", sqlState(c, "SELECT i FROM " + prefix + "_uncommitted"));
            assertEquals(List.of(2), ids(c, "SELECT i FROM " + prefix + "_truncated"));
            // and the tables take new rows
            exec(c, "INSERT INTO " + prefix + "_types (i, t) VALUES (4, 'after restart')");
            assertEquals(List.of(1, 2, 4), ids(c, "SELECT i FROM " + prefix + "_types"));
        }
    }

    @Test
    void committedDataSurvivesCleanRestart() throws SQLException {
        Connection open = prepareRestartData("clean");
        try {
            TuskServer.Result stop = server.stop("fast");
            assertEquals(0, stop.exitCode(), stop.toString());
        } finally {
            open.close();
        }
        assertTrue(server.serverProcesses().isEmpty(), "stopped: " + server.ps());
        server.startAgain();
        checkRestartData("clean");
    }

    @Test
    void committedDataSurvivesKillNineOfEveryProcess() throws SQLException {
        Connection open = prepareRestartData("crash");
        try {
            server.killEverything();
        } finally {
            open.close();
        }
        assertTrue(server.serverProcesses().isEmpty(), "all killed: " + server.ps());
        server.startAgain();
        checkRestartData("crash");
        // a second crash right after recovery loses nothing either
        server.killEverything();
        server.startAgain();
        try (Connection c = server.connect()) {
            assertEquals(List.of(1, 2, 4), ids(c, "SELECT i FROM crash_types"));
            assertNull(readAll(c, "crash_types").get(4).b());
        }
    }

    /**
     * pg_stat_activity's backend_xid and backend_xmin, as a monitoring query sees another
     * session: a repeatable-read snapshot shows as backend_xmin, the first write's xid as
     * backend_xid (txid_current() of that session), and both are gone once it commits.
     */
    @Test
    void pgStatActivityShowsAnotherSessionsXidAndSnapshotXmin() throws Exception {
        try (Connection a = server.connect(); Statement sa = a.createStatement();
             Connection b = server.connect(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE xid_watch (i int)");
            String pid = one(sa, "SELECT pg_backend_pid()");
            String watch = "SELECT coalesce(backend_xid::text, '-') || '/' || coalesce(backend_xmin::text, '-')"
                    + " FROM pg_stat_activity WHERE pid = " + pid;
            assertEquals("-/-", one(sb, watch), "idle: neither");
            a.setAutoCommit(false);
            a.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            sa.executeQuery("SELECT count(*) FROM xid_watch").close();
            String[] snapshotOnly = one(sb, watch).split("/");
            assertEquals("-", snapshotOnly[0], "no xid before the first write");
            assertTrue(Long.parseLong(snapshotOnly[1]) > 0, "the snapshot's xmin");
            sa.executeUpdate("INSERT INTO xid_watch VALUES (1)");
            String xid = one(sa, "SELECT txid_current()");
            String[] writing = one(sb, watch).split("/");
            assertEquals(xid, writing[0], "the xid of the write");
            assertTrue(Long.parseLong(writing[1]) <= Long.parseLong(xid), "xmin " + writing[1] + " xid " + xid);
            a.commit();
            assertEquals("-/-", one(sb, watch), "committed: neither");
        }
    }

    /**
     * COPY FROM into tables without indexes goes to the heap in batches (one WAL record per
     * page): what committed survives kill -9 of every process row for row, a failed COPY and a
     * rolled-back one leave nothing, a row too big for a page fails on its own line, and
     * inserts after the restart land beside the replayed rows.
     */
    @Test
    void copyBatchesSurviveKillOfEveryProcess() throws Exception {
        StringBuilder data = new StringBuilder();
        long lengths = 0;
        for (int i = 1; i <= 20000; i++) {
            String t = "v" + i + "x".repeat(i % 300);
            lengths += t.length();
            data.append(i).append('\t').append(t).append('\n');
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_crash (i int, t text)");
            s.execute("CREATE TABLE copy_crash_serial (id serial, t text)");
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            assertEquals(20000, copy.copyIn("COPY copy_crash FROM STDIN", new java.io.StringReader(data.toString())));
            assertEquals(3, copy.copyIn("COPY copy_crash_serial (t) FROM STDIN", new java.io.StringReader("a\nb\nc\n")));
            SQLException bad = assertThrows(SQLException.class, () -> copy.copyIn("COPY copy_crash FROM STDIN",
                    new java.io.StringReader(data + "20001\tlast\nnot a number\tx\n")));
            assertEquals("22P02", bad.getSQLState());
            assertTrue(bad.getMessage().contains("line 20002"), bad.getMessage());
            if (server.kind().equals("tusk")) { // no TOAST yet: PostgreSQL would compress the row
                SQLException big = assertThrows(SQLException.class, () -> copy.copyIn("COPY copy_crash FROM STDIN",
                        new java.io.StringReader("1\tsmall\n2\t" + "y".repeat(9000) + "\n")));
                assertEquals("54000", big.getSQLState());
                assertTrue(big.getMessage().contains("line 2"), big.getMessage());
            }
            c.setAutoCommit(false);
            copy.copyIn("COPY copy_crash FROM STDIN", new java.io.StringReader(data.toString()));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("20000 " + lengths, one(s, "SELECT count(*) || ' ' || sum(length(t)) FROM copy_crash"));
        }
        server.killEverything();
        server.startAgain();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            assertEquals("20000 " + lengths, one(s, "SELECT count(*) || ' ' || sum(length(t)) FROM copy_crash"));
            assertEquals("20000", one(s, "SELECT count(DISTINCT i) FROM copy_crash WHERE t = 'v' || i || repeat('x', i % 300)"));
            assertEquals("1,2,3", one(s, "SELECT string_agg(id::text, ',' ORDER BY id) FROM copy_crash_serial"));
            s.execute("INSERT INTO copy_crash VALUES (0, 'after')");
            assertEquals("20001", one(s, "SELECT count(*) FROM copy_crash"));
            s.execute("DROP TABLE copy_crash");
            s.execute("DROP TABLE copy_crash_serial");
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
