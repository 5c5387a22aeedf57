package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * COPY with real clients: the JDBC driver's CopyManager (in and out, a CopyFail, a client that
 * vanishes in the middle of its data) and pgbench's client-side data generation, which loads its
 * tables with COPY FROM STDIN.
 */
class CopyTest extends SharedServer {

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void copyManagerRoundTripsRowsInTextAndCsv() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_jdbc (id int PRIMARY KEY, name text, amount numeric(10,2))");
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 5000; i++) {
                data.append(i).append('\t').append(i % 7 == 0 ? "\\N" : "name\\t" + i).append('\t').append(i).append(".50\n");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(5000, copy.copyIn("COPY copy_jdbc FROM STDIN", new StringReader(data.toString())));
            assertEquals(714, count(c, "SELECT count(*) FROM copy_jdbc WHERE name IS NULL"));
            StringWriter out = new StringWriter();
            assertEquals(5000, copy.copyOut("COPY (SELECT * FROM copy_jdbc ORDER BY id) TO STDOUT", out));
            assertEquals(data.toString(), out.toString());
            StringWriter csv = new StringWriter();
            copy.copyOut("COPY (SELECT id, name FROM copy_jdbc WHERE id IN (1, 7)) TO STDOUT (FORMAT csv, HEADER)", csv);
            assertEquals("id,name\n1,name\t1\n7,\n", csv.toString());
            // a duplicate key fails the whole COPY: nothing of it stays, the session goes on
            SQLException dup = assertThrows(SQLException.class,
                () -> copy.copyIn("COPY copy_jdbc FROM STDIN", new StringReader("6000\tx\t1\n1\tdup\t2\n")));
            assertEquals("23505", dup.getSQLState());
            assertEquals(0, count(c, "SELECT count(*) FROM copy_jdbc WHERE id = 6000"));
            s.execute("DROP TABLE copy_jdbc");
        }
    }

    @Test
    void copyFailAndAVanishedClientLeaveNothingBehind() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_abort (id int)");
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copy_abort FROM STDIN");
            byte[] rows = "1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(rows, 0, rows.length);
            in.cancelCopy(); // CopyFail
            assertEquals(0, count(c, "SELECT count(*) FROM copy_abort"));

            Connection gone = server.connect();
            CopyIn half = gone.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copy_abort FROM STDIN");
            half.writeToCopy(rows, 0, rows.length);
            half.flushCopy();
            gone.abort(Runnable::run); // the socket closes in the middle of the data
            assertEquals(0, count(c, "SELECT count(*) FROM copy_abort"));
            s.execute("INSERT INTO copy_abort VALUES (42)");
            assertEquals(1, count(c, "SELECT count(*) FROM copy_abort"));
            s.execute("DROP TABLE copy_abort");
        }
    }

    @Test
    void pgbenchLoadsItsTablesWithCopyAndRunsOnThem() throws Exception {
        List<String> init = List.of("pgbench", "-i", "-I", "dtgp", "-s", "1", "-h", "127.0.0.1", "-p",
            Integer.toString(server.port()), "-U", "tusk", "postgres");
        TuskServer.Result r = TuskServer.run(init, Duration.ofSeconds(180), null);
        assertEquals(0, r.exitCode(), r.stderr());
        try (Connection c = server.connect()) {
            assertEquals(100000, count(c, "SELECT count(*) FROM pgbench_accounts"));
            assertEquals(10, count(c, "SELECT count(*) FROM pgbench_tellers"));
        }
        List<String> run = List.of("pgbench", "-n", "-S", "-t", "200", "-h", "127.0.0.1", "-p",
            Integer.toString(server.port()), "-U", "tusk", "postgres");
        r = TuskServer.run(run, Duration.ofSeconds(120), null);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("number of transactions actually processed: 200/200"), r.stdout());
    }
}
