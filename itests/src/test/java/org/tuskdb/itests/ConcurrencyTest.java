package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tuskdb.itests.StorageBasicsTest.exec;
import static org.tuskdb.itests.StorageBasicsTest.ids;
import static org.tuskdb.itests.StorageBasicsTest.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many sessions on the same rows: invariants hold under READ COMMITTED, REPEATABLE READ is a
 * stable snapshot with 40001 on a concurrent update, deadlocks are detected (40P01), lock waits
 * end by cancel (57014) and lock_timeout (55P03), savepoints undo only their part.
 *
 * <p>{@code -Dtusk.concurrency.seconds} (default 5) sets how long the transfer load runs,
 * {@code -Dtusk.concurrency.sessions} (default 8) how many sessions transfer.
 */
@Tag("storage")
class ConcurrencyTest extends ConcurrentSessions {
    static final int SECONDS = Integer.getInteger("tusk.concurrency.seconds", 5);
    static final int SESSIONS = Integer.getInteger("tusk.concurrency.sessions", 8);

    @Override
    protected Map<String, String> serverSettings() {
        // deadlock_timeout is PostgreSQL's default, written out because the deadlock test relies on it
        return Map.of("deadlock_timeout", "1000", "max_connections", "40");
    }

    private Connection transaction(int isolation) throws SQLException {
        Connection c = session();
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation);
        return c;
    }

    static int intValue(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "one row from " + sql);
            int v = rs.getInt(1);
            assertFalse(rs.next(), "only one row from " + sql);
            return v;
        }
    }

    static Map<Integer, Integer> rows(Connection c, String table) throws SQLException {
        Map<Integer, Integer> rows = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM " + table)) {
            while (rs.next()) {
                assertEquals(null, rows.put(rs.getInt(1), rs.getInt(2)), "one visible version per row");
            }
        }
        return rows;
    }

    static Map<Integer, Long> balances(Connection c) throws SQLException {
        Map<Integer, Long> balances = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
            while (rs.next()) {
                balances.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return balances;
    }

    private void table(String name, int... values) throws SQLException {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE " + name + " (id int NOT NULL, v int)");
            for (int i = 0; i < values.length; i++) {
                exec(c, "INSERT INTO " + name + " VALUES (" + (i + 1) + ", " + values[i] + ")");
            }
        }
    }

    static String sqlState(Future<?> f, int seconds) throws InterruptedException, TimeoutException {
        try {
            f.get(seconds, TimeUnit.SECONDS);
            return "00000";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException se) {
                return se.getSQLState();
            }
            throw new AssertionError(e.getCause());
        }
    }

    /** Asserts the statement is still waiting (blocked on a lock) after this long. */
    static void assertBlocked(Future<?> f, long millis, String what) throws Exception {
        Thread.sleep(millis);
        if (f.isDone()) {
            fail(what + " should wait for the lock, but ended: " + sqlState(f, 1));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void concurrentTransfersKeepEveryBalanceAndTheTotal() throws Exception {
        int accounts = 20;
        long initial = 1000;
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE accounts (id int NOT NULL, balance bigint NOT NULL)");
            for (int i = 0; i < accounts; i++) {
                exec(c, "INSERT INTO accounts VALUES (" + i + ", " + initial + ")");
            }
        }
        AtomicLongArray netChange = new AtomicLongArray(accounts); // of committed transfers only
        AtomicLong committed = new AtomicLong();
        AtomicLong rolledBack = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < SESSIONS; w++) {
            Connection c = session();
            c.setAutoCommit(false);
            Random rnd = new Random(w);
            workers.add(pool.submit(() -> {
                try (PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                     PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                    while (!stop.get()) {
                        int from = rnd.nextInt(accounts);
                        int to = (from + 1 + rnd.nextInt(accounts - 1)) % accounts;
                        int amount = 1 + rnd.nextInt(100);
                        boolean abort = rnd.nextInt(10) == 0;
                        // rows are locked in ascending id order, so transfers never deadlock
                        for (int id : new int[] {Math.min(from, to), Math.max(from, to)}) {
                            PreparedStatement ps = id == from ? debit : credit;
                            ps.setInt(1, amount);
                            ps.setInt(2, id);
                            int n = ps.executeUpdate();
                            if (n != 1) {
                                problems.add("UPDATE of account " + id + " touched " + n + " rows");
                            }
                        }
                        if (abort) {
                            c.rollback();
                            rolledBack.incrementAndGet();
                        } else {
                            c.commit();
                            netChange.addAndGet(from, -amount);
                            netChange.addAndGet(to, amount);
                            committed.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    problems.add("transfer failed: " + e.getSQLState() + " " + e.getMessage());
                }
                return null;
            }));
        }
        for (int r = 0; r < 2; r++) {
            Connection c = session();
            boolean repeatable = r == 1;
            if (repeatable) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            workers.add(pool.submit(() -> {
                try {
                    while (!stop.get()) {
                        // READ COMMITTED: one statement is one snapshot. REPEATABLE READ: all statements, one snapshot.
                        Map<Integer, Long> first = balances(c);
                        long total = first.values().stream().mapToLong(Long::longValue).sum();
                        if (total != accounts * initial || first.size() != accounts) {
                            problems.add("a reader saw " + first.size() + " accounts with total " + total);
                        }
                        if (repeatable) {
                            Thread.sleep(20); // transfers commit in between
                            Map<Integer, Long> again = balances(c);
                            c.commit();
                            if (!again.equals(first)) {
                                problems.add("REPEATABLE READ: two reads in one transaction differ: " + first + " " + again);
                            }
                        }
                        reads.incrementAndGet();
                    }
                } catch (SQLException e) {
                    problems.add("reader failed: " + e.getSQLState() + " " + e.getMessage());
                }
                return null;
            }));
        }
        Thread.sleep(SECONDS * 1000L);
        stop.set(true);
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(problems.isEmpty(), problems.stream().limit(20).toList().toString());
        assertTrue(committed.get() > SESSIONS, "transfers committed: " + committed.get());
        assertTrue(reads.get() > 2, "reads: " + reads.get());
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
            long total = 0;
            int n = 0;
            while (rs.next()) {
                int id = rs.getInt(1);
                assertEquals(initial + netChange.get(id), rs.getLong(2),
                        "account " + id + " holds exactly its committed transfers (no lost update, no rolled-back one)");
                total += rs.getLong(2);
                n++;
            }
            assertEquals(accounts, n);
            assertEquals(accounts * initial, total);
        }
        System.out.printf("transfers: %d committed, %d rolled back, %d consistent reads in %d s by %d sessions%n",
                committed.get(), rolledBack.get(), reads.get(), SECONDS, SESSIONS);
    }

    @Test
    void uncommittedChangesAreInvisibleToOtherSessions() throws Exception {
        table("dirty", 10, 20);
        Connection writer = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection reader = session();
        exec(writer, "INSERT INTO dirty VALUES (3, 30)");
        exec(writer, "UPDATE dirty SET v = 11 WHERE id = 1");
        exec(writer, "DELETE FROM dirty WHERE id = 2");
        assertEquals(Map.of(1, 11, 3, 30), rows(writer, "dirty"), "a transaction sees its own changes");
        assertEquals(Map.of(1, 10, 2, 20), rows(reader, "dirty"), "no dirty reads");
        writer.rollback();
        assertEquals(Map.of(1, 10, 2, 20), rows(reader, "dirty"), "rolled back: as before");
        assertEquals(Map.of(1, 10, 2, 20), rows(writer, "dirty"));
        exec(writer, "UPDATE dirty SET v = 12 WHERE id = 1");
        writer.commit();
        assertEquals(Map.of(1, 12, 2, 20), rows(reader, "dirty"));
    }

    @Test
    void readCommittedSeesOtherCommitsBetweenStatements() throws Exception {
        table("rc", 10, 20);
        Connection a = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection b = session();
        assertEquals(10, intValue(a, "SELECT v FROM rc WHERE id = 1"));
        exec(b, "UPDATE rc SET v = 11 WHERE id = 1");
        assertEquals(11, intValue(a, "SELECT v FROM rc WHERE id = 1"), "each statement takes a new snapshot");
        a.commit();
    }

    @Test
    void repeatableReadSeesOneSnapshotUntilItEnds() throws Exception {
        table("rr", 10, 20);
        Connection a = transaction(Connection.TRANSACTION_REPEATABLE_READ);
        Connection b = session();
        assertEquals(Map.of(1, 10, 2, 20), rows(a, "rr")); // the snapshot is taken here
        exec(b, "UPDATE rr SET v = 11 WHERE id = 1");
        exec(b, "INSERT INTO rr VALUES (3, 30)");
        exec(b, "DELETE FROM rr WHERE id = 2");
        assertEquals(Map.of(1, 11, 3, 30), rows(b, "rr"));
        assertEquals(10, intValue(a, "SELECT v FROM rr WHERE id = 1"), "the committed update is not seen");
        assertEquals(Map.of(1, 10, 2, 20), rows(a, "rr"), "nor the insert or the delete");
        assertEquals(List.of(1, 2), ids(a, "SELECT id FROM rr WHERE v >= 10"));
        a.commit();
        assertEquals(Map.of(1, 11, 3, 30), rows(a, "rr"), "the next transaction has a new snapshot");
        a.commit();
    }

    @Test
    void repeatableReadUpdateOfARowChangedSinceTheSnapshotGets40001() throws Exception {
        table("rr40001", 10, 20);
        Connection a = transaction(Connection.TRANSACTION_REPEATABLE_READ);
        Connection b = session();
        assertEquals(10, intValue(a, "SELECT v FROM rr40001 WHERE id = 1"));
        exec(b, "UPDATE rr40001 SET v = v + 1 WHERE id = 1");
        SQLException e = assertThrows(SQLException.class, () -> exec(a, "UPDATE rr40001 SET v = v + 100 WHERE id = 1"));
        assertEquals("40001", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("could not serialize access due to concurrent update"), e.getMessage());
        a.rollback();
        // a row nobody else changed can be updated, and a new transaction sees the other commit
        assertEquals(1, update(a, "UPDATE rr40001 SET v = v + 100 WHERE id = 2"));
        assertEquals(11, intValue(a, "SELECT v FROM rr40001 WHERE id = 1"));
        a.commit();
        assertEquals(Map.of(1, 11, 2, 120), rows(b, "rr40001"));
    }

    @Test
    void repeatableReadWaitsForAConcurrentWriterThenGets40001OnlyIfItCommits() throws Exception {
        table("rrwait", 10, 20);
        Connection b = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection a = transaction(Connection.TRANSACTION_REPEATABLE_READ);
        assertEquals(10, intValue(a, "SELECT v FROM rrwait WHERE id = 1"));
        exec(b, "UPDATE rrwait SET v = 11 WHERE id = 1");
        exec(b, "UPDATE rrwait SET v = 21 WHERE id = 2");
        Future<Integer> a1 = pool.submit(() -> update(a, "UPDATE rrwait SET v = v + 100 WHERE id = 1"));
        assertBlocked(a1, 1000, "an update of a row another transaction changed");
        b.commit();
        assertEquals("40001", sqlState(a1, 30), "the other transaction committed: serialization failure");
        a.rollback();

        assertEquals(11, intValue(a, "SELECT v FROM rrwait WHERE id = 1")); // new snapshot
        exec(b, "UPDATE rrwait SET v = 12 WHERE id = 1");
        Future<Integer> a2 = pool.submit(() -> update(a, "UPDATE rrwait SET v = v + 100 WHERE id = 1"));
        assertBlocked(a2, 1000, "an update of a row another transaction changed");
        b.rollback();
        assertEquals("00000", sqlState(a2, 30), "the other transaction rolled back: the update goes ahead");
        a.commit();
        assertEquals(Map.of(1, 111, 2, 21), rows(b, "rrwait"));
        b.commit();
    }

    @Test
    void readCommittedUpdateWaitsAndAppliesToTheNewestVersion() throws Exception {
        table("rcwait", 10);
        Connection a = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection b = transaction(Connection.TRANSACTION_READ_COMMITTED);
        exec(a, "UPDATE rcwait SET v = v + 1 WHERE id = 1");
        Future<Integer> bUpdate = pool.submit(() -> update(b, "UPDATE rcwait SET v = v * 2 WHERE id = 1"));
        assertBlocked(bUpdate, 1000, "an update of a row locked by another transaction");
        a.commit();
        assertEquals(1, bUpdate.get(30, TimeUnit.SECONDS), "the waiting update goes on with the committed version");
        b.commit();
        assertEquals(22, intValue(a, "SELECT v FROM rcwait WHERE id = 1"), "(10 + 1) * 2: no lost update");
        a.commit();
    }

    @Test
    void deadlockIsDetectedAndOnlyOneSessionFails() throws Exception {
        table("dl", 1, 2);
        Connection a = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection b = transaction(Connection.TRANSACTION_READ_COMMITTED);
        exec(a, "UPDATE dl SET v = 101 WHERE id = 1");
        exec(b, "UPDATE dl SET v = 202 WHERE id = 2");
        long start = System.nanoTime();
        Future<Integer> aWaits = pool.submit(() -> update(a, "UPDATE dl SET v = 102 WHERE id = 2"));
        assertBlocked(aWaits, 300, "a's update of b's row");
        Future<Integer> bWaits = pool.submit(() -> update(b, "UPDATE dl SET v = 201 WHERE id = 1"));
        // the victim fails after deadlock_timeout (1 s); the other one then gets its lock
        String first = null;
        String second = null;
        Future<Integer> survivor = null;
        Connection winner = null;
        Connection loser = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !aWaits.isDone() && !bWaits.isDone()) {
            Thread.sleep(20);
        }
        if (!aWaits.isDone() && !bWaits.isDone()) {
            fail("neither session of a deadlock was stopped within 20 s\n" + server.logs());
        }
        // Whichever finishes first may be the survivor: the victim's abort releases its locks,
        // and the survivor's client can see success before the victim's client has read its
        // error (PostgreSQL behaves the same). The victim is the one with 40P01.
        Future<Integer> done = aWaits.isDone() ? aWaits : bWaits;
        Future<Integer> other = done == aWaits ? bWaits : aWaits;
        String doneState = sqlState(done, 1);
        boolean doneIsVictim = !"00000".equals(doneState);
        Future<Integer> victim = doneIsVictim ? done : other;
        survivor = doneIsVictim ? other : done;
        first = doneIsVictim ? doneState : sqlState(victim, 20);
        loser = victim == aWaits ? a : b;
        winner = loser == a ? b : a;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("40P01", first, "the victim gets deadlock_detected");
        assertTrue(seconds < 10, "detected within a few seconds, not " + seconds);
        loser.rollback();
        second = sqlState(survivor, 20);
        assertEquals("00000", second, "the other session's update goes ahead once the victim rolled back");
        winner.commit();
        Map<Integer, Integer> expected = winner == a ? Map.of(1, 101, 2, 102) : Map.of(1, 201, 2, 202);
        assertEquals(expected, rows(loser, "dl"), "the survivor's changes, none of the victim's");
        loser.commit();
    }

    @Test
    void waitForARowLockIsCancelledWith57014() throws Exception {
        table("cancelwait", 10);
        Connection holder = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection waiter = session();
        assertEquals(10, intValue(holder, "SELECT v FROM cancelwait WHERE id = 1 FOR UPDATE"));
        Statement s = waiter.createStatement();
        Future<Integer> waiting = pool.submit(() -> {
            try (ResultSet rs = s.executeQuery("SELECT v FROM cancelwait WHERE id = 1 FOR UPDATE")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
        assertBlocked(waiting, 1000, "SELECT FOR UPDATE of a row locked FOR UPDATE");
        long start = System.nanoTime();
        s.cancel(); // a CancelRequest on a new connection
        assertEquals("57014", sqlState(waiting, 20), "canceling statement due to user request");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "cancelled promptly");
        s.close();
        // the waiter goes on; the holder still has its lock
        assertEquals(10, intValue(waiter, "SELECT v FROM cancelwait WHERE id = 1"), "plain reads never wait");
        Future<Integer> update = pool.submit(() -> update(waiter, "UPDATE cancelwait SET v = 11 WHERE id = 1"));
        assertBlocked(update, 500, "an update of a row locked FOR UPDATE");
        exec(holder, "UPDATE cancelwait SET v = 20 WHERE id = 1");
        holder.commit();
        assertEquals(1, update.get(30, TimeUnit.SECONDS));
        assertEquals(11, intValue(holder, "SELECT v FROM cancelwait WHERE id = 1"));
        holder.commit();
    }

    @Test
    void lockTimeoutEndsARowLockWaitWith55P03() throws Exception {
        table("locktimeout", 10);
        Connection holder = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection waiter = session();
        assertEquals(10, intValue(holder, "SELECT v FROM locktimeout WHERE id = 1 FOR UPDATE"));
        exec(waiter, "SET lock_timeout = '500ms'");
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> exec(waiter, "UPDATE locktimeout SET v = 11 WHERE id = 1"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("55P03", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("canceling statement due to lock timeout"), e.getMessage());
        assertTrue(seconds >= 0.4 && seconds < 10, "after about lock_timeout: " + seconds + " s");
        SQLException again = assertThrows(SQLException.class,
                () -> intValue(waiter, "SELECT v FROM locktimeout WHERE id = 1 FOR UPDATE"));
        assertEquals("55P03", again.getSQLState(), "FOR UPDATE waits the same way");
        exec(waiter, "RESET lock_timeout");
        assertEquals(10, intValue(waiter, "SELECT v FROM locktimeout WHERE id = 1"), "the session goes on");
        holder.commit();
        assertEquals(1, update(waiter, "UPDATE locktimeout SET v = 11 WHERE id = 1"), "the lock is free now");
    }

    @Test
    void dropTableWaitsForAReaderAndTimesOut() throws Exception {
        table("dropwait", 10);
        Connection reader = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection dropper = session();
        assertEquals(10, intValue(reader, "SELECT v FROM dropwait WHERE id = 1")); // AccessShareLock until commit
        exec(dropper, "SET lock_timeout = '300ms'");
        assertEquals("55P03", assertThrows(SQLException.class, () -> exec(dropper, "DROP TABLE dropwait")).getSQLState(),
                "DROP TABLE needs AccessExclusiveLock");
        assertEquals("55P03", assertThrows(SQLException.class, () -> exec(dropper, "TRUNCATE dropwait")).getSQLState(),
                "TRUNCATE needs AccessExclusiveLock");
        exec(dropper, "RESET lock_timeout");
        Future<Void> drop = pool.submit(() -> {
            exec(dropper, "DROP TABLE dropwait");
            return null;
        });
        assertBlocked(drop, 500, "DROP TABLE while a transaction has read the table");
        reader.commit();
        assertEquals("00000", sqlState(drop, 30));
        assertEquals("42P01", assertThrows(SQLException.class, () -> intValue(reader, "SELECT v FROM dropwait")).getSQLState());
        reader.rollback();
    }

    @Test
    void savepointsUndoOnlyTheInnerChanges() throws Exception {
        table("sp", 10);
        Connection c = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection other = session();
        exec(c, "INSERT INTO sp VALUES (2, 20)");
        exec(c, "SAVEPOINT s1");
        exec(c, "INSERT INTO sp VALUES (3, 30)");
        exec(c, "UPDATE sp SET v = 11 WHERE id = 1");
        exec(c, "SAVEPOINT s2");
        exec(c, "INSERT INTO sp VALUES (4, 40)");
        exec(c, "DELETE FROM sp WHERE id = 2");
        assertEquals(Map.of(1, 11, 3, 30, 4, 40), rows(c, "sp"));
        exec(c, "ROLLBACK TO SAVEPOINT s2");
        assertEquals(Map.of(1, 11, 2, 20, 3, 30), rows(c, "sp"), "ROLLBACK TO s2 undoes only what came after s2");
        exec(c, "INSERT INTO sp VALUES (5, 50)");
        exec(c, "ROLLBACK TO s1");
        assertEquals(Map.of(1, 10, 2, 20), rows(c, "sp"), "ROLLBACK TO s1 undoes everything after s1");
        exec(c, "UPDATE sp SET v = 12 WHERE id = 1");
        exec(c, "RELEASE SAVEPOINT s1");

        // an error inside a savepoint is undone by ROLLBACK TO; the transaction goes on
        Savepoint s3 = c.setSavepoint();
        exec(c, "INSERT INTO sp VALUES (6, 60)");
        assertEquals("22P02", assertThrows(SQLException.class, () -> exec(c, "INSERT INTO sp VALUES (7, 'x')")).getSQLState());
        assertEquals("25P02", assertThrows(SQLException.class, () -> rows(c, "sp")).getSQLState());
        c.rollback(s3);
        exec(c, "INSERT INTO sp VALUES (8, 80)");
        assertEquals(Map.of(1, 10), rows(other, "sp"), "nothing is visible before COMMIT");
        c.commit();
        assertEquals(Map.of(1, 12, 2, 20, 8, 80), rows(other, "sp"));
    }

    @Test
    void rollbackToSavepointReleasesItsRowLocks() throws Exception {
        table("splock", 10);
        Connection c = transaction(Connection.TRANSACTION_READ_COMMITTED);
        Connection other = session();
        exec(c, "SAVEPOINT s");
        exec(c, "UPDATE splock SET v = 11 WHERE id = 1");
        exec(c, "ROLLBACK TO SAVEPOINT s");
        // the subtransaction that changed the row is aborted: another session updates it without waiting
        Future<Integer> update = pool.submit(() -> update(other, "UPDATE splock SET v = 20 WHERE id = 1"));
        assertEquals(1, update.get(20, TimeUnit.SECONDS));
        c.commit();
        assertEquals(Map.of(1, 20), rows(other, "splock"));
    }
}
