package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Committed means durable, and nothing else ever appears: a concurrent write load from real JDBC
 * sessions records what each acknowledged commit changed, one process is killed with SIGKILL at a
 * random moment (a backend, the walwriter, the checkpointer, the bgwriter, or the postmaster
 * together with all its workers), and after crash recovery the table must show every
 * acknowledged commit, nothing of a rolled-back transaction, subtransaction or a transaction
 * whose COMMIT was never sent, every in-doubt transaction (COMMIT sent, no answer) either whole
 * or not at all, and no row twice. The load mixes autocommit and explicit transactions, inserts,
 * updates and deletes, savepoints, and CHECKPOINTs.
 *
 * <p>System properties: {@code tusk.durability.rounds} (default 3; the stress target uses e.g. 50),
 * {@code tusk.durability.seed} (printed at the start; set it to replay a run's choices),
 * {@code tusk.durability.victims} (default "backend,walwriter,checkpointer,bgwriter,postmaster"),
 * {@code tusk.durability.writers} (default 4), {@code tusk.durability.maxLoadMillis} (default 2500).
 * Runs against PostgreSQL 15 with {@code -Dtusk.itest.target=postgres} (see {@link StorageServer}).
 */
@Tag("storage")
class DurabilityTest {
    static final int ROUNDS = Integer.getInteger("tusk.durability.rounds", 3);
    static final long SEED = Long.getLong("tusk.durability.seed", System.nanoTime());
    static final List<String> VICTIMS = List.of(
            System.getProperty("tusk.durability.victims", "backend,walwriter,checkpointer,bgwriter,postmaster").split(","));
    static final int WRITERS = Integer.getInteger("tusk.durability.writers", 4);
    static final int MAX_LOAD_MILLIS = Integer.getInteger("tusk.durability.maxLoadMillis", 2500);
    static final int ABSENT = -1;

    /** What the table may show of one row: its version column, or ABSENT. */
    static final class Ledger {
        final Map<Long, Set<Integer>> allowed = new ConcurrentHashMap<>();
        /** Changes of transactions whose COMMIT was sent but not acknowledged: each all or nothing. */
        final ConcurrentLinkedQueue<List<Change>> inDoubt = new ConcurrentLinkedQueue<>();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong rolledBack = new AtomicLong();

        void expect(long id, Integer... versions) {
            allowed.put(id, Set.of(versions));
        }
    }

    record Change(long id, int before, int after) {}

    @Test
    void everyAcknowledgedCommitSurvivesKillNineAndNothingElseAppears() throws Exception {
        System.out.printf("DurabilityTest against %s: seed %d (-Dtusk.durability.seed=%d), %d rounds, victims %s%n",
                StorageServer.TARGET, SEED, SEED, ROUNDS, VICTIMS);
        Random rnd = new Random(SEED);
        List<String> order = new ArrayList<>(VICTIMS);
        Collections.shuffle(order, rnd);
        Ledger ledger = new Ledger();
        AtomicLong[] nextSeq = new AtomicLong[WRITERS];
        Arrays.setAll(nextSeq, w -> new AtomicLong(1));
        // small shared_buffers: dirty pages are evicted and written by the bgwriter during the load,
        // so the WAL-before-data rule is exercised, not only replay from a checkpoint
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", "128");
        settings.put("bgwriter_delay", "10");
        settings.put("wal_writer_delay", "10");
        settings.put("checkpoint_timeout", "30");
        settings.put("max_connections", "30");
        try (StorageServer server = StorageServer.start(settings)) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE durable (id bigint NOT NULL, writer int NOT NULL, version int NOT NULL, kind text, pad text)");
            }
            for (int round = 1; round <= ROUNDS; round++) {
                String victim = order.get((round - 1) % order.size()).strip();
                runRound(server, ledger, nextSeq, round, victim, new Random(rnd.nextLong()));
            }
            // and a clean restart at the end: the shutdown checkpoint path loses nothing either
            TuskServer.Result stop = server.stop("fast");
            assertEquals(0, stop.exitCode(), stop.toString());
            server.startAgain();
            verify(server, ledger, "after the final clean restart");
        }
    }

    private void runRound(StorageServer server, Ledger ledger, AtomicLong[] nextSeq, int round, String victim, Random rnd)
            throws Exception {
        long roundStart = System.nanoTime();
        long ackBefore = ledger.acknowledged.get();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean killed = new AtomicBoolean();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Connection> connections = new ArrayList<>();
        List<Long> backendPids = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Properties p = new Properties();
            p.setProperty("socketTimeout", "60");
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Connection c = server.connect(p);
                connections.add(c);
                backendPids.add(BackendProcessesTest.backendPid(c));
                Writer writer = new Writer(w, c, ledger, nextSeq[w], new Random(rnd.nextLong()), stop, killed, unexpected);
                tasks.add(pool.submit(writer));
            }
            Connection cp = server.connect(p);
            connections.add(cp);
            backendPids.add(BackendProcessesTest.backendPid(cp));
            Random cpRnd = new Random(rnd.nextLong());
            tasks.add(pool.submit(() -> {
                try (Statement s = cp.createStatement()) {
                    while (!stop.get()) {
                        Thread.sleep(100 + cpRnd.nextInt(700));
                        s.execute("CHECKPOINT");
                    }
                } catch (SQLException e) {
                    if (!killed.get()) {
                        unexpected.add("CHECKPOINT failed before the kill: " + e.getSQLState() + " " + e.getMessage());
                    }
                }
                return null;
            }));

            // let the load run for a random while, after at least a few commits
            TuskServer.waitFor(Duration.ofSeconds(20), () -> ledger.acknowledged.get() - ackBefore >= 10 || !unexpected.isEmpty());
            Thread.sleep(rnd.nextInt(MAX_LOAD_MILLIS));
            if (!unexpected.isEmpty()) {
                fail("round " + round + ": errors before any kill: " + unexpected + "\n" + server.logs());
            }
            assertTrue(ledger.acknowledged.get() - ackBefore >= 10, "the load commits: " + (ledger.acknowledged.get() - ackBefore)
                    + " commits in round " + round + "\n" + server.logs());

            long victimPid = switch (victim) {
                case "backend" -> backendPids.get(rnd.nextInt(WRITERS));
                case "postmaster" -> server.postmasterPid();
                default -> server.rolePid(victim);
            };
            killed.set(true);
            if (victim.equals("postmaster")) {
                server.killEverything();
            } else {
                StorageServer.kill9(victimPid);
            }
            stop.set(true);
            for (Future<?> f : tasks) {
                f.get(90, TimeUnit.SECONDS); // socketTimeout ends a session the crash left hanging
            }
            assertTrue(unexpected.isEmpty(), "round " + round + ": " + unexpected);
            if (victim.equals("postmaster")) {
                server.startAgain();
            } else {
                // PostgreSQL's crash handling: the death of any of these processes ends every session
                // and reinitializes shared memory, so no transaction of before the kill is still running
                for (long pid : backendPids) {
                    assertTrue(TuskServer.waitFor(Duration.ofSeconds(30), () -> ProcessHandle.of(pid).isEmpty()),
                            "round " + round + ": backend " + pid + " ends after the kill of the " + victim + "\n" + server.ps());
                }
                server.awaitAccepting(Duration.ofSeconds(120), "the kill of the " + victim + " (pid " + victimPid + ")");
            }
            String resolved = verify(server, ledger, "round " + round + " (killed the " + victim + ", pid " + victimPid + ")");
            System.out.printf("round %d: killed the %s (pid %d); %d commits acknowledged in total (%d this round), %d rolled back; "
                    + "%s; %.1f s%n", round, victim, victimPid, ledger.acknowledged.get(), ledger.acknowledged.get() - ackBefore,
                    ledger.rolledBack.get(), resolved, (System.nanoTime() - roundStart) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the server went away
                }
            }
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads the whole table and checks it against the ledger; then every row's state is known
     * again (in-doubt transactions resolved one way or the other). Returns a summary.
     */
    private static String verify(StorageServer server, Ledger ledger, String when) throws SQLException {
        Map<Long, Integer> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, writer, version, kind FROM durable")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Integer before = seen.put(id, rs.getInt(3));
                if (before != null) {
                    problems.add("id " + id + " appears twice (versions " + before + " and " + rs.getInt(3) + ")");
                }
                if (id % WRITERS != rs.getInt(2)) {
                    problems.add("id " + id + " has writer " + rs.getInt(2));
                }
            }
        }
        int present = 0;
        for (Map.Entry<Long, Set<Integer>> e : ledger.allowed.entrySet()) {
            int actual = seen.getOrDefault(e.getKey(), ABSENT);
            if (actual != ABSENT) {
                present++;
            }
            if (!e.getValue().contains(actual)) {
                problems.add("id " + e.getKey() + ": " + describe(actual) + ", expected " + describeAll(e.getValue()));
            }
        }
        for (long id : seen.keySet()) {
            if (!ledger.allowed.containsKey(id)) {
                problems.add("id " + id + " was never written by the test");
            }
        }
        int committed = 0;
        int notCommitted = 0;
        for (List<Change> txn : ledger.inDoubt) {
            long applied = txn.stream().filter(ch -> seen.getOrDefault(ch.id(), ABSENT) == ch.after()).count();
            long notApplied = txn.stream().filter(ch -> seen.getOrDefault(ch.id(), ABSENT) == ch.before()).count();
            if (applied == txn.size()) {
                committed++;
            } else if (notApplied == txn.size()) {
                notCommitted++;
            } else {
                problems.add("an in-doubt transaction is partly there: " + txn + " -> "
                        + txn.stream().map(ch -> describe(seen.getOrDefault(ch.id(), ABSENT))).toList());
            }
        }
        if (!problems.isEmpty()) {
            fail(when + ": " + problems.size() + " problems, e.g. " + problems.subList(0, Math.min(20, problems.size()))
                    + "\n" + server.logs());
        }
        // from now on each row is what it is: an in-doubt commit that is not there is lost for good
        ledger.inDoubt.clear();
        for (Long id : ledger.allowed.keySet()) {
            ledger.allowed.put(id, Set.of(seen.getOrDefault(id, ABSENT)));
        }
        return present + " rows present, " + (committed + notCommitted) + " in-doubt commits (" + committed
                + " committed, " + notCommitted + " not)";
    }

    private static String describe(int version) {
        return version == ABSENT ? "absent" : "version " + version;
    }

    private static String describeAll(Set<Integer> versions) {
        return versions.stream().sorted().map(DurabilityTest::describe).toList().toString();
    }

    /** One session's share of the load: only its own ids (id % WRITERS == w). */
    private static final class Writer implements java.util.concurrent.Callable<Void> {
        private final int w;
        private final Connection c;
        private final Ledger ledger;
        private final AtomicLong nextSeq;
        private final Random rnd;
        private final AtomicBoolean stop;
        private final AtomicBoolean killed;
        private final ConcurrentLinkedQueue<String> unexpected;
        /** Its rows that are committed and acknowledged, with their version. */
        private final Map<Long, Integer> mine = new HashMap<>();
        private final List<Long> mineList = new ArrayList<>();

        Writer(int w, Connection c, Ledger ledger, AtomicLong nextSeq, Random rnd, AtomicBoolean stop, AtomicBoolean killed,
               ConcurrentLinkedQueue<String> unexpected) {
            this.w = w;
            this.c = c;
            this.ledger = ledger;
            this.nextSeq = nextSeq;
            this.rnd = rnd;
            this.stop = stop;
            this.killed = killed;
            this.unexpected = unexpected;
            ledger.allowed.forEach((id, versions) -> {
                if (id % WRITERS == w && versions.size() == 1 && !versions.contains(ABSENT)) {
                    mine.put(id, versions.iterator().next());
                    mineList.add(id);
                }
            });
        }

        private long newId() {
            long id = nextSeq.getAndIncrement() * WRITERS + w;
            ledger.expect(id, ABSENT); // until its commit is sent
            return id;
        }

        @Override
        public Void call() {
            try (PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO durable (id, writer, version, kind, pad) VALUES (?, ?, 0, ?, ?)");
                 PreparedStatement bump = c.prepareStatement("UPDATE durable SET version = version + 1 WHERE id = ?");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM durable WHERE id = ?");
                 Statement plain = c.createStatement()) {
                while (!stop.get()) {
                    int dice = rnd.nextInt(100);
                    if (dice < 35) {
                        long id = newId();
                        commitOne(List.of(new Change(id, ABSENT, 0)), () -> insert(insert, id, "autocommit"));
                    } else if (dice < 45) {
                        long id = newId();
                        commitOne(List.of(new Change(id, ABSENT, 0)), () -> plain.executeUpdate(
                                "INSERT INTO durable VALUES (" + id + ", " + w + ", 0, 'simple', '" + pad() + "')"));
                    } else if (dice < 52 && !mine.isEmpty()) {
                        long id = pickMine();
                        int v = mine.get(id);
                        commitOne(List.of(new Change(id, v, v + 1)), () -> update(bump, id));
                    } else if (dice < 55 && !mine.isEmpty()) {
                        long id = pickMine();
                        commitOne(List.of(new Change(id, mine.get(id), ABSENT)), () -> update(delete, id));
                    } else if (dice < 80) {
                        transaction(insert, bump, true);
                    } else if (dice < 90) {
                        transaction(insert, bump, false);
                    } else {
                        savepointTransaction(insert);
                    }
                }
            } catch (SQLException e) {
                if (!killed.get()) {
                    unexpected.add("writer " + w + " failed before the kill: " + e.getSQLState() + " " + e.getMessage());
                }
            }
            return null;
        }

        private String pad() {
            return "p".repeat(50 + rnd.nextInt(250));
        }

        private long pickMine() {
            return mineList.get(rnd.nextInt(mineList.size()));
        }

        private void insert(PreparedStatement insert, long id, String kind) throws SQLException {
            insert.setLong(1, id);
            insert.setInt(2, w);
            insert.setString(3, kind);
            insert.setString(4, pad());
            if (insert.executeUpdate() != 1) {
                unexpected.add("INSERT of " + id + " did not insert one row");
            }
        }

        private void update(PreparedStatement ps, long id) throws SQLException {
            ps.setLong(1, id);
            int n = ps.executeUpdate();
            if (n != 1) {
                unexpected.add("UPDATE/DELETE of acknowledged row " + id + " touched " + n + " rows");
            }
        }

        interface Sql {
            void run() throws SQLException;
        }

        /** An autocommit statement: in doubt from the moment it is sent until it returns. */
        private void commitOne(List<Change> changes, Sql statement) throws SQLException {
            inDoubt(changes);
            statement.run();
            acknowledged(changes);
        }

        private void inDoubt(List<Change> changes) {
            for (Change ch : changes) {
                ledger.expect(ch.id(), ch.before(), ch.after());
            }
            ledger.inDoubt.add(changes);
        }

        private void acknowledged(List<Change> changes) {
            ledger.inDoubt.remove(changes);
            for (Change ch : changes) {
                ledger.expect(ch.id(), ch.after());
                if (ch.after() == ABSENT) {
                    mine.remove(ch.id());
                    mineList.remove(ch.id());
                } else {
                    if (mine.put(ch.id(), ch.after()) == null) {
                        mineList.add(ch.id());
                    }
                }
            }
            ledger.acknowledged.incrementAndGet();
        }

        /** BEGIN; a few inserts and maybe an update of an older row; COMMIT or ROLLBACK. */
        private void transaction(PreparedStatement insert, PreparedStatement bump, boolean commit) throws SQLException {
            c.setAutoCommit(false);
            List<Change> changes = new ArrayList<>();
            int rows = 1 + rnd.nextInt(5);
            for (int i = 0; i < rows; i++) {
                long id = newId(); // absent until COMMIT is sent, and for good if it never is
                insert(insert, id, commit ? "txn" : "rolled back");
                changes.add(new Change(id, ABSENT, 0));
            }
            if (!mine.isEmpty() && rnd.nextBoolean()) {
                long id = pickMine();
                if (changes.stream().noneMatch(ch -> ch.id() == id)) {
                    update(bump, id);
                    changes.add(new Change(id, mine.get(id), mine.get(id) + 1));
                }
            }
            if (commit) {
                inDoubt(changes);
                c.commit();
                acknowledged(changes);
            } else {
                c.rollback();
                ledger.rolledBack.incrementAndGet();
            }
            c.setAutoCommit(true);
        }

        /** BEGIN; INSERT a; SAVEPOINT; INSERT b; ROLLBACK TO; INSERT c; COMMIT: a and c, never b. */
        private void savepointTransaction(PreparedStatement insert) throws SQLException {
            c.setAutoCommit(false);
            long a = newId();
            insert(insert, a, "before savepoint");
            java.sql.Savepoint sp = c.setSavepoint();
            long b = newId();
            insert(insert, b, "rolled back to savepoint");
            c.rollback(sp);
            long cc = newId();
            insert(insert, cc, "after savepoint");
            List<Change> changes = List.of(new Change(a, ABSENT, 0), new Change(cc, ABSENT, 0));
            inDoubt(changes);
            c.commit();
            acknowledged(changes);
            c.setAutoCommit(true);
        }
    }
}
