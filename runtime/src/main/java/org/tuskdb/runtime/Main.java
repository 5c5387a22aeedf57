package org.tuskdb.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.tuskdb.runtime.log.TuskServiceProvider;

/**
 * The single entry point of every Tusk JVM.
 * <pre>
 * postmaster   -D DIR [-p PORT] [--console]      the server (features core + shell)
 * worker       --role R --slot N -D DIR --postmaster-pid P --control-socket S --log-pipe F --install I
 *                                               a worker JVM, started by the postmaster
 * init         -D DIR                            create a data directory
 * shell-client -D DIR                            attach to a running server's shell
 * build-aot    [--install I]                     create lib/worker.aot with a training server
 * </pre>
 * Rule: nothing may log (touch SLF4J) before the role and the log pipe are set as system
 * properties: the SLF4J provider reads them once, at its first use.
 */
public final class Main {
    /** When this JVM reached main (for the debug log of the start time). */
    private static final long MAIN_ENTERED = System.currentTimeMillis();
    /** How long the postmaster waits for the log pipe's contents when nobody else will read them. */
    private static final long DRAIN_MILLIS = 500;

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            Options options = Options.parse(args);
            status = switch (options.command()) {
                case "postmaster" -> postmaster(options);
                case "worker" -> worker(options);
                case "init" -> init(options);
                case "shell-client" -> ShellClient.run(options.dataDirectory(), System.in, System.out);
                case "build-aot" -> buildAot(options);
                default -> throw new IllegalArgumentException("unknown command \"" + options.command() + "\"");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("tusk: " + e.getMessage());
            status = 2;
        } catch (PostmasterPidFile.HeldException e) {
            System.err.println("tusk: FATAL: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println("tusk: FATAL: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static Path installDirectory(Options options) {
        String given = options.get("--install");
        if (given == null) {
            given = System.getProperty("tusk.install");
        }
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        try {
            // lib/tusk-launcher.jar → the distribution directory
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int init(Options options) throws IOException {
        Path data = options.dataDirectory();
        boolean created = DataDirectory.initialize(data, installDirectory(options).resolve("bundles"));
        System.out.println(created ? "tusk: initialized data directory " + data
                : "tusk: " + data + " is already a data directory");
        return 0;
    }

    private static int postmaster(Options options) throws Exception {
        long startMillis = System.currentTimeMillis();
        long pid = ProcessHandle.current().pid();
        Path data = options.dataDirectory();
        Path install = installDirectory(options);
        DataDirectory.initialize(data, install.resolve("bundles"));

        Map<String, String> conf = ConfFile.read(data.resolve("tusk.conf"));
        String portText = options.get("-p") != null ? options.get("-p") : conf.getOrDefault("port", "5432");
        int port = Integer.parseInt(portText.strip());
        Map<String, String> settings = new LinkedHashMap<>(options.settings());
        if (options.get("-p") != null) {
            settings.put("port", Integer.toString(port));
        }
        PostmasterPidFile.Contents lock = new PostmasterPidFile.Contents(pid, data, startMillis / 1000, port,
                ConfFile.first(conf.get("unix_socket_directories"), "/tmp"),
                ConfFile.first(conf.get("listen_addresses"), "localhost"),
                "/dev/shm/tusk-" + pid, "starting");
        PostmasterPidFile.acquire(data, lock, PostmasterPidFile::isLiveTuskProcess);
        DataDirectory.prepareFrameworkStorage(data, pid);

        FrameworkRunner runner = null;
        try {
            // The log FIFO. The postmaster holds it open read-write for its whole life, so that
            // writers never block at open nor get EPIPE while the logger is being restarted;
            // bytes written meanwhile wait in the pipe for the next logger.
            Path pipe = DataDirectory.logPipe(data);
            Posix.mkfifo(pipe, 0600);
            FileChannel heldPipe = FileChannel.open(pipe, StandardOpenOption.READ, StandardOpenOption.WRITE);
            System.setProperty("tusk.role", ProcessIdentity.ROLE_POSTMASTER);
            System.setProperty(TuskServiceProvider.PIPE_PROPERTY, pipe.toString());
            Posix.setProcessTitle("tusk postmaster");

            Path bundles = install.resolve("bundles");
            Path features = install.resolve("features");
            List<Path> core = FeatureBundles.resolve(features, bundles, List.of(FeatureBundles.CORE));
            List<Path> all = FeatureBundles.resolve(features, bundles, List.of(FeatureBundles.CORE, FeatureBundles.SHELL));
            BundleList.write(DataDirectory.bundleList(data), core, "bundles of feature core, for worker JVMs of postmaster " + pid);

            Path controlSocket = DataDirectory.controlSocket(data, pid);
            ProcessIdentity identity = new ProcessIdentity(ProcessIdentity.ROLE_POSTMASTER, data, -1, pid, pid,
                    controlSocket, install, startMillis, pipe);
            // An AOT training server (AotTraining) uses no cache: its first backend writes one.
            String trainingOutput = System.getProperty(AotTraining.OUTPUT_PROPERTY);
            WorkerProcesses workers = new WorkerProcesses(new WorkerCommand(
                    Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                    trainingOutput == null ? install.resolve("lib").resolve("worker.aot") : null, data, pid,
                    controlSocket, pipe, install, System.getProperty(TuskServiceProvider.LEVEL_PROPERTY), settings),
                    trainingOutput == null ? null : Path.of(trainingOutput));

            Map<String, String> extra = new HashMap<>(new Options("postmaster", Map.of(), settings).settingProperties());
            extra.put("tusk.console", Boolean.toString(options.has("--console")));
            runner = new FrameworkRunner(identity, DataDirectory.frameworkStorage(data, pid));
            FrameworkRunner started = runner;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.deleteStorage();
                clearFrameworkStorage(data);
                PostmasterPidFile.release(data, pid);
            }, "tusk-postmaster-exit"));
            runner.start(all, core.size(), extra, workers);
            LoggerFactory.getLogger(Main.class).info("postmaster {} started on data directory {} ({} bundles)",
                    pid, data, all.size());
            runner.awaitStop();
            if (!workers.anyStarted()) {
                // The postmaster gave up before its first worker (a port in use, say): the logger
                // is a worker, so what it logged is still in the pipe. It goes to standard error
                // (startup.log under "tusk start"), and the exit is a failure, as PostgreSQL's.
                LogPipeDrain.copy(heldPipe, System.err, DRAIN_MILLIS);
                heldPipe.close();
                return 1;
            }
            heldPipe.close();
            return 0;
        } finally {
            if (runner != null) {
                runner.stop();
                runner.deleteStorage();
            }
            clearFrameworkStorage(data);
            PostmasterPidFile.release(data, pid);
        }
    }

    /** At the postmaster's exit, while it still holds the lock; leftovers go at the next start. */
    private static void clearFrameworkStorage(Path data) {
        try {
            DataDirectory.clearFrameworkStorage(data);
        } catch (IOException e) {
            // Cleared at the next start.
        }
    }

    private static int worker(Options options) throws Exception {
        String role = options.required("--role");
        int slot = Integer.parseInt(options.required("--slot"));
        Path data = options.dataDirectory();
        long postmasterPid = Long.parseLong(options.required("--postmaster-pid"));
        Path pipe = Path.of(options.required("--log-pipe"));
        System.setProperty("tusk.role", role);
        Posix.setProcessTitle("tusk " + role);
        if (ProcessHandle.of(postmasterPid).map(p -> !p.isAlive()).orElse(true)) {
            System.err.println("tusk: FATAL: postmaster " + postmasterPid + " is gone");
            return 1;
        }
        long startMillis = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
        ProcessIdentity identity = new ProcessIdentity(role, data, slot, ProcessHandle.current().pid(), postmasterPid,
                Path.of(options.required("--control-socket")), installDirectory(options), startMillis, pipe);
        List<Path> bundles = BundleList.read(DataDirectory.bundleList(data));
        return runWorker(identity, bundles, options.settingProperties());
    }

    /** Runs a worker's framework until a bundle stops it. */
    private static int runWorker(ProcessIdentity identity, List<Path> bundles, Map<String, String> extra)
            throws Exception {
        FrameworkRunner runner = new FrameworkRunner(identity,
                DataDirectory.frameworkStorage(identity.dataDirectory(), identity.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(runner::deleteStorage, "tusk-worker-exit"));
        try {
            runner.start(bundles, bundles.size(), extra, null);
            org.slf4j.Logger log = LoggerFactory.getLogger(Main.class);
            if (log.isDebugEnabled()) {
                // CPU time too: on a loaded machine it says more about the start's cost than the
                // wall time does.
                log.debug("{} worker ready {} ms after its JVM started (main entered at {} ms, {} ms CPU)",
                        identity.role(), System.currentTimeMillis() - identity.startTimeMillis(),
                        MAIN_ENTERED - identity.startTimeMillis(), ProcessHandle.current().info().totalCpuDuration()
                                .map(java.time.Duration::toMillis).orElse(-1L));
            }
            runner.awaitStop();
            return 0;
        } finally {
            runner.stop();
            runner.deleteStorage();
        }
    }

    /** Creates lib/worker.aot with a training server (see {@link AotTraining}). */
    private static int buildAot(Options options) throws IOException, InterruptedException {
        Path install = installDirectory(options);
        Path cache = install.resolve("lib").resolve("worker.aot");
        long start = System.nanoTime();
        boolean written = new AotTraining(install, Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path")).run(cache);
        if (!written) {
            System.err.println("tusk: AOT training failed");
            return 1;
        }
        System.out.println("tusk: wrote " + cache + " (" + Files.size(cache) / 1024 + " kB in "
                + (System.nanoTime() - start) / 1_000_000_000L + " s)");
        return 0;
    }
}
