package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tuskdb.itests.StorageBasicsTest.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * SELECT ... FOR UPDATE / SHARE with NOWAIT and SKIP LOCKED between sessions on a real server:
 * NOWAIT fails at once with 55P03 on a row another transaction holds, SKIP LOCKED leaves such
 * rows out (the job-queue pattern {@code FOR UPDATE SKIP LOCKED LIMIT 1} hands each worker a
 * different row), through sequential and index scans and prepared statements.
 */
@Tag("storage")
class RowLockWaitPolicyTest extends ConcurrentSessions {
    @BeforeEach
    void tables() throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "DROP TABLE IF EXISTS rlw_jobs");
            exec(c, "CREATE TABLE rlw_jobs (id int PRIMARY KEY, state text)");
            exec(c, "INSERT INTO rlw_jobs SELECT g, 'new' FROM generate_series(1, 5) g");
        }
    }

    private static List<Integer> rows(Connection c, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    @Test
    void nowaitFailsAtOnceOnARowAnotherTransactionLocked() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        assertEquals(List.of(2), rows(a, "SELECT id FROM rlw_jobs WHERE id = 2 FOR UPDATE"));
        SQLException e = assertThrows(SQLException.class,
            () -> rows(b, "SELECT id FROM rlw_jobs ORDER BY id FOR UPDATE NOWAIT"));
        assertEquals("55P03", e.getSQLState());
        assertEquals("ERROR: could not obtain lock on row in relation \"rlw_jobs\"", e.getMessage());
        b.rollback();
        // the index scan path, and a weaker lock strength
        e = assertThrows(SQLException.class, () -> rows(b, "SELECT id FROM rlw_jobs WHERE id = 2 FOR KEY SHARE NOWAIT"));
        assertEquals("55P03", e.getSQLState());
        b.rollback();
        assertEquals(List.of(1), rows(b, "SELECT id FROM rlw_jobs WHERE id = 1 FOR SHARE OF rlw_jobs NOWAIT"));
        b.commit();
        a.commit();
        assertEquals(List.of(1, 2, 3, 4, 5), rows(b, "SELECT id FROM rlw_jobs ORDER BY id FOR UPDATE NOWAIT"));
        b.commit();
    }

    @Test
    void nowaitFailsOnARowBeingUpdated() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "UPDATE rlw_jobs SET state = 'busy' WHERE id = 4");
        SQLException e = assertThrows(SQLException.class,
            () -> rows(b, "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY id FOR NO KEY UPDATE NOWAIT"));
        assertEquals("55P03", e.getSQLState());
        b.rollback();
        assertEquals(List.of(1, 2, 3, 5),
            rows(b, "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY id FOR UPDATE SKIP LOCKED"));
        b.commit();
        a.rollback();
    }

    @Test
    void skipLockedHandsEachWorkerADifferentJob() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        Connection c = transaction();
        String take = "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
        assertEquals(List.of(1), rows(a, take));
        assertEquals(List.of(2), rows(b, take));
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id FROM rlw_jobs WHERE state = ? ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            for (int i = 0; i < 6; i++) { // past the driver's prepare threshold: a named server-side statement
                p.setString(1, "new");
                try (ResultSet rs = p.executeQuery()) {
                    assertEquals(true, rs.next());
                    assertEquals(3, rs.getInt(1));
                }
            }
        }
        exec(a, "UPDATE rlw_jobs SET state = 'done' WHERE id = 1");
        a.commit();
        assertEquals(List.of(4, 5), rows(a, "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY id FOR SHARE SKIP LOCKED"));
        a.commit();
        b.rollback();
        c.rollback();
        assertEquals(List.of(2, 3, 4, 5), rows(a, "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY id FOR UPDATE SKIP LOCKED"));
        a.commit();
    }

    /**
     * FOR UPDATE OF over a join (the job-queue pattern with a lookup table): each worker gets a
     * different job, the joined table's rows are not locked, and a waiter rechecks the WHERE
     * against the version the holder committed.
     */
    @Test
    void skipLockedOverAJoinLocksOnlyTheNamedTable() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "DROP TABLE IF EXISTS rlw_queues");
        exec(a, "CREATE TABLE rlw_queues (id int PRIMARY KEY, name text)");
        exec(a, "INSERT INTO rlw_queues VALUES (1, 'q')");
        a.commit();
        String take = "SELECT j.id FROM rlw_jobs j JOIN rlw_queues q ON q.id = 1 WHERE j.state = 'new' "
            + "ORDER BY j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED";
        assertEquals(List.of(1), rows(a, take));
        assertEquals(List.of(2), rows(b, take));
        assertEquals(List.of(1), rows(b, "SELECT id FROM rlw_queues FOR UPDATE NOWAIT")); // q was not locked
        b.rollback();
        exec(a, "UPDATE rlw_jobs SET state = 'done' WHERE id = 1");
        Future<List<Integer>> waiting = pool.submit(() -> rows(b, "SELECT j.id FROM rlw_jobs j JOIN rlw_queues q "
            + "ON q.id = 1 WHERE j.state = 'new' AND j.id <= 2 ORDER BY j.id FOR UPDATE OF j"));
        Thread.sleep(300);
        assertFalse(waiting.isDone());
        a.commit();
        assertEquals(List.of(2), waiting.get(20, TimeUnit.SECONDS)); // 1 no longer qualifies
        b.rollback();
        exec(a, "DROP TABLE rlw_queues");
        a.commit();
    }

    /** Rows are locked above the Sort (LockRows), so a sorted job queue without an index hands out distinct rows. */
    @Test
    void skipLockedOverASortLocksOnlyTheRowsReturned() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "ALTER TABLE rlw_jobs ADD COLUMN prio int");
        exec(a, "UPDATE rlw_jobs SET prio = 10 - id");
        a.commit();
        String take = "SELECT id FROM rlw_jobs WHERE state = 'new' ORDER BY prio LIMIT 1 FOR UPDATE SKIP LOCKED";
        assertEquals(List.of(5), rows(a, take));
        assertEquals(List.of(4), rows(b, take));
        assertEquals(List.of(4, 3), rows(b, "SELECT id FROM rlw_jobs ORDER BY prio LIMIT 2 FOR UPDATE SKIP LOCKED")); // 4 is its own
        a.rollback();
        b.rollback();
    }

    /** READ COMMITTED: the waiter locks the version the holder committed, re-checks it and returns it projected anew. */
    @Test
    void aWaiterReturnsTheNewestVersionOfAnUpdatedRow() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        exec(a, "UPDATE rlw_jobs SET state = 'taken', id = id + 10 WHERE id IN (1, 2)");
        Future<List<Integer>> waiting = pool.submit(() -> rows(b,
            "SELECT id * 100 FROM rlw_jobs WHERE id IN (1, 2, 11, 12) AND (id <> 12 OR state = 'new') ORDER BY id FOR UPDATE"));
        Thread.sleep(300);
        assertFalse(waiting.isDone());
        a.commit();
        // 1 became 11 (still qualifies: returned as 1100), 2 became 12 with state 'taken' (no longer qualifies)
        assertEquals(List.of(1100), waiting.get(20, TimeUnit.SECONDS));
        b.commit();
    }

    @Test
    void withoutAWaitPolicyTheLockWaitsForTheHolder() throws Exception {
        Connection a = transaction();
        Connection b = transaction();
        assertEquals(List.of(3), rows(a, "SELECT id FROM rlw_jobs WHERE id = 3 FOR UPDATE"));
        Future<List<Integer>> waiting = pool.submit(() -> rows(b, "SELECT id FROM rlw_jobs WHERE id >= 3 ORDER BY id FOR UPDATE"));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "FOR UPDATE waits for the holder of the row lock");
        a.commit();
        assertEquals(List.of(3, 4, 5), waiting.get(20, TimeUnit.SECONDS));
        b.commit();
    }
}
