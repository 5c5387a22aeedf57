package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The server a storage end-to-end test runs against, driven the same way whichever it is:
 * connect, psql, stop and start again, kill -9 one role or everything, the data directory.
 *
 * <p>By default a real Tusk server ({@link TuskServer}). With {@code -Dtusk.itest.target=postgres}
 * a throwaway PostgreSQL 15 instead (initdb with data checksums, started with pg_ctl, run as the
 * {@code postgres} OS user when the tests run as root; binaries from {@code -Dtusk.itest.pgbin},
 * default /usr/lib/postgresql/15/bin), so that every expectation of these tests can be checked
 * against the reference implementation. Both use the superuser {@code tusk}, database
 * {@code postgres}, 127.0.0.1 and a free port. {@link #close()} leaves no process behind and
 * removes the data directory, also when the test failed.
 *
 * <p>Roles, by the names Tusk uses ({@code -Dtusk.role=NAME} on a worker's command line):
 * "backend", "checkpointer", "bgwriter", "walwriter". PostgreSQL's processes are found by their
 * ps titles ("postgres: checkpointer", "postgres: background writer", "postgres: walwriter").
 */
abstract class StorageServer implements AutoCloseable {
    static final String TARGET = System.getProperty("tusk.itest.target", "tusk");
    static final String USER = "tusk";

    /** Starts the selected server with these settings (PostgreSQL names, valid for both). */
    static StorageServer start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(extraSettings());
        return switch (TARGET) {
            case "tusk" -> startTusk(all);
            case "postgres", "postgresql", "pg" -> startPostgres(all);
            default -> throw new IllegalArgumentException("tusk.itest.target must be tusk or postgres, not " + TARGET);
        };
    }

    /** A real Tusk server with these settings, whatever {@code tusk.itest.target} says. */
    static StorageServer startTusk(Map<String, String> settings) {
        return new Tusk(TuskServer.start(settings));
    }

    /** A throwaway PostgreSQL 15 with these settings, whatever {@code tusk.itest.target} says. */
    static StorageServer startPostgres(Map<String, String> settings) {
        return Postgres.start(settings);
    }

    /** A Tusk server and a throwaway PostgreSQL 15 to compare it with. */
    record Pair(StorageServer tusk, StorageServer postgres) {}

    /** Closes each that is not null, going on past failures (a server's close kills what is left). */
    static void closeQuietly(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the next one still has to go
                }
            }
        }
    }

    /**
     * Both servers with these settings, started at once (PostgreSQL's initdb and Tusk's start take
     * a few seconds each); when either fails, the other is stopped before the failure is thrown.
     */
    static Pair startBoth(Map<String, String> settings) throws Exception {
        CompletableFuture<StorageServer> pg = CompletableFuture.supplyAsync(() -> startPostgres(settings));
        StorageServer tusk;
        try {
            tusk = startTusk(settings);
        } catch (RuntimeException | Error e) {
            try {
                pg.get(180, TimeUnit.SECONDS).close();
            } catch (Exception ignored) {
                // the failure to report is Tusk's
            }
            throw e;
        }
        try {
            return new Pair(tusk, pg.get(180, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            tusk.close();
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException | InterruptedException e) {
            tusk.close();
            throw e;
        }
    }

    /**
     * {@code -Dtusk.itest.settings="name=value;name=value"}: settings for every storage test's server,
     * e.g. {@code wal_sync_method=fdatasync}, or {@code synchronous_commit=off} to see DurabilityTest fail.
     */
    static Map<String, String> extraSettings() {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String item : System.getProperty("tusk.itest.settings", "").split(";")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                extra.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            }
        }
        return extra;
    }

    static StorageServer start() {
        return start(Map.of());
    }

    /** "tusk" or "postgres". */
    abstract String kind();

    abstract int port();

    /** The data directory: the one with base/, global/, pg_wal/, pg_xact/. */
    abstract Path dataDir();

    /** The postmaster's pid from postmaster.pid, or -1. */
    abstract long postmasterPid();

    /** Starts the server again after {@link #stop} or {@link #killEverything}; fails the test if it cannot. */
    abstract void startAgain();

    /** {@code tusk stop -m MODE} or {@code pg_ctl stop -m MODE}. */
    abstract TuskServer.Result stop(String mode);

    /** The server's log, for failure messages. */
    abstract String logs();

    /** Whether this worker command line (NUL-separated /proc/PID/cmdline) is of that role. */
    abstract boolean isRole(String cmdline, String role);

    @Override
    public abstract void close();

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    Connection connect() throws SQLException {
        return connect(new Properties());
    }

    Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", "60");
        p.putAll(extra);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** psql -X against this server plus the given arguments. */
    TuskServer.Result psql(String... args) {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(port()),
                "-U", USER, "-d", "postgres"));
        cmd.addAll(List.of(args));
        return TuskServer.run(cmd, Duration.ofSeconds(60), null);
    }

    /** Whether a new session can run SELECT 1 right now. */
    boolean accepts() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "10");
        try (Connection c = connect(p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Waits until a new session works (after crash recovery), failing the test with the log if it does not. */
    void awaitAccepting(Duration timeout, String why) {
        if (!TuskServer.waitFor(timeout, this::accepts)) {
            fail("the server does not accept connections " + timeout.toSeconds() + " s after " + why + "\n" + logs());
        }
    }

    /** The postmaster and every process below it (none when postmaster.pid names a process of another data directory). */
    List<ProcessHandle> serverProcesses() {
        long pm = postmasterPid();
        if (pm <= 0 || !cmdline(pm).contains(dataDir().toString())) {
            return List.of(); // gone, or a stale postmaster.pid whose pid was reused
        }
        return ProcessHandle.of(pm).map(h -> {
            List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
            all.add(h);
            return all;
        }).orElse(List.of());
    }

    /** Pids of the postmaster's children that run this role ("checkpointer", "bgwriter", "walwriter", "backend"). */
    List<Long> rolePids(String role) {
        long pm = postmasterPid();
        if (pm <= 0 || !cmdline(pm).contains(dataDir().toString())) {
            return List.of();
        }
        return ProcessHandle.of(pm).map(h -> h.children()
                .filter(c -> isRole(cmdline(c.pid()), role))
                .map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** The one process of that auxiliary role, failing the test (with ps output) when there is none. */
    long rolePid(String role) {
        List<Long> pids = rolePids(role);
        if (pids.isEmpty()) {
            fail("no " + role + " process among the postmaster's children:\n" + ps());
        }
        return pids.get(0);
    }

    /** kill -9 of the postmaster and all its workers at once (an immediate crash); waits until all are gone. */
    void killEverything() {
        for (int round = 0; round < 3; round++) {
            Set<ProcessHandle> targets = new LinkedHashSet<>(serverProcesses());
            targets.addAll(extraProcesses());
            if (targets.isEmpty()) {
                return;
            }
            targets.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : targets) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // looked at again in the next round
                }
            }
        }
    }

    /** Processes of this server that may no longer be below the postmaster (Tusk: by data directory). */
    List<ProcessHandle> extraProcesses() {
        return List.of();
    }

    /** kill -9 of one process, waiting until it is gone. */
    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                fail("process " + pid + " survived SIGKILL: " + e);
            }
        });
    }

    static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** ps of the postmaster's children, for failure messages. */
    String ps() {
        StringBuilder sb = new StringBuilder();
        for (ProcessHandle h : serverProcesses()) {
            sb.append(h.pid()).append(' ').append(cmdline(h.pid()).replace('\0', ' ')).append('\n');
        }
        return sb.toString();
    }

    /** base/5/RELFILENODE of a table of the database "postgres" (oid 5 in Tusk and PostgreSQL 15). */
    Path relationFile(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relfilenode FROM pg_class WHERE relname = '" + table + "'")) {
            if (!rs.next()) {
                fail("pg_class has no row for " + table);
            }
            return dataDir().resolve("base").resolve("5").resolve(Long.toString(rs.getLong(1)));
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** A real Tusk server. */
    static final class Tusk extends StorageServer {
        private final TuskServer server;

        Tusk(TuskServer server) {
            this.server = server;
        }

        @Override String kind() { return "tusk"; }

        @Override int port() { return server.port(); }

        @Override Path dataDir() { return server.dataDir(); }

        @Override long postmasterPid() { return server.postmasterPid(); }

        @Override void startAgain() { server.startServer(); }

        @Override TuskServer.Result stop(String mode) { return server.stop(mode); }

        @Override String logs() { return server.logs(); }

        @Override List<ProcessHandle> extraProcesses() { return server.processes(); }

        @Override
        boolean isRole(String cmdline, String role) {
            for (String token : cmdline.split("\0")) {
                if (token.endsWith("tusk.role=" + role)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A throwaway PostgreSQL 15, the reference the tests are validated against. */
    static final class Postgres extends StorageServer {
        private static final Path PGBIN = Path.of(System.getProperty("tusk.itest.pgbin", "/usr/lib/postgresql/15/bin"));
        private static final Map<String, String> TITLES = Map.of(
                "checkpointer", "postgres: checkpointer",
                "bgwriter", "postgres: background writer",
                "walwriter", "postgres: walwriter",
                "startup", "postgres: startup");

        private final Path dir;
        private final Path data;
        private final int port;
        private final List<String> runAs;
        private final Thread cleanupHook;
        private boolean closed;

        private Postgres(Path dir, int port, List<String> runAs) {
            this.dir = dir;
            this.data = dir.resolve("data");
            this.port = port;
            this.runAs = runAs;
            this.cleanupHook = new Thread(this::killEverything, "pg-itest-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanupHook);
        }

        static Postgres start(Map<String, String> settings) {
            Postgres pg;
            try {
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "tusk-it-pg-");
                List<String> runAs = List.of();
                if ("root".equals(ProcessHandle.current().info().user().orElse(""))) {
                    TuskServer.Result chown = TuskServer.run(List.of("chown", "postgres:", dir.toString()), Duration.ofSeconds(10), null);
                    if (chown.exitCode() != 0) {
                        fail("running as root needs a postgres OS user: " + chown);
                    }
                    runAs = List.of("runuser", "-u", "postgres", "--");
                }
                pg = new Postgres(dir, TuskServer.freePort(), runAs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                TuskServer.Result init = pg.pg(Duration.ofSeconds(120), "initdb", "-D", pg.data.toString(), "-U", USER,
                        "--auth=trust", "--data-checksums", "-E", "UTF8", "--locale=C");
                if (init.exitCode() != 0) {
                    fail("initdb failed: " + init);
                }
                Map<String, String> all = new LinkedHashMap<>();
                all.put("listen_addresses", "'127.0.0.1'");
                all.put("port", Integer.toString(pg.port));
                all.put("unix_socket_directories", "'" + pg.dir + "'");
                all.put("fsync", "on");
                all.put("synchronous_commit", "on");
                all.put("restart_after_crash", "on");
                all.put("max_connections", "60");
                all.putAll(settings);
                StringBuilder conf = new StringBuilder("\n# added by the integration tests\n");
                all.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
                Files.writeString(pg.data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                pg.startAgain();
                return pg;
            } catch (IOException e) {
                pg.close();
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                pg.close();
                throw e;
            }
        }

        private TuskServer.Result pg(Duration timeout, String program, String... args) {
            List<String> cmd = new ArrayList<>(runAs);
            cmd.add(PGBIN.resolve(program).toString());
            cmd.addAll(List.of(args));
            return TuskServer.run(cmd, timeout, null);
        }

        @Override String kind() { return "postgres"; }

        @Override int port() { return port; }

        @Override Path dataDir() { return data; }

        @Override
        long postmasterPid() {
            try {
                Path pidFile = data.resolve("postmaster.pid");
                if (!Files.exists(pidFile)) {
                    return -1;
                }
                return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        void startAgain() {
            TuskServer.Result r = pg(Duration.ofSeconds(120), "pg_ctl", "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "110", "start");
            if (r.exitCode() != 0) {
                fail("pg_ctl start failed: " + r + "\nlogs:\n" + logs());
            }
        }

        @Override
        TuskServer.Result stop(String mode) {
            return pg(Duration.ofSeconds(120), "pg_ctl", "-D", data.toString(), "-m", mode, "-w", "-t", "110", "stop");
        }

        @Override
        String logs() {
            try {
                String text = Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
                return text.length() > 20000 ? "..." + text.substring(text.length() - 20000) : text;
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        boolean isRole(String cmdline, String role) {
            String title = cmdline.replace('\0', ' ');
            if ("backend".equals(role)) {
                return title.startsWith("postgres: " + USER + " ");
            }
            String expected = TITLES.get(role);
            return expected != null && title.startsWith(expected);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                long pm = postmasterPid();
                if (pm > 0 && ProcessHandle.of(pm).isPresent()) {
                    stop("immediate");
                }
            } finally {
                killEverything();
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanupHook);
                } catch (IllegalStateException ignored) {
                    // the JVM is shutting down: the hook runs anyway
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    });
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
