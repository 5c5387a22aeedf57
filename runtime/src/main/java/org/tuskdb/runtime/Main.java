package org.tuskdb.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
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
 * train-worker --scratch DIR [--install I]       start and stop a worker-like framework (AOT training)
 * build-aot    [--install I]                     run train-worker in a JVM with the workers' options
 *                                               and -XX:AOTCacheOutput=lib/worker.aot
 * </pre>
 * Rule: nothing may log (touch SLF4J) before the role and the log pipe are set as system
 * properties: the SLF4J provider reads them once, at its first use.
 */
public final class Main {
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
                case "train-worker" -> trainWorker(options);
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
        DataDirectory.clearFrameworkStorage(data);

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
            WorkerProcesses workers = new WorkerProcesses(new WorkerCommand(
                    Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                    install.resolve("lib").resolve("worker.aot"), data, pid, controlSocket, pipe, install,
                    System.getProperty(TuskServiceProvider.LEVEL_PROPERTY), settings));

            Map<String, String> extra = new HashMap<>(new Options("postmaster", Map.of(), settings).settingProperties());
            extra.put("tusk.console", Boolean.toString(options.has("--console")));
            runner = new FrameworkRunner(identity, DataDirectory.frameworkStorage(data, pid));
            FrameworkRunner started = runner;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.deleteStorage();
                PostmasterPidFile.release(data, pid);
            }, "tusk-postmaster-exit"));
            runner.start(all, core.size(), extra, workers);
            LoggerFactory.getLogger(Main.class).info("postmaster {} started on data directory {} ({} bundles)",
                    pid, data, all.size());
            runner.awaitStop();
            heldPipe.close();
            return 0;
        } finally {
            if (runner != null) {
                runner.stop();
                runner.deleteStorage();
            }
            PostmasterPidFile.release(data, pid);
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
        return runWorker(identity, bundles, options.settingProperties(), true);
    }

    /** Runs a worker's framework until a bundle stops it (or, when {@code wait} is false, returns at once). */
    private static int runWorker(ProcessIdentity identity, List<Path> bundles, Map<String, String> extra,
                                 boolean wait) throws Exception {
        FrameworkRunner runner = new FrameworkRunner(identity,
                DataDirectory.frameworkStorage(identity.dataDirectory(), identity.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(runner::deleteStorage, "tusk-worker-exit"));
        try {
            runner.start(bundles, bundles.size(), extra, null);
            LoggerFactory.getLogger(Main.class).debug("{} worker ready {} ms after its JVM started",
                    identity.role(), System.currentTimeMillis() - identity.startTimeMillis());
            if (wait) {
                runner.awaitStop();
            }
            return 0;
        } finally {
            runner.stop();
            runner.deleteStorage();
        }
    }

    /**
     * Creates lib/worker.aot: a JVM with exactly the options a backend worker gets (a cache is
     * only used by a JVM whose options and class path match) runs train-worker.
     */
    private static int buildAot(Options options) throws IOException, InterruptedException {
        Path install = installDirectory(options);
        Path cache = install.resolve("lib").resolve("worker.aot");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(WorkerCommand.jvmOptions(WorkerCommand.ROLE_BACKEND, 64));
        command.add("-XX:AOTCacheOutput=" + cache);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("train-worker");
        command.add("--install");
        command.add(install.toString());
        // The training JVM's data and bundle cache: it may halt, so its parent cleans up.
        Path scratch = Files.createTempDirectory("tusk-aot-training");
        command.add("--scratch");
        command.add(scratch.toString());
        Files.deleteIfExists(cache);
        int status;
        try {
            status = new ProcessBuilder(command).inheritIO().start().waitFor();
        } finally {
            DataDirectory.deleteTree(scratch);
        }
        // Without a postmaster, a worker's link component ends the training JVM early (status 1);
        // the JVM still writes the cache of what it loaded by then, which is what counts.
        if (!Files.isRegularFile(cache)) {
            System.err.println("tusk: AOT training failed (status " + status + ")");
            return 1;
        }
        System.out.println("tusk: wrote " + cache + " (" + Files.size(cache) / 1024 + " kB; training exited with "
                + status + ")");
        return 0;
    }

    /**
     * AOT training: what a worker does at start (framework, core bundles, SCR) under a role no
     * component selects, so nothing connects anywhere; run with -XX:AOTCacheOutput by `tusk`.
     */
    private static int trainWorker(Options options) throws Exception {
        Path install = installDirectory(options);
        Path scratch = Path.of(options.required("--scratch"));
        System.setProperty("tusk.role", "aot-training");
        List<Path> bundles = FeatureBundles.resolve(install.resolve("features"), install.resolve("bundles"),
                List.of(FeatureBundles.CORE));
        long pid = ProcessHandle.current().pid();
        ProcessIdentity identity = new ProcessIdentity("aot-training", scratch, 0, pid, pid,
                scratch.resolve(".s.tusk.control"), install, System.currentTimeMillis(), scratch.resolve("log/.pipe"));
        return runWorker(identity, bundles, Map.of("tusk.aot.training", "true"), false);
    }
}
