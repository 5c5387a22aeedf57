package org.tuskdb.runtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates lib/worker.aot, the ahead-of-time cache every worker JVM maps (see
 * benchmarks/README-startup.md for what it saves).
 *
 * <p>The cache holds what its training run loaded, linked and profiled, so the training is a
 * real server on a scratch data directory: a postmaster whose first backend runs with
 * {@code -XX:AOTCacheOutput} (and exactly the backend's other JVM options, which a cache must
 * match), serving one session of simple and extended queries. The cache so covers the whole
 * worker start (framework, SCR, segment attach, control link) and a backend's session path.
 * When that backend exits at the smart shutdown that ends training, its JVM writes the cache.
 *
 * <p>Rules: the cache is written under a name of its own and renamed into place, so two
 * trainings at once (two {@code ./tusk start} on a fresh build) never leave a half-written
 * file; no process of the training outlives it, also when it fails.
 */
final class AotTraining {
    /** Postmaster system property: the first backend writes the AOT cache to this file. */
    static final String OUTPUT_PROPERTY = "tusk.aot.training.output";
    /**
     * How long the training server may take to become ready: its postmaster and six worker JVMs
     * start without a cache. 60 s was too short on a loaded 2-core machine (load average 40-58,
     * 2026-12-02: a worker JVM took 15-60 s from start to ready), and a training that gives up
     * leaves every worker of that build without the cache (about 10 MB more per worker and a
     * slower start), which is worse than a slow build.
     */
    private static final long READY_TIMEOUT_MILLIS = 300_000;
    private static final long EXIT_TIMEOUT_MILLIS = 120_000;
    /**
     * How long the training backend warms up before the training client stops it (the warm-up's
     * own limit, protocol's Warmup.TIME_LIMIT_MILLIS, is 30 s): the mix and the first lookups on
     * its table get into the cache's profiles without lengthening the build by much.
     */
    private static final long WARMUP_WAIT_MILLIS = 3_500;

    private final Path install;
    private final Path javaBinary;
    private final String classPath;

    AotTraining(Path install, Path javaBinary, String classPath) {
        this.install = install;
        this.javaBinary = javaBinary;
        // Absolute: the training server's workers run in its data directory.
        this.classPath = java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Trains and writes {@code cache}; returns false (with the reason on stderr) when it could not. */
    boolean run(Path cache) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("tusk-aot-training");
        Path output = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Process postmaster = null;
        try {
            Path data = scratch.resolve("data");
            DataDirectory.initialize(data, install.resolve("bundles"));
            int port = freePort();
            postmaster = new ProcessBuilder(postmasterCommand(data, port, output))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(scratch.resolve("postmaster.out").toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!awaitReady(data, postmaster)) {
                System.err.println("tusk: AOT training: the training server did not become ready:");
                printLogs(scratch, data);
                return false;
            }
            // The backend warms up (its WarmupScript mix) until a client comes: let it run a while
            // first, so that the mix is in the cache's profiles too.
            Thread.sleep(WARMUP_WAIT_MILLIS);
            try {
                session(port);
            } catch (IOException e) {
                // The cache of a start without a session is still worth having.
                System.err.println("tusk: AOT training: the training session failed: " + e.getMessage());
            }
            // Smart shutdown: the idle backend exits normally, and its JVM writes the cache.
            postmaster.destroy();
            if (!postmaster.waitFor(EXIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                System.err.println("tusk: AOT training: the training server did not stop");
                return false;
            }
            if (!Files.isRegularFile(output)) {
                System.err.println("tusk: AOT training: no cache was written; see the log of the training server:");
                printLogs(scratch, data);
                return false;
            }
            Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            if (postmaster != null) {
                postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                postmaster.destroyForcibly();
                postmaster.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(output);
            Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".config"));
            DataDirectory.deleteTree(scratch);
        }
    }

    private List<String> postmasterCommand(Path data, int port, Path output) {
        List<String> c = new ArrayList<>();
        c.add(javaBinary.toString());
        c.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dtusk.role=postmaster", "-Dtusk.install=" + install,
                "-D" + OUTPUT_PROPERTY + "=" + output,
                // "ready" only once the training backend is idle (and warming up): see below.
                "-Dtusk.ready.waits.for.pool=true"));
        // The workers' tuning options travel along: a cache is only used by a JVM of the same options.
        for (String property : List.of(WorkerCommand.EXTRA_OPTIONS_PROPERTY, WorkerCommand.EXTRA_CLASS_PATH_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                c.add("-D" + property + "=" + value);
            }
        }
        c.addAll(List.of("-cp", classPath, Main.class.getName(), "postmaster",
                "-D", data.toString(), "-p", Integer.toString(port),
                // One backend: the one that trains.
                "--set", "backend_pool_min_idle=1", "--set", "backend_pool_max_idle=1",
                // A scratch server: its commits need not be durable (the code path is the same
                // up to the fdatasync call itself), and training stays short on a loaded machine.
                "--set", "fsync=off",
                "--set", "listen_addresses=localhost", "--set", "unix_socket_directories=" + data));
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean awaitReady(Path data, Process postmaster) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000L;
        Path pidFile = PostmasterPidFile.path(data);
        while (System.nanoTime() < deadline && postmaster.isAlive()) {
            if (Files.isRegularFile(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
                if (lines.size() >= PostmasterPidFile.LINE_STATUS
                        && lines.get(PostmasterPidFile.LINE_STATUS - 1).strip().startsWith("ready")) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * One session of the kinds of statements clients send first (psql's and JDBC's): simple
     * queries, SET/SHOW, and an extended-protocol round with a parameter. Protocol v3, trust.
     */
    private static void session(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Message startup = new Message(0);
            startup.int32(196608);
            startup.cstring("user").cstring("postgres").cstring("database").cstring("postgres");
            startup.cstring("application_name").cstring("tusk-aot-training").int8(0);
            out.write(startup.bytes());
            awaitReadyForQuery(in);
            for (String sql : List.of("SELECT 1", "SELECT version(), current_setting('server_version')",
                    "SET application_name = 'training'; SHOW application_name",
                    "BEGIN; SELECT 1 + 2 * 3, 'a' || 'b', CASE WHEN true THEN 1 ELSE 0 END; COMMIT",
                    "SELECT pid, state, query FROM pg_stat_activity")) {
                out.write(new Message('Q').cstring(sql).bytes());
                awaitReadyForQuery(in);
            }
            Message parse = new Message('P').cstring("").cstring("SELECT $1::int + 1").int16(0);
            Message bind = new Message('B').cstring("").cstring("").int16(0).int16(1).int32(2);
            bind.raw("41".getBytes(StandardCharsets.US_ASCII)).int16(0);
            Message describe = new Message('D').int8('P').cstring("");
            Message execute = new Message('E').cstring("").int32(0);
            Message sync = new Message('S');
            for (int i = 0; i < 3; i++) {
                out.write(concat(parse, bind, describe, execute, sync));
                awaitReadyForQuery(in);
            }
            tables(out, in);
            out.write(new Message('X').bytes());
        }
    }

    /** Rounds of table work (pgbench's kinds): the cache then holds the profiles of the whole DML path. */
    static final int TABLE_ROUNDS = 500;

    /**
     * Single-row INSERT, point SELECT, UPDATE and DELETE by a WHERE, simple and extended
     * (prepared) protocol, autocommit and in transaction blocks, on a table of the scratch server
     * with a primary key (so the lookups are index scans, as clients' usually are). Enough
     * repetitions that the methods of these paths are profiled (JEP 515 method profiles travel
     * in the cache, so a new backend compiles them early instead of interpreting its first
     * thousands of statements).
     */
    private static void tables(OutputStream out, DataInputStream in) throws IOException {
        // A primary key: the point lookups by id then take the B-tree index path, as clients' do.
        simple(out, in, "CREATE TABLE aot_training (id bigint PRIMARY KEY, n int, payload text, flag boolean,"
                + " amount numeric)");
        Message insert = new Message('P').cstring("aot_insert")
                .cstring("INSERT INTO aot_training (id, n, payload) VALUES ($1, $2, $3)").int16(0);
        Message select = new Message('P').cstring("aot_select")
                .cstring("SELECT id, n, payload FROM aot_training WHERE id = $1").int16(0);
        Message update = new Message('P').cstring("aot_update")
                .cstring("UPDATE aot_training SET n = n + $1 WHERE id = $2").int16(0);
        out.write(concat(insert, select, update, new Message('S')));
        awaitReadyForQuery(in);
        for (int i = 1; i <= TABLE_ROUNDS; i++) {
            simple(out, in, "INSERT INTO aot_training (id, n, payload, flag, amount) VALUES (" + i + ", " + i
                    + ", 'training row', " + (i % 2 == 0) + ", " + i + ".25)");
            out.write(bytes(bindExecute("aot_insert", Integer.toString(-i), Integer.toString(i), "prepared row"),
                    new Message('S').bytes()));
            awaitReadyForQuery(in);
            if (i % 10 == 0) {
                out.write(bytes(bindExecute("aot_select", Integer.toString(i)), new Message('S').bytes()));
                awaitReadyForQuery(in);
                simple(out, in, "SELECT id, n, payload FROM aot_training WHERE id = " + (i - 5));
                simple(out, in, "BEGIN; UPDATE aot_training SET n = n + 1 WHERE id = " + i
                        + "; SELECT n FROM aot_training WHERE id = " + i + " FOR UPDATE; COMMIT");
                out.write(bytes(bindExecute("aot_update", "1", Integer.toString(-i)), new Message('S').bytes()));
                awaitReadyForQuery(in);
                simple(out, in, "DELETE FROM aot_training WHERE id = " + (i - 3));
            }
        }
        simple(out, in, "DROP TABLE aot_training");
        lookups(out, in);
    }

    /** Rounds of {@link #lookups}: one prepared and one simple lookup each. */
    static final int LOOKUP_ROUNDS = 3000;

    /**
     * Point lookups by an int4 primary key on a table shaped like pgbench_accounts, with enough
     * rows for a two-level B-tree: the path of the most common client statement (pgbench's
     * select-only, issue 5's benchmark), simple and prepared, repeated until C2 has compiled it
     * in the training backend, so that its profiles (JEP 515) are in the cache and a backend
     * started for a waiting client compiles that path early instead of under its first clients.
     */
    private static void lookups(OutputStream out, DataInputStream in) throws IOException {
        int rows = 20_000;
        simple(out, in, "CREATE TABLE aot_lookup (aid int4 PRIMARY KEY, bid int4, abalance int4, filler char(84))");
        simple(out, in, "INSERT INTO aot_lookup SELECT g, g / 1000, 0, '' FROM generate_series(1, " + rows + ") g");
        out.write(concat(new Message('P').cstring("aot_lookup")
                .cstring("SELECT abalance FROM aot_lookup WHERE aid = $1").int16(0), new Message('S')));
        awaitReadyForQuery(in);
        for (int i = 0; i < LOOKUP_ROUNDS; i++) {
            int aid = 1 + (int) ((i * 7919L) % rows);
            out.write(bytes(bindExecute("aot_lookup", Integer.toString(aid)), new Message('S').bytes()));
            awaitReadyForQuery(in);
            simple(out, in, "SELECT abalance FROM aot_lookup WHERE aid = " + (rows + 1 - aid));
        }
        simple(out, in, "DROP TABLE aot_lookup");
    }

    private static void simple(OutputStream out, DataInputStream in, String sql) throws IOException {
        out.write(new Message('Q').cstring(sql).bytes());
        awaitReadyForQuery(in);
    }

    /** Bind (text parameters, text results) + Execute of a named statement on the unnamed portal. */
    private static byte[] bindExecute(String statement, String... params) {
        Message bind = new Message('B').cstring("").cstring(statement).int16(0).int16(params.length);
        for (String p : params) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            bind.int32(b.length).raw(b);
        }
        bind.int16(0);
        return concat(bind, new Message('E').cstring("").int32(0));
    }

    private static byte[] bytes(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] concat(Message... messages) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (Message m : messages) {
            b.writeBytes(m.bytes());
        }
        return b.toByteArray();
    }

    /** Reads messages up to ReadyForQuery; an ErrorResponse is fine (training only exercises code). */
    private static void awaitReadyForQuery(DataInputStream in) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            int length = in.readInt();
            in.skipNBytes(length - 4L);
            if (type == 'Z') {
                return;
            }
        }
    }

    private static void printLogs(Path scratch, Path data) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(scratch.resolve("postmaster.out"));
        try (var logs = Files.list(DataDirectory.logDirectory(data))) {
            logs.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                System.err.println("---- " + f.getFileName());
                System.err.println(Files.readString(f));
            }
        }
    }

    /** A protocol message being built: type byte (none for the startup packet), length, body. */
    private static final class Message {
        private final int type;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

        Message(int type) {
            this.type = type;
        }

        Message int8(int v) {
            body.write(v);
            return this;
        }

        Message int16(int v) {
            body.write(v >>> 8);
            body.write(v);
            return this;
        }

        Message int32(int v) {
            int16(v >>> 16);
            return int16(v);
        }

        Message cstring(String s) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            return this;
        }

        Message raw(byte[] b) {
            body.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            byte[] b = body.toByteArray();
            java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate((type == 0 ? 0 : 1) + 4 + b.length);
            if (type != 0) {
                m.put((byte) type);
            }
            m.putInt(4 + b.length).put(b);
            return m.array();
        }
    }
}
