package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Triggers live in the catalog (pg_trigger): after a clean stop and start, and again after kill
 * -9, a BEFORE trigger still rewrites the rows it is given, an AFTER trigger still writes its audit
 * row, a disabled trigger stays disabled, and a trigger created in a rolled back transaction is
 * not there. The server is stopped and its data directory removed by try-with-resources.
 */
@Tag("storage")
class TriggerRestartTest {

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void checkTriggers(Statement s, int id) throws SQLException {
        s.execute("INSERT INTO tr_t (id, name) VALUES (" + id + ", 'abc')");
        assertEquals("ABC", one(s, "SELECT name FROM tr_t WHERE id = " + id));
        assertEquals("INSERT " + id, one(s, "SELECT msg FROM tr_audit ORDER BY seq DESC LIMIT 1"));
        assertEquals("D", one(s, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'tr_off'"));
        assertEquals("0", one(s, "SELECT count(*) FROM pg_trigger WHERE tgname = 'tr_gone'"));
        assertEquals("CREATE TRIGGER tr_upper BEFORE INSERT OR UPDATE ON public.tr_t FOR EACH ROW "
            + "EXECUTE FUNCTION tr_upper()", one(s, "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
            + "WHERE tgname = 'tr_upper'"));
    }

    @Test
    void triggersSurviveRestartAndKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of())) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE tr_t (id int PRIMARY KEY, name text)");
                s.execute("CREATE TABLE tr_audit (seq serial, msg text)");
                s.execute("CREATE FUNCTION tr_upper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "NEW.name := upper(NEW.name); RETURN NEW; END $$");
                s.execute("CREATE FUNCTION tr_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO tr_audit (msg) VALUES (TG_OP || ' ' || NEW.id); RETURN NULL; END $$");
                s.execute("CREATE TRIGGER tr_upper BEFORE INSERT OR UPDATE ON tr_t FOR EACH ROW EXECUTE FUNCTION tr_upper()");
                s.execute("CREATE TRIGGER tr_log AFTER INSERT ON tr_t FOR EACH ROW EXECUTE FUNCTION tr_log()");
                s.execute("CREATE TRIGGER tr_off BEFORE DELETE ON tr_t FOR EACH ROW EXECUTE FUNCTION tr_upper()");
                s.execute("ALTER TABLE tr_t DISABLE TRIGGER tr_off");
                c.setAutoCommit(false);
                s.execute("CREATE TRIGGER tr_gone BEFORE INSERT ON tr_t FOR EACH ROW EXECUTE FUNCTION tr_upper()");
                c.rollback();
                c.setAutoCommit(true);
                checkTriggers(s, 1);
            }
            assertEquals(0, server.stop("fast").exitCode());
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                checkTriggers(s, 2);
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                checkTriggers(s, 3);
                assertEquals("3", one(s, "SELECT count(*) FROM tr_audit"));
            }
        }
    }
}
