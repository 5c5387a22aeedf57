package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Tusk server for one test: a fresh data directory under /tmp, a free port, started and
 * stopped with the {@code tusk} command a user runs. {@link #close()} always leaves nothing
 * running: it stops the server and then kills, with SIGKILL, every process whose command line
 * names this data directory (the postmaster and every worker JVM), also when the test failed.
 */
public final class TuskServer implements AutoCloseable {
    public static final Path REPO = Path.of(System.getProperty("tusk.repo", "..")).toAbsolutePath().normalize();

    private final Path dataDir;
    private final int port;
    private boolean closed;
    private final Thread cleanupHook;

    private TuskServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.cleanupHook = new Thread(this::killEverything, "tusk-itest-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Initializes a data directory, appends these settings to tusk.conf and starts the server. */
    public static TuskServer start(Map<String, String> settings) {
        TuskServer server = create(settings);
        try {
            server.startServer();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    public static TuskServer start() {
        return start(Map.of());
    }

    /** Initializes the data directory and writes tusk.conf, without starting the server. */
    public static TuskServer create(Map<String, String> settings) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "tusk-it-");
            int port = freePort();
            TuskServer server = new TuskServer(dir, port);
            Result init = server.tusk(Duration.ofSeconds(60), "init", "-D", dir.toString());
            if (init.exitCode() != 0) {
                server.close();
                fail("tusk init failed: " + init);
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put("port", Integer.toString(port));
            all.put("listen_addresses", "'127.0.0.1'");
            all.put("unix_socket_directories", "'" + dir + "'");
            all.putAll(settings);
            StringBuilder conf = new StringBuilder("\n# added by the integration tests\n");
            all.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
            Files.writeString(dir.resolve("tusk.conf"), conf, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first start after a build also trains the worker AOT cache (lib/worker.aot): hence the long timeout. */
    public void startServer() {
        Result r = tusk(Duration.ofSeconds(240), "start", "-D", dataDir.toString(), "-p", Integer.toString(port));
        if (r.exitCode() != 0) {
            fail("tusk start failed: " + r + "\nlogs:\n" + logs());
        }
    }

    public Path dataDir() { return dataDir; }

    public int port() { return port; }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    public Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "tusk");
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", "60");
        p.putAll(extra);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** The postmaster's pid from postmaster.pid, or -1 when the file is absent. */
    public long postmasterPid() {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return -1;
            }
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The shared segment postmaster.pid names (line 7), or null. */
    Path segmentFile() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.size() >= 7 && !lines.get(6).isBlank() ? Path.of(lines.get(6).strip()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** An immediate stop or kill -9 leaves the segment behind (the next start would remove it). */
    static void removeSegment(Path segment) {
        if (segment != null && segment.getFileName().toString().startsWith("tusk-")) {
            try {
                Files.deleteIfExists(segment);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /**
     * The postmaster removes the bundle caches in /dev/shm at exit and at the next start of the
     * same data directory; after a kill -9 there is no next start, since the test deletes it.
     */
    static void removeFrameworkStorage(Path dataDir) {
        Path link = dataDir.resolve("pg_runtime").resolve("felix");
        try {
            if (Files.isSymbolicLink(link)) {
                Path target = Files.readSymbolicLink(link);
                if (target.getFileName() != null && target.getFileName().toString().startsWith("tusk-felix-")) {
                    deleteTree(target);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }

    /** Runs psql against this server: -X -q -A -t by default plus the given arguments. */
    public Result psql(String... args) {
        List<String> cmd = new ArrayList<>(List.of("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "tusk", "-d", "postgres"));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60), null);
    }

    /** Runs the tusk command of the repository with these arguments. */
    public Result tusk(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(REPO.resolve("tusk").toString());
        cmd.addAll(List.of(args));
        return run(cmd, timeout, null);
    }

    public Result tuskWithInput(Duration timeout, String input, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(REPO.resolve("tusk").toString());
        cmd.addAll(List.of(args));
        return run(cmd, timeout, input);
    }

    public static Result run(List<String> cmd, Duration timeout, String input) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("TUSK_NO_BUILD", "1");
            pb.environment().put("PGCONNECT_TIMEOUT", "20");
            Path out = Files.createTempFile("tusk-it-out", ".txt");
            Path err = Files.createTempFile("tusk-it-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            if (input == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (input != null) {
                try (var os = p.getOutputStream()) {
                    os.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Result r = new Result(done ? p.exitValue() : -1, Files.readString(out), Files.readString(err), !done);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every live process whose command line names this data directory. */
    public List<ProcessHandle> processes() {
        String marker = dataDir.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                            || h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                    .filter(h -> h.pid() != ProcessHandle.current().pid())
                    .toList();
        }
    }

    /** The text of every file under log/, for failure messages. */
    public String logs() {
        Path logDir = dataDir.resolve("log");
        if (!Files.isDirectory(logDir)) {
            return "(no log directory)";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (text.length() > 20000) {
                    text = "..." + text.substring(text.length() - 20000);
                }
                sb.append("== ").append(f.getFileName()).append('\n').append(text);
            }
        } catch (IOException e) {
            sb.append(e);
        }
        return sb.toString();
    }

    /** Stops the server with that mode through `tusk stop` and returns its result. */
    public Result stop(String mode) {
        return tusk(Duration.ofSeconds(90), "stop", "-D", dataDir.toString(), "-m", mode);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Path segment = segmentFile();
        try {
            if (postmasterPid() > 0 && ProcessHandle.of(postmasterPid()).isPresent()) {
                stop("immediate");
            }
        } finally {
            killEverything();
            removeSegment(segment);
            removeFrameworkStorage(dataDir);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook runs anyway
            }
            if (Boolean.getBoolean("tusk.itest.keepData")) {
                System.err.println("kept the data directory " + dataDir + " (-Dtusk.itest.keepData)");
            } else {
                deleteTree(dataDir);
            }
        }
    }

    private void killEverything() {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> procs = processes();
            long pm = postmasterPid();
            List<ProcessHandle> targets = new ArrayList<>(procs);
            if (pm > 0) {
                ProcessHandle.of(pm).ifPresent(h -> {
                    h.descendants().forEach(targets::add);
                    targets.add(h);
                });
            }
            if (targets.isEmpty()) {
                return;
            }
            targets.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : targets) {
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // checked again in the next round
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a socket or file still in use: /tmp is cleaned eventually
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Polls a condition until it holds or the timeout passes. */
    public static boolean waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (timed out)" : "") + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
