package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * B-tree indexes survive kill -9 of the whole server: after committed inserts (enough to split
 * pages many times, before and after a CHECKPOINT), updates and deletes, the restarted server's
 * primary key and unique index still reject every committed key (23505), index scans (point and
 * range, through a prepared statement) return every committed row and none of the rows of a
 * transaction the crash cut off. The server ({@link StorageServer}) is stopped and its data
 * directory removed by try-with-resources, also when an assertion fails.
 */
@Tag("storage")
class IndexDurabilityTest {

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertRange(Statement s, int from, int to) throws SQLException {
        StringBuilder b = new StringBuilder("INSERT INTO idx_t VALUES ");
        for (int i = from; i <= to; i++) {
            b.append(i == from ? "" : ", ").append('(').append(i).append(", 'u").append(i).append("', ")
                .append(i % 7).append(')');
        }
        s.execute(b.toString());
    }

    private static void expectDuplicate(Statement s, String sql) {
        try {
            s.execute(sql);
            fail("no unique violation for " + sql);
        } catch (SQLException e) {
            assertEquals("23505", e.getSQLState(), sql + ": " + e.getMessage());
        }
    }

    @Test
    void uniqueIndexesAndIndexScansAfterKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of("checkpoint_timeout", "300"))) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE idx_t (id int PRIMARY KEY, u text UNIQUE, g int)");
                s.execute("CREATE INDEX idx_t_g ON idx_t (g)");
                for (int k = 0; k < 10; k++) {
                    insertRange(s, k * 1000 + 1, k * 1000 + 1000);
                }
                s.execute("CHECKPOINT");
                for (int k = 10; k < 20; k++) {
                    insertRange(s, k * 1000 + 1, k * 1000 + 1000);
                }
                s.execute("UPDATE idx_t SET u = 'changed' WHERE id = 77");
                s.execute("DELETE FROM idx_t WHERE id BETWEEN 100 AND 199");
                // a transaction in flight at the crash: its rows must not be seen, nor block keys
                c.setAutoCommit(false);
                insertRange(s, 20001, 20500);
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertEquals(19900, count(s, "SELECT count(*) FROM idx_t"));
                expectDuplicate(s, "INSERT INTO idx_t VALUES (1, 'new1', 0)");
                expectDuplicate(s, "INSERT INTO idx_t VALUES (19999, 'new2', 0)");
                expectDuplicate(s, "INSERT INTO idx_t VALUES (30000, 'u5', 0)");
                expectDuplicate(s, "INSERT INTO idx_t VALUES (30001, 'changed', 0)");
                s.execute("INSERT INTO idx_t VALUES (150, 'u150', 1)"); // deleted before the crash: free
                s.execute("INSERT INTO idx_t VALUES (20001, 'u20001', 1)"); // the lost transaction's key: free
                assertEquals(1000, count(s, "SELECT count(*) FROM idx_t WHERE id BETWEEN 5001 AND 6000"));
                assertEquals(1, count(s, "SELECT count(*) FROM idx_t WHERE u = 'changed'"));
                assertEquals(0, count(s, "SELECT count(*) FROM idx_t WHERE u = 'u77'"));
                assertEquals(0, count(s, "SELECT count(*) FROM idx_t WHERE id > 20001"));
                try (PreparedStatement p = c.prepareStatement("SELECT u FROM idx_t WHERE id = ?")) {
                    for (int i = 1; i <= 20000; i += 97) {
                        p.setInt(1, i);
                        try (ResultSet rs = p.executeQuery()) {
                            boolean deleted = i >= 100 && i <= 199 && i != 150;
                            assertEquals(!deleted, rs.next(), "row " + i);
                            if (!deleted) {
                                assertEquals(i == 77 ? "changed" : "u" + i, rs.getString(1));
                            }
                        }
                    }
                }
                long perGroup = count(s, "SELECT count(*) FROM idx_t WHERE g = 3");
                assertTrue(perGroup > 2800 && perGroup < 2900, "g = 3: " + perGroup);
            }
        }
    }

    /**
     * Entries of row versions that no snapshot can see any more are marked dead by index scans
     * and unique checks and dropped when their leaf fills (btree README rule 12): 500 updates of
     * an indexed column of one row (more entries than a leaf holds) leave its primary key at its first leaf; while a REPEATABLE READ snapshot is open
     * nothing it may need is marked (it still reads its version through the index, and the index
     * grows); once it is gone, 800 more updates fit in the index pages and, pruned (heap README
     * rule 14), in the table pages there are. After kill -9 the index still finds the row and
     * rejects its key.
     */
    @Test
    void entriesOfDeadVersionsAreDroppedOnlyWhenNoSnapshotNeedsThem() throws Exception {
        // no warm-up sessions: on a loaded machine a pooled backend's warm-up transactions hold the
        // horizon back for long enough to keep dozens of versions unprunable
        try (StorageServer server = StorageServer.start(Map.of("backend_warmup_iterations", "0"))) {
            try (Connection c = server.connect(); Statement s = c.createStatement();
                 Connection old = server.connect(); Statement o = old.createStatement()) {
                s.execute("CREATE TABLE hot_t (id int PRIMARY KEY, n int, pad text)");
                s.execute("CREATE INDEX hot_t_n ON hot_t (n)"); // n indexed: no update is HOT, each version has entries
                // more than IndexScanPlan.SMALL_TABLE_PAGES of rows, so lookups by id are index scans
                s.execute("INSERT INTO hot_t SELECT g, 0, repeat('x', 1000) FROM generate_series(1, 41) g");
                String size = "SELECT pg_relation_size('hot_t_pkey')";
                String heapSize = "SELECT pg_relation_size('hot_t')";
                try (PreparedStatement up = c.prepareStatement("UPDATE hot_t SET n = n + 1 WHERE id = 1")) {
                    for (int i = 0; i < 500; i++) {
                        up.executeUpdate();
                    }
                    long a = count(s, size);
                    assertEquals(2 * 8192, a, "after 500 updates: the metapage and one leaf");
                    old.setAutoCommit(false);
                    old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    assertEquals(500, count(o, "SELECT n FROM hot_t WHERE id = 1"));
                    for (int i = 0; i < 450; i++) {
                        up.executeUpdate();
                    }
                    assertEquals(500, count(o, "SELECT n FROM hot_t WHERE id = 1"), "the snapshot's version, through the index");
                    old.commit();
                    long b = count(s, size);
                    assertTrue(b > a, "versions the snapshot might need were kept: " + a + " -> " + b);
                    long hb = count(s, heapSize);
                    for (int i = 0; i < 800; i++) {
                        up.executeUpdate();
                    }
                    assertEquals(b, count(s, size), "dead entries made room for the new ones");
                    long hc = count(s, heapSize);
                    // unpruned they would take ~115 pages; a few more while another session's
                    // transaction holds the horizon back
                    assertTrue(hc <= hb + 10 * 8192, "800 versions of 1 KB fit in the pruned pages: " + hb + " -> " + hc);
                }
                assertEquals(1750, count(s, "SELECT n FROM hot_t WHERE id = 1"));
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertEquals(1750, count(s, "SELECT n FROM hot_t WHERE id = 1"));
                expectDuplicate(s, "INSERT INTO hot_t VALUES (1, 0, 'dup')");
                assertEquals(41, count(s, "SELECT count(*) FROM hot_t"));
                assertEquals(2, count(s, "SELECT count(*) FROM hot_t WHERE id IN (1, 2)"));
                s.execute("UPDATE hot_t SET n = n + 1 WHERE id = 1");
                assertEquals(1751, count(s, "SELECT n FROM hot_t WHERE id = 1"));
            }
        }
    }

    /**
     * HOT updates (heap README rule 15): while a REPEATABLE READ snapshot is open, 2000 updates
     * of a column no index covers leave it reading its own version through the primary key and a
     * second index; once it is gone, 2000 more add no index entry and keep the rows on their
     * pages (dead heap-only versions pruned, their item ids reused); an update of an indexed column is not HOT and is found by its new key. After
     * kill -9, redo rebuilds the chains: index scans, the unique check and a sequential scan
     * agree.
     */
    @Test
    void hotUpdatesAddNoIndexEntriesAndSurviveKillNine() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of("backend_warmup_iterations", "0"))) {
            try (Connection c = server.connect(); Statement s = c.createStatement();
                 Connection old = server.connect(); Statement o = old.createStatement()) {
                s.execute("CREATE TABLE hot2 (id int PRIMARY KEY, k int, n int, pad text)");
                s.execute("CREATE INDEX hot2_k ON hot2 (k)");
                s.execute("INSERT INTO hot2 SELECT g, g, 0, repeat('x', 200) FROM generate_series(1, 300) g");
                s.execute("SET enable_seqscan = off");
                old.setAutoCommit(false);
                old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                o.execute("SET enable_seqscan = off");
                assertEquals(0, count(o, "SELECT n FROM hot2 WHERE id = 7"));
                try (PreparedStatement up = c.prepareStatement("UPDATE hot2 SET n = n + 1 WHERE id = ?")) {
                    for (int i = 0; i < 2000; i++) {
                        up.setInt(1, 1 + i % 10);
                        up.executeUpdate();
                    }
                }
                assertEquals(0, count(o, "SELECT n FROM hot2 WHERE id = 7"), "the snapshot's version, through the chain");
                assertEquals(0, count(o, "SELECT n FROM hot2 WHERE k = 7"));
                old.commit();
                // While the snapshot held the old versions, rows whose page filled moved (not HOT);
                // from now on every update finds room on its page once the dead versions are pruned.
                long pkey = count(s, "SELECT pg_relation_size('hot2_pkey')");
                long kIndex = count(s, "SELECT pg_relation_size('hot2_k')");
                long heap = count(s, "SELECT pg_relation_size('hot2')");
                try (PreparedStatement up = c.prepareStatement("UPDATE hot2 SET n = n + 1 WHERE id = ?")) {
                    for (int i = 0; i < 2000; i++) {
                        up.setInt(1, 1 + i % 10);
                        up.executeUpdate();
                    }
                }
                assertEquals(pkey, count(s, "SELECT pg_relation_size('hot2_pkey')"), "no entry for a HOT version");
                assertEquals(kIndex, count(s, "SELECT pg_relation_size('hot2_k')"));
                long grown = count(s, "SELECT pg_relation_size('hot2')") - heap;
                assertEquals(0, grown, "2000 versions of 250 bytes stay on their pages");
                assertEquals(400, count(s, "SELECT n FROM hot2 WHERE id = 7"));
                assertEquals(400, count(s, "SELECT n FROM hot2 WHERE k = 7"));
                s.execute("UPDATE hot2 SET k = 1007 WHERE id = 7"); // indexed column: a new entry
                assertEquals(0, count(s, "SELECT count(*) FROM hot2 WHERE k = 7"));
                assertEquals(400, count(s, "SELECT n FROM hot2 WHERE k = 1007"));
                s.execute("UPDATE hot2 SET n = n + 1 WHERE id = 7");
                s.execute("DELETE FROM hot2 WHERE id = 8");
                s.execute("VACUUM hot2");
            }
            server.killEverything();
            server.startAgain();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("SET enable_seqscan = off");
                assertEquals(401, count(s, "SELECT n FROM hot2 WHERE id = 7"));
                assertEquals(401, count(s, "SELECT n FROM hot2 WHERE k = 1007"));
                assertEquals(400, count(s, "SELECT n FROM hot2 WHERE id = 3"));
                assertEquals(0, count(s, "SELECT count(*) FROM hot2 WHERE id = 8"));
                expectDuplicate(s, "INSERT INTO hot2 VALUES (3, 0, 0, '')");
                s.execute("INSERT INTO hot2 VALUES (8, 8, 0, 'again')");
                s.execute("SET enable_seqscan = on");
                s.execute("SET enable_indexscan = off");
                assertEquals(300, count(s, "SELECT count(*) FROM hot2"));
                assertEquals(3601, count(s, "SELECT sum(n) FROM hot2")); // 10 x 400, +1 on id 7, id 8 deleted and inserted again
            }
        }
    }

    /**
     * Four connections insert the same 300 keys in different orders, each in its own
     * transaction, half of them rolled back: through the real B-tree's unique check (waits on
     * in-progress inserters, then LIVE or DEAD), every key is committed exactly once (two of the
     * workers commit each key, so one of them must win and the other fail with 23505).
     */
    @Test
    void concurrentInsertersOfTheSameKeysNeverBothWin() throws Exception {
        try (StorageServer server = StorageServer.start(Map.of())) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE idx_race (id int PRIMARY KEY, who int)");
            }
            int keys = 300;
            java.util.concurrent.atomic.AtomicIntegerArray wins = new java.util.concurrent.atomic.AtomicIntegerArray(keys + 1);
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int w = 0; w < 4; w++) {
                    int who = w;
                    futures.add(pool.submit(() -> {
                        java.util.List<Integer> order = new java.util.ArrayList<>();
                        for (int k = 1; k <= keys; k++) {
                            order.add(k);
                        }
                        java.util.Collections.shuffle(order, new java.util.Random(who));
                        try (Connection c = server.connect(); Statement s = c.createStatement()) {
                            c.setAutoCommit(false);
                            for (int k : order) {
                                try {
                                    s.execute("INSERT INTO idx_race VALUES (" + k + ", " + who + ")");
                                    if ((k + who) % 2 == 0) {
                                        c.rollback();
                                    } else {
                                        c.commit();
                                        wins.incrementAndGet(k);
                                    }
                                } catch (SQLException e) {
                                    assertEquals("23505", e.getSQLState(), e.getMessage());
                                    c.rollback();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : futures) {
                    f.get(300, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                long committed = 0;
                for (int k = 1; k <= keys; k++) {
                    // two of the four workers commit each key: the first of them wins, the other gets 23505
                    assertEquals(1, wins.get(k), "key " + k + " committed " + wins.get(k) + " times");
                    committed += wins.get(k);
                }
                assertEquals(committed, count(s, "SELECT count(*) FROM idx_race"));
                assertEquals(0, count(s, "SELECT count(*) FROM (SELECT id FROM idx_race GROUP BY id HAVING count(*) > 1) d"));
            }
        }
    }
}
