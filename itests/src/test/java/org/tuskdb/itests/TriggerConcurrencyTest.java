package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tuskdb.itests.StorageBasicsTest.exec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A BEFORE ROW UPDATE / DELETE trigger between two sessions on a real server: the row is locked
 * before the trigger sees it (PostgreSQL's GetTupleForTrigger), so an UPDATE that waits for a
 * concurrent one fires its trigger once, on the row the other session committed, not once on
 * the old version and again on the new one.
 */
@Tag("storage")
class TriggerConcurrencyTest extends ConcurrentSessions {
    @BeforeEach
    void tables() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "DROP TABLE IF EXISTS trc_t");
            exec(c, "DROP TABLE IF EXISTS trc_log");
            exec(c, "CREATE TABLE trc_t (id int PRIMARY KEY, v int)");
            exec(c, "CREATE TABLE trc_log (seq serial, msg text)");
            exec(c, "INSERT INTO trc_t VALUES (1, 0)");
            exec(c, "CREATE OR REPLACE FUNCTION trc_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO trc_log (msg) VALUES (TG_OP || ' ' || OLD.v || coalesce('->' || NEW.v, '')); "
                + "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$");
            exec(c, "CREATE TRIGGER trc_b BEFORE UPDATE OR DELETE ON trc_t FOR EACH ROW EXECUTE FUNCTION trc_f()");
        }
    }

    private static List<String> log(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT msg FROM trc_log ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aWaitingUpdateFiresItsBeforeTriggerOnceOnTheNewestRow() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "UPDATE trc_t SET v = v + 1 WHERE id = 1");
        Future<?> update = pool.submit(() -> {
            exec(b, "UPDATE trc_t SET v = v + 10 WHERE id = 1");
            return null;
        });
        Thread.sleep(300);
        assertFalse(update.isDone(), "the update waits for the other writer before its trigger fires");
        a.commit();
        update.get(20, TimeUnit.SECONDS);
        b.commit();
        assertEquals(List.of("UPDATE 0->1", "UPDATE 1->11"), log(a));
    }

    @Test
    void aWaitingDeleteFiresItsBeforeTriggerOnceOnTheNewestRow() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "UPDATE trc_t SET v = 5 WHERE id = 1");
        Future<?> delete = pool.submit(() -> {
            exec(b, "DELETE FROM trc_t WHERE id = 1");
            return null;
        });
        Thread.sleep(300);
        assertFalse(delete.isDone());
        a.commit();
        delete.get(20, TimeUnit.SECONDS);
        b.commit();
        assertEquals(List.of("UPDATE 0->5", "DELETE 5"), log(a));
    }
}
