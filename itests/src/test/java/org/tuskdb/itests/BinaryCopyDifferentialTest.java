package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY in the binary format (what pgx's CopyFrom and other bulk loaders send), through the JDBC
 * driver's CopyManager against Tusk and PostgreSQL 15: COPY TO STDOUT (FORMAT binary) gives the
 * very bytes PostgreSQL gives, for every common type, NULLs and the special values; what one
 * server writes the other loads back to the same rows; malformed data gets PostgreSQL's errors and
 * the session goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryCopyDifferentialTest {
    private static final String TABLE = "CREATE TABLE bc (a int, b text, c timestamptz, d numeric, e bytea, f int[], "
        + "g bool, h float8, i uuid, j jsonb, k date, l bigint, m smallint, n varchar(5), o interval, p timestamp, "
        + "q real, r text[], s time, t json, u char(3))";
    private static final String ROWS = "INSERT INTO bc VALUES "
        + "(1, 'one', '2024-01-02 03:04:05.123456+00', 12345.678, '\\x00ff', '{1,NULL,3}', true, 1.5, "
        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2]}', '2024-02-29', 9000000000, -3, 'abc', "
        + "'1 day 02:03:04', '2000-01-01 00:00:00', 2.25, '{a,\"b c\",NULL}', '23:59:59.5', '{\"x\":  1}', 'ab'), "
        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
        + "NULL, NULL, NULL, NULL), "
        + "(-7, 'ünï', '-infinity', 'NaN', '\\x', '{}', false, 'Infinity', '00000000-0000-0000-0000-000000000000', "
        + "'null', 'infinity', -1, 32767, '', '-1 mon', '1999-12-31 23:59:59.999999', '-0.5', '{}', '00:00', "
        + "'[]', ''), "
        + "(2, repeat('x', 3000), '1970-01-01 00:00:00+00', -0.000001, decode(repeat('ab', 100), 'hex'), "
        + "'{2147483647,-2147483648}', true, -1e300, 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{\"a\": {\"b\": null}}', "
        + "'0001-01-01', -9223372036854775808, -32768, 'vwxyz', '-178000000 years', '294276-12-31 23:59:59', "
        + "'NaN', '{\"\"}', '12:00', '\"s\"', 'xyz')";

    private StorageServer tusk;
    private StorageServer postgres;

    @BeforeAll
    void startServers() throws Exception {
        StorageServer.Pair servers = StorageServer.startBoth(Map.of("fsync", "off", "TimeZone", "'UTC'"));
        tusk = servers.tusk();
        postgres = servers.postgres();
        for (StorageServer s : List.of(tusk, postgres)) {
            try (Connection c = s.connect(); Statement st = c.createStatement()) {
                st.execute(TABLE);
                st.execute(ROWS);
                st.execute("CREATE TABLE bc_copy (LIKE bc)");
                st.execute("CREATE TABLE bc2 (a int, b text)");
            }
        }
    }

    @AfterAll
    void stopServers() {
        StorageServer.closeQuietly(tusk, postgres);
    }

    @Test
    void copyToBinaryWritesPostgresBytes() throws Exception {
        String sql = "COPY bc TO STDOUT (FORMAT binary)";
        byte[] expected = copyOut(postgres, sql);
        byte[] actual = copyOut(tusk, sql);
        assertArrayEquals(expected, actual, "Tusk's binary COPY differs from PostgreSQL's");
        String query = "COPY (SELECT a, b, f FROM bc WHERE a IS NOT NULL ORDER BY a) TO STDOUT WITH (FORMAT binary)";
        assertArrayEquals(copyOut(postgres, query), copyOut(tusk, query));
    }

    @Test
    void eachServerLoadsWhatTheOtherWrote() throws Exception {
        byte[] fromPostgres = copyOut(postgres, "COPY bc TO STDOUT (FORMAT binary)");
        byte[] fromTusk = copyOut(tusk, "COPY bc TO STDOUT (FORMAT binary)");
        for (StorageServer s : List.of(tusk, postgres)) {
            for (byte[] data : List.of(fromPostgres, fromTusk)) {
                exec(s, "TRUNCATE bc_copy");
                assertEquals(4, copyIn(s, "COPY bc_copy FROM STDIN (FORMAT binary)", data));
                assertEquals(rows(postgres, "SELECT * FROM bc ORDER BY a NULLS LAST, b"),
                    rows(s, "SELECT * FROM bc_copy ORDER BY a NULLS LAST, b"));
            }
        }
        // the data may arrive in pieces of any size
        exec(tusk, "TRUNCATE bc_copy");
        try (Connection c = tusk.connect()) {
            var in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bc_copy FROM STDIN (FORMAT binary)");
            for (int i = 0; i < fromPostgres.length; i += 7) {
                in.writeToCopy(fromPostgres, i, Math.min(7, fromPostgres.length - i));
            }
            assertEquals(4, in.endCopy());
        }
        assertEquals(rows(postgres, "SELECT * FROM bc ORDER BY a NULLS LAST, b"),
            rows(tusk, "SELECT * FROM bc_copy ORDER BY a NULLS LAST, b"));
    }

    @Test
    void malformedBinaryDataGetsPostgresErrors() throws Exception {
        byte[] good = copyOut(postgres, "COPY (SELECT 1, 'x'::text) TO STDOUT (FORMAT binary)");
        byte[] badSignature = good.clone();
        badSignature[0] = 'X';
        byte[] critical = good.clone();
        critical[11] = 0x01; // flags: an unknown critical bit
        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        byte[] afterTrailer = Arrays.copyOf(good, good.length + 1);
        byte[] shortInt = binary(new byte[] {0, 2, 0, 0, 0, 2, 0, 1, 0, 0, 0, 1, 'x'});
        byte[] threeFields = binary(new byte[] {0, 3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
        byte[] badSize = binary(new byte[] {0, 2, -1, -1, -1, -2});
        byte[] textUtf8 = binary(new byte[] {0, 2, -1, -1, -1, -1, 0, 0, 0, 1, (byte) 0xff});
        for (byte[] data : List.of(badSignature, critical, truncated, afterTrailer, shortInt, threeFields, badSize,
            textUtf8)) {
            assertEquals(error(postgres, data), error(tusk, data));
        }
        // the session goes on, and nothing of a failed COPY stays
        for (StorageServer s : List.of(tusk, postgres)) {
            assertEquals(1, copyIn(s, "COPY bc2 FROM STDIN (FORMAT binary)", good));
            assertEquals(List.of("1|x"), rows(s, "SELECT * FROM bc2"));
            exec(s, "TRUNCATE bc2");
        }
    }

    /** A binary COPY stream of the tuples given (after the header; the trailer is appended). */
    private static byte[] binary(byte[] tuples) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.writeBytes(tuples);
        b.writeBytes(new byte[] {-1, -1});
        return b.toByteArray();
    }

    private static String error(StorageServer s, byte[] data) throws SQLException {
        try (Connection c = s.connect()) {
            SQLException e = assertThrows(SQLException.class,
                () -> c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bc2 FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(data)));
            var server = e instanceof org.postgresql.util.PSQLException p ? p.getServerErrorMessage() : null;
            return e.getSQLState() + " " + (server == null ? e.getMessage()
                : server.getMessage() + " | " + server.getWhere());
        }
    }

    private static byte[] copyOut(StorageServer s, String sql) throws Exception {
        try (Connection c = s.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy.copyOut(sql, out);
            return out.toByteArray();
        }
    }

    private static long copyIn(StorageServer s, String sql, byte[] data) throws Exception {
        try (Connection c = s.connect()) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
        }
    }

    private static void exec(StorageServer s, String sql) throws SQLException {
        try (Connection c = s.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> rows(StorageServer s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
