package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tuskdb.itests.StorageBasicsTest.exec;
import static org.tuskdb.itests.StorageBasicsTest.ids;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * FOREIGN KEY checks between two sessions on a real server: the check of a referencing row locks
 * the referenced row FOR KEY SHARE, so a concurrent delete of the parent waits for the inserter
 * and then fails (23503), and an insert referencing a row a concurrent transaction deletes waits
 * for it and fails once it commits (or succeeds once it rolls back).
 */
@Tag("storage")
class ForeignKeyConcurrencyTest extends ConcurrentSessions {
    @BeforeEach
    void tables() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "DROP TABLE IF EXISTS fkc_child");
            exec(c, "DROP TABLE IF EXISTS fkc_parent");
            exec(c, "CREATE TABLE fkc_parent (id int PRIMARY KEY, v text)");
            exec(c, "CREATE TABLE fkc_child (id int, pid int REFERENCES fkc_parent)");
            exec(c, "INSERT INTO fkc_parent VALUES (1, 'a'), (2, 'b')");
        }
    }

    private static String sqlState(Future<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
            return "ok";
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof SQLException s ? s.getSQLState() : e.getCause().toString();
        }
    }

    @Test
    void anUncommittedReferencingRowBlocksTheDeleteOfItsParent() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "INSERT INTO fkc_child VALUES (10, 1)");
        Future<?> delete = pool.submit(() -> {
            exec(b, "DELETE FROM fkc_parent WHERE id = 1");
            return null;
        });
        Thread.sleep(300);
        assertFalse(delete.isDone(), "the delete waits for the inserter's KEY SHARE lock");
        a.commit();
        assertEquals("23503", sqlState(delete));
        b.rollback();
        assertEquals(List.of(1, 2), ids(a, "SELECT id FROM fkc_parent ORDER BY id"));
    }

    /**
     * PostgreSQL's FOR KEY SHARE lets a non-key update through; the heap has no multixacts, so
     * every row lock conflicts with every other one (heap README rule 8) and the update waits
     * for the referencing transaction. It does not fail: the key did not change.
     */
    @Test
    void aNonKeyUpdateOfTheParentWaitsForTheReferencingTransaction() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "INSERT INTO fkc_child VALUES (10, 1)");
        Future<?> update = pool.submit(() -> {
            exec(b, "UPDATE fkc_parent SET v = 'changed' WHERE id = 1");
            return null;
        });
        Thread.sleep(300);
        assertFalse(update.isDone());
        a.commit();
        assertEquals("ok", sqlState(update));
        b.commit();
    }

    @Test
    void anInsertReferencingARowBeingDeletedWaitsThenFails() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "DELETE FROM fkc_parent WHERE id = 2");
        Future<?> insert = pool.submit(() -> {
            exec(b, "INSERT INTO fkc_child VALUES (20, 2)");
            return null;
        });
        Thread.sleep(300);
        assertFalse(insert.isDone(), "the check waits for the deleter");
        a.commit();
        assertEquals("23503", sqlState(insert));
        b.rollback();
    }

    @Test
    void anInsertReferencingARowWhoseDeleteRollsBackSucceeds() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "DELETE FROM fkc_parent WHERE id = 2");
        Future<?> insert = pool.submit(() -> {
            exec(b, "INSERT INTO fkc_child VALUES (20, 2)");
            return null;
        });
        Thread.sleep(300);
        assertFalse(insert.isDone());
        a.rollback();
        assertEquals("ok", sqlState(insert));
        b.commit();
        assertThrows(SQLException.class, () -> exec(a, "DELETE FROM fkc_parent WHERE id = 2"));
        a.rollback();
    }
}
