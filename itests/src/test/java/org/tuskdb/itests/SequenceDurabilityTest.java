package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sequence never hands out a value twice, across kill -9 of the whole server: nextval values
 * taken in autocommit, in a rolled-back transaction, by a serial column, before and after a
 * CHECKPOINT (the first nextval after a checkpoint must be WAL-logged again), and the restarted
 * server continues past all of them. The server ({@link StorageServer}) is stopped and its data
 * directory removed by try-with-resources, also when an assertion fails.
 */
@Tag("storage")
class SequenceDurabilityTest {

    private static long next(Statement s, String sequence) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long maxId(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT id FROM seq_t ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void nextvalNeverRepeatsAfterKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of("checkpoint_timeout", "300"))) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE SEQUENCE seq_a");
                s.execute("CREATE SEQUENCE seq_b INCREMENT BY -3 MINVALUE -1000000 MAXVALUE 0 START 0");
                s.execute("CREATE TABLE seq_t (id serial, v text)");
            }
            long highA = 0;
            long lowB = 1;
            long highT = 0;
            for (int round = 1; round <= 3; round++) {
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    for (int i = 0; i < 20 + round * 17; i++) {
                        long a = next(s, "seq_a");
                        assertTrue(a > highA, "round " + round + ": seq_a gave " + a + " after " + highA);
                        highA = a;
                        long b = next(s, "seq_b");
                        assertTrue(b < lowB, "round " + round + ": seq_b gave " + b + " after " + lowB);
                        lowB = b;
                        s.execute("INSERT INTO seq_t (v) VALUES ('r" + round + "')");
                    }
                    long t = maxId(s);
                    assertTrue(t > highT, "serial ids grow: " + t + " after " + highT);
                    highT = t;
                    // values of a rolled-back transaction are consumed too
                    c.setAutoCommit(false);
                    for (int i = 0; i < 5; i++) {
                        highA = next(s, "seq_a");
                        s.execute("INSERT INTO seq_t (v) VALUES ('rolled back')");
                    }
                    c.rollback();
                    c.setAutoCommit(true);
                    highT += 5;
                    if (round == 2) {
                        s.execute("CHECKPOINT");
                        highA = next(s, "seq_a");
                    }
                }
                server.killEverything();
                server.startAgain();
            }
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                long a = next(s, "seq_a");
                assertTrue(a > highA, "after the last crash seq_a gave " + a + " after " + highA);
                long b = next(s, "seq_b");
                assertTrue(b < lowB, "after the last crash seq_b gave " + b + " after " + lowB);
                s.execute("INSERT INTO seq_t (v) VALUES ('last')");
                long t = maxId(s);
                assertTrue(t > highT, "after the last crash the serial gave " + t + " after " + highT);
            }
        }
    }
}
