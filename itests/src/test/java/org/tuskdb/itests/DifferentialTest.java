package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.tuskdb.itests.difftest.DifftestScript;
import org.tuskdb.itests.difftest.UnifiedDiff;

/**
 * The differential suite of issue 5: every file under {@code src/test/resources/difftest/AREA/TOPIC.sql}
 * runs through the real psql against one Tusk and one throwaway PostgreSQL 15, both started once
 * for the whole class, and the two outputs must be equal. PostgreSQL's behaviour is the spec.
 *
 * <p>psql runs as {@code psql -X -a -v ON_ERROR_STOP=0 -v VERBOSITY=verbose -P pager=off -f
 * AREA/TOPIC.sql} in a new connection per file and server, stderr merged into stdout so that
 * each error stands below its statement, command tags shown (no {@code -q}). VERBOSITY verbose
 * puts the SQLSTATE into every message line; the LOCATION lines it adds (PostgreSQL's C function,
 * file and line) are the one thing dropped from both outputs. Both servers have the same session
 * defaults in their configuration ({@link #SESSION_DEFAULTS}), psql the same environment.
 *
 * <p>{@code -Ddifftest.only=basics/select,query} runs only the files whose AREA/TOPIC name starts
 * with one of these prefixes. Outputs go to {@code itests/target/difftest/AREA/TOPIC.{postgres,tusk}.out}
 * (and {@code .diff} when they differ). See itests/README.md for the file conventions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    /** Settings of both servers that a session sees: the same on both, so RESET/SHOW agree. */
    static final Map<String, String> SESSION_DEFAULTS = sessionDefaults();
    private static final Duration PSQL_TIMEOUT = Duration.ofSeconds(120);
    private static final Path OUT = TuskServer.REPO.resolve("itests").resolve("target").resolve("difftest");

    private StorageServer tusk;
    private StorageServer postgres;
    private final List<String> pendingFiles = new ArrayList<>();

    private static Map<String, String> sessionDefaults() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("TimeZone", "'UTC'");
        s.put("DateStyle", "'ISO, MDY'");
        s.put("IntervalStyle", "'postgres'");
        s.put("extra_float_digits", "1");
        s.put("client_min_messages", "'notice'");
        return s;
    }

    @BeforeAll
    void startServers() throws Exception {
        if (!Files.isExecutable(Path.of(System.getProperty("tusk.itest.pgbin", "/usr/lib/postgresql/15/bin"), "initdb"))) {
            fail("the differential tests need a PostgreSQL 15 server to compare with: apt-get install -y postgresql"
                    + " postgresql-client (or -Dtusk.itest.pgbin=DIR of its initdb and pg_ctl)");
        }
        Map<String, String> settings = new LinkedHashMap<>(SESSION_DEFAULTS);
        settings.put("fsync", "off"); // nothing here survives a crash; not visible to a session
        StorageServer.Pair servers = StorageServer.startBoth(settings);
        tusk = servers.tusk();
        postgres = servers.postgres();
        Files.createDirectories(OUT);
    }

    @AfterAll
    void stopServers() throws IOException {
        if (!pendingFiles.isEmpty()) {
            String list = String.join("\n", pendingFiles) + "\n";
            System.out.print("difftest: pending files (skipped) and statements (not compared):\n" + list);
            Files.writeString(OUT.resolve("pending.txt"), list, StandardCharsets.UTF_8);
        }
        closeServers();
    }

    private void closeServers() {
        for (AutoCloseable c : new AutoCloseable[] {tusk, postgres}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the servers' close() kills what is left
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> files() throws IOException {
        Path root = sourceRoot();
        List<String> only = Arrays.stream(System.getProperty("difftest.only", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/').replaceFirst("\\.sql$", "");
            if (!only.isEmpty() && only.stream().noneMatch(name::startsWith)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> runFile(name, file)));
        }
        if (tests.isEmpty()) {
            fail("no difftest file under " + root + (only.isEmpty() ? "" : " matches -Ddifftest.only=" + only));
        }
        return tests.stream();
    }

    /**
     * The source directory itself (not the copy in target/test-classes, which keeps files that were
     * deleted or renamed until a clean); {@code -Ddifftest.dir=DIR} for another one.
     */
    private static Path sourceRoot() {
        Path dir = Path.of(System.getProperty("difftest.dir",
                TuskServer.REPO.resolve("itests/src/test/resources/difftest").toString()));
        if (!Files.isDirectory(dir)) {
            fail("no difftest directory " + dir);
        }
        return dir;
    }

    private void runFile(String name, Path file) throws Exception {
        DifftestScript script;
        try {
            script = DifftestScript.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            fail(name + ".sql: " + e.getMessage());
            return;
        }
        if (script.pending() != null) {
            pendingFiles.add(name + ".sql (whole file): " + script.pending());
            Assumptions.abort("pending: " + script.pending());
        }
        for (String statement : script.pendingStatements()) {
            pendingFiles.add(name + ".sql " + statement);
        }
        // the copy psql runs: same relative name, so both outputs say psql:AREA/TOPIC.sql:LINE:
        Path inputRoot = OUT.resolve("input");
        Path input = inputRoot.resolve(name + ".sql");
        Files.createDirectories(input.getParent());
        Files.writeString(input, script.runnableText(), StandardCharsets.UTF_8);

        // a file that crashed a backend may have sent the server into crash recovery
        postgres.awaitAccepting(Duration.ofSeconds(60), "the previous file");
        tusk.awaitAccepting(Duration.ofSeconds(60), "the previous file");
        Map<String, Set<String>> before = Map.of("postgres", relations(postgres), "tusk", relations(tusk));
        CompletableFuture<TuskServer.Result> pgRun = CompletableFuture.supplyAsync(() -> psql(postgres, inputRoot, name));
        TuskServer.Result tuskResult = psql(tusk, inputRoot, name);
        TuskServer.Result pgResult = pgRun.get(PSQL_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);

        Path pgOut = OUT.resolve(name + ".postgres.out");
        Path tuskOut = OUT.resolve(name + ".tusk.out");
        Path diffOut = OUT.resolve(name + ".diff");
        Files.createDirectories(pgOut.getParent());
        Files.writeString(pgOut, pgResult.stdout(), StandardCharsets.UTF_8);
        Files.writeString(tuskOut, tuskResult.stdout(), StandardCharsets.UTF_8);
        Files.deleteIfExists(diffOut);

        List<String> expected = script.comparable(outputLines(pgResult));
        List<String> actual = script.comparable(outputLines(tuskResult));
        String diff = UnifiedDiff.diff(name + ".postgres.out", expected, name + ".tusk.out", actual, 3);

        List<String> problems = new ArrayList<>();
        if (!diff.isEmpty()) {
            Files.writeString(diffOut, diff, StandardCharsets.UTF_8);
            problems.add("Tusk's output differs from PostgreSQL's (- PostgreSQL, + Tusk):\n" + diff
                    + "outputs: " + pgOut + "\n         " + tuskOut + "\ndiff:    " + diffOut);
        }
        problems.addAll(leftovers(postgres, before.get("postgres")));
        problems.addAll(leftovers(tusk, before.get("tusk")));
        if (!problems.isEmpty()) {
            fail(name + ".sql: " + String.join("\n", problems));
        }
    }

    /** psql's output lines, plus a last line naming an unusual exit (connection lost, timeout). */
    private static List<String> outputLines(TuskServer.Result r) {
        List<String> lines = new ArrayList<>(r.stdout().lines().toList());
        if (r.timedOut()) {
            lines.add("[difftest: psql timed out after " + PSQL_TIMEOUT.toSeconds() + " s]");
        } else if (r.exitCode() != 0) {
            lines.add("[difftest: psql exited with " + r.exitCode() + "]");
        }
        return lines;
    }

    private static TuskServer.Result psql(StorageServer server, Path dir, String name) {
        List<String> cmd = List.of("psql", "-X", "-a", "-v", "ON_ERROR_STOP=0", "-v", "VERBOSITY=verbose",
                "-P", "pager=off", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", StorageServer.USER, "-d", "postgres", "-f", name + ".sql");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("PSQL") || k.startsWith("LC_") || k.equals("LANG"));
            env.put("LC_ALL", "C.UTF-8"); // psql's own texts untranslated ("(1 row)")
            env.put("PGCLIENTENCODING", "UTF8");
            env.put("PGCONNECT_TIMEOUT", "20");
            Path out = Files.createTempFile("difftest-", ".out");
            try {
                pb.redirectOutput(out.toFile());
                Process p = pb.start();
                boolean done = p.waitFor(PSQL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                return new TuskServer.Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8), "", !done);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The user's relations and schemas ("schema.name (kind)", "schema NAME"): everything in pg_class
     * and pg_namespace outside pg_catalog, information_schema and pg_toast, indexes aside (they go
     * with their table). Two plain queries, joined here, so it needs no join support; a new
     * connection each time, so a backend that a file crashed does not matter.
     */
    private static Set<String> relations(StorageServer server) throws SQLException {
        Map<Long, String> schemas = new HashMap<>();
        Set<String> all = new TreeSet<>();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT oid, nspname FROM pg_namespace")) {
                while (rs.next()) {
                    String nsp = rs.getString(2);
                    schemas.put(rs.getLong(1), nsp);
                    if (!systemSchema(nsp) && !nsp.equals("public")) {
                        all.add("schema " + nsp);
                    }
                }
            }
            // temporary relations aside: a pooled backend's warm-up makes one at any moment, also
            // in a pg_temp schema created after the first query
            try (ResultSet rs = s.executeQuery("SELECT relname, relnamespace, relkind, relpersistence FROM pg_class")) {
                while (rs.next()) {
                    String nsp = schemas.getOrDefault(rs.getLong(2), "?");
                    String kind = rs.getString(3);
                    if (!systemSchema(nsp) && !"i".equals(kind) && !"I".equals(kind) && !"t".equals(rs.getString(4))) {
                        all.add(nsp + "." + rs.getString(1) + " (" + kind + ")");
                    }
                }
            }
        }
        return all;
    }

    private static boolean systemSchema(String nsp) {
        return nsp.equals("pg_catalog") || nsp.equals("information_schema") || nsp.startsWith("pg_toast")
                || nsp.startsWith("pg_temp");
    }

    /** What the file left behind on that server, dropped again so the next file starts clean. */
    private static List<String> leftovers(StorageServer server, Set<String> before) throws SQLException {
        String kind = server.kind();
        Set<String> after = relations(server);
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        List<String> problems = new ArrayList<>();
        if (!added.isEmpty()) {
            problems.add("left behind on " + kind + " (dropped now; drop them at the file's end): " + added);
            try (Connection c = server.connect()) {
                for (String item : added) {
                    drop(c, item);
                }
            }
        }
        if (!removed.isEmpty()) {
            problems.add("dropped on " + kind + " what existed before the file: " + removed);
        }
        return problems;
    }

    private static void drop(Connection c, String item) {
        String sql;
        if (item.startsWith("schema ")) {
            sql = "DROP SCHEMA " + quote(item.substring("schema ".length())) + " CASCADE";
        } else {
            int dot = item.indexOf('.');
            int paren = item.lastIndexOf(" (");
            String name = quote(item.substring(0, dot)) + "." + quote(item.substring(dot + 1, paren));
            String what = switch (item.substring(paren + 2, item.length() - 1)) {
                case "v" -> "VIEW";
                case "m" -> "MATERIALIZED VIEW";
                case "S" -> "SEQUENCE";
                case "f" -> "FOREIGN TABLE";
                case "c" -> "TYPE";
                default -> "TABLE";
            };
            sql = "DROP " + what + " IF EXISTS " + name;
        }
        for (String attempt : List.of(sql + (sql.endsWith("CASCADE") ? "" : " CASCADE"), sql)) {
            try (Statement s = c.createStatement()) {
                s.execute(attempt);
                return;
            } catch (SQLException e) {
                // without CASCADE support, try the plain form; the next file's check shows what stays
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
