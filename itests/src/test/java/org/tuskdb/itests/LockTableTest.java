package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** LOCK TABLE between two sessions: a conflicting lock is refused at once with NOWAIT, waited for otherwise. */
class LockTableTest extends SharedServer {
    @Test
    void nowaitRefusesAndLockTimeoutEndsTheWait() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect();
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE lock_it (id int)");
            a.setAutoCommit(false);
            sa.execute("LOCK TABLE lock_it IN SHARE MODE");
            b.setAutoCommit(false);
            sb.execute("LOCK TABLE lock_it IN ACCESS SHARE MODE NOWAIT"); // compatible with SHARE
            SQLException refused = assertThrows(SQLException.class,
                () -> sb.execute("LOCK TABLE lock_it IN ROW EXCLUSIVE MODE NOWAIT"));
            assertEquals("55P03", refused.getSQLState());
            assertEquals("ERROR: could not obtain lock on relation \"lock_it\"", refused.getMessage());
            b.rollback();
            sb.execute("SET lock_timeout = '200ms'");
            SQLException timedOut = assertThrows(SQLException.class, () -> sb.execute("INSERT INTO lock_it VALUES (1)"));
            assertEquals("55P03", timedOut.getSQLState());
            b.rollback();
            a.commit(); // the lock ends with the transaction
            sb.execute("INSERT INTO lock_it VALUES (1)");
            b.commit();
            a.setAutoCommit(true);
            sa.execute("DROP TABLE lock_it");
        }
    }
}
