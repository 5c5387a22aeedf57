package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * User-defined types through the PostgreSQL JDBC driver, against one Tusk and one throwaway
 * PostgreSQL 15: enum parameters as ORMs bind them (setString with stringtype=unspecified,
 * setObject with Types.OTHER, text and binary transfer), the column type the driver reports
 * (ResultSetMetaData: the type's own oid, looked up in pg_type by the driver) and what getString
 * / getObject return. Each scenario's transcript must be PostgreSQL's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserTypesJdbcDifferentialTest {
    private static final String[] SCHEMA = {
        "CREATE TYPE ut_mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE TABLE ut_person (id int PRIMARY KEY, m ut_mood, ms ut_mood[])",
        "INSERT INTO ut_person VALUES (1, 'happy', '{sad,ok}'), (2, 'sad', NULL), (3, NULL, '{}')",
        "CREATE DOMAIN ut_posint AS integer CHECK (VALUE > 0)",
        "CREATE DOMAIN ut_code AS varchar(4) NOT NULL",
        "CREATE DOMAIN ut_price AS numeric(6,2)",
        "CREATE TABLE ut_item (id ut_posint PRIMARY KEY, code ut_code, price ut_price)",
        "INSERT INTO ut_item VALUES (1, 'ab', 1.5), (2, 'cd', NULL)",
        "CREATE TYPE ut_pair AS (n int, s text)",
        "CREATE TABLE ut_pairs (id int PRIMARY KEY, p ut_pair, ps ut_pair[])",
        "INSERT INTO ut_pairs VALUES (1, ROW(1, 'a b'), ARRAY[ROW(2, NULL)::ut_pair]), (2, NULL, NULL)",
    };

    /** A scenario on one connection, writing what it sees to the transcript. */
    interface Scenario {
        void run(Connection c, List<String> out) throws SQLException;
    }

    private StorageServer tusk;
    private StorageServer postgres;

    @BeforeAll
    void startServers() throws Exception {
        StorageServer.Pair servers = StorageServer.startBoth(Map.of("fsync", "off", "TimeZone", "'UTC'"));
        tusk = servers.tusk();
        postgres = servers.postgres();
        for (StorageServer s : List.of(tusk, postgres)) {
            try (Connection c = s.connect(); Statement st = c.createStatement()) {
                for (String sql : SCHEMA) {
                    st.execute(sql);
                }
            }
        }
    }

    @AfterAll
    void stopServers() {
        StorageServer.closeQuietly(tusk, postgres);
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private void same(String what, Properties props, Scenario scenario) throws SQLException {
        List<String> expected = transcript(postgres, props, scenario);
        List<String> actual = transcript(tusk, props, scenario);
        if (!expected.equals(actual)) {
            fail(what + ": Tusk differs from PostgreSQL\n--- PostgreSQL\n" + String.join("\n", expected)
                + "\n--- Tusk\n" + String.join("\n", actual));
        }
    }

    private static List<String> transcript(StorageServer server, Properties props, Scenario scenario)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(props)) {
            c.setAutoCommit(true);
            scenario.run(c, out);
        }
        return out;
    }

    /** Column labels with the driver's type name, code and class, then rows by getString and getObject. */
    private static void dump(ResultSet rs, List<String> out) throws SQLException {
        ResultSetMetaData m = rs.getMetaData();
        StringBuilder h = new StringBuilder();
        for (int i = 1; i <= m.getColumnCount(); i++) {
            h.append(m.getColumnLabel(i)).append(':').append(m.getColumnTypeName(i)).append('/')
                .append(m.getColumnType(i)).append('/').append(m.getColumnClassName(i)).append(' ');
        }
        out.add(h.toString().strip());
        while (rs.next()) {
            StringBuilder r = new StringBuilder();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                Object o = rs.getObject(i);
                r.append(rs.getString(i)).append('=').append(o == null ? "null" : o.getClass().getSimpleName() + ":" + o)
                    .append('|');
            }
            out.add(r.toString());
        }
    }

    private static void query(PreparedStatement ps, List<String> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            dump(rs, out);
        }
    }

    private static void error(SQLException e, List<String> out) {
        out.add("ERROR " + e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
    }

    private static Scenario parameters() {
        return (c, out) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, m, ms FROM ut_person WHERE m = ? ORDER BY id")) {
                for (int round = 0; round < 7; round++) { // past prepareThreshold: a server-side statement
                    ps.setString(1, round % 2 == 0 ? "happy" : "sad");
                    query(ps, out);
                }
                ps.setObject(1, "happy", Types.OTHER);
                query(ps, out);
                ps.setString(1, "nope");
                try {
                    query(ps, out);
                } catch (SQLException e) {
                    error(e, out);
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO ut_person VALUES (?, ?, ?)")) {
                ins.setInt(1, 10);
                ins.setObject(2, "ok", Types.OTHER);
                ins.setObject(3, "{happy,ok}", Types.OTHER);
                out.add("insert " + ins.executeUpdate());
                ins.setInt(1, 11);
                ins.setString(2, "sad");
                ins.setNull(3, Types.OTHER);
                out.add("insert " + ins.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, m, ms, m::text AS t FROM ut_person ORDER BY m, id")) {
                query(ps, out);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM ut_person WHERE id >= 10");
            }
        };
    }

    @Test
    void enumParametersAsStringsUnspecified() throws SQLException {
        same("stringtype=unspecified", props("stringtype", "unspecified"), parameters());
    }

    @Test
    void enumParametersAsStringsUnspecifiedInBinary() throws SQLException {
        same("binary transfer", props("stringtype", "unspecified", "prepareThreshold", "-1", "binaryTransfer", "true"),
            parameters());
    }

    /** PostgreSQL describes a domain's column as its base type and modifier (printtup), and checks parameters. */
    @Test
    void domainColumnsAndParameters() throws SQLException {
        same("domains", props(), (c, out) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, code, price, id + 1 AS next, pg_typeof(id)::text AS ty FROM ut_item WHERE id >= ? ORDER BY id")) {
                ps.setInt(1, 1);
                query(ps, out);
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO ut_item VALUES (?, ?, ?)")) {
                ins.setInt(1, 3);
                ins.setString(2, "ef");
                ins.setBigDecimal(3, new java.math.BigDecimal("2.25"));
                out.add("insert " + ins.executeUpdate());
                for (Object[] bad : new Object[][] {{-1, "gh"}, {4, null}, {5, "toolong"}}) {
                    ins.setInt(1, (Integer) bad[0]);
                    ins.setString(2, (String) bad[1]);
                    ins.setNull(3, Types.NUMERIC);
                    try {
                        out.add("insert " + ins.executeUpdate());
                    } catch (SQLException e) {
                        error(e, out);
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM ut_item WHERE id >= 3");
            }
        });
    }

    /** Composite values: getObject gives a PGobject of the text form; a parameter binds as record_in's text. */
    @Test
    void compositeColumnsAndParameters() throws SQLException {
        for (Properties p : List.of(props(), props("prepareThreshold", "-1", "binaryTransfer", "true"))) {
            same("composites " + p, p, (c, out) -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, p, ps, (p).s AS s, ROW(id, 'x')::ut_pair AS made FROM ut_pairs WHERE id >= ? ORDER BY id")) {
                    ps.setInt(1, 1);
                    query(ps, out);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT ?::ut_pair AS q, (?::ut_pair).n AS n")) {
                    ps.setObject(1, "(7,\"q r\")", Types.OTHER);
                    ps.setString(2, "(8,)");
                    query(ps, out);
                    ps.setString(1, "(x)");
                    try {
                        query(ps, out);
                    } catch (SQLException e) {
                        error(e, out);
                    }
                }
            });
        }
    }

    @Test
    void enumColumnsReadBack() throws SQLException {
        same("columns", props(), (c, out) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT m, ms, enum_range(NULL::ut_mood) AS r, 'ok'::ut_mood AS k, pg_typeof(m)::text AS ty FROM ut_person ORDER BY id")) {
                query(ps, out);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT m FROM ut_person WHERE id = 1")) {
                dump(rs, out);
            }
        });
    }
}
