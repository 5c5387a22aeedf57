package org.tuskdb.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a worker JVM. Everything a worker needs to know comes in here; nothing is
 * inherited through files except the bundle list the postmaster wrote at start.
 *
 * <p>JVM options, and why (numbers in benchmarks/README-startup.md):
 * <ul>
 * <li>{@code -XX:+UseSerialGC}, {@code -Xmx} from the role, {@code -Xss512k}: small heaps in
 *     one-session processes gain nothing from a parallel collector, whose threads and card tables
 *     cost memory in every JVM;</li>
 * <li>{@code -Xms8m -Xmn4m}: the heap grows only when needed and a small young generation keeps
 *     the pages an idle worker has touched few (every eden page is touched between two young
 *     collections: 6 MB to 4 MB is about 1.8 MB less PSS per worker);</li>
 * <li>{@code -XX:ArchiveRelocationMode=0}: the AOT cache mapped at its own address stays clean and
 *     shared between workers (about 7 MB less PSS per worker);</li>
 * <li>{@code -XX:TieredStopAtLevel=1} for auxiliary roles only: C1 alone needs less memory and
 *     fewer compiler threads; backends keep C2, they run the hot paths, and so does the startup
 *     process, whose redo loop runs for as long as there is WAL to replay (C1 only: 1 GB of WAL
 *     replayed in 4.7 s, redo thread CPU 4.5 s, against PostgreSQL's 2.0 s);</li>
 * <li>{@code -XX:-UsePerfData}: no hsperfdata file mapped per JVM;</li>
 * <li>{@code -XX:TrimNativeHeapInterval=5000}: the JIT's arenas (C2 compiling the warm-up and
 *     a session's hot paths) are malloc'ed and freed, but glibc keeps the freed memory; trimming
 *     every 5 s hands it back, so an idle pooled backend returns to its warmed-up size (about
 *     16 MB less PSS per idle backend after a session);</li>
 * <li>{@code -XX:AOTCache}: the ahead-of-time cache trained on the core feature, when present
 *     (its read-only part is mapped by every worker and shared, like fork's copy-on-write);</li>
 * <li>{@code -Dtusk.role}: so that {@code ps} shows each process's role.</li>
 * <li>environment {@code MALLOC_ARENA_MAX=2} ({@link #environment()}): glibc gives each thread
 *     that allocates an arena of its own (up to 8 per core), each with its own free lists and
 *     partly used pages; a worker's ~20 threads malloc little, mostly the JIT's, and two arenas
 *     hold the same with less waste (0.5 to 3 MB less PSS per backend).</li>
 * <li>{@code --sun-misc-unsafe-memory-access=allow}: Felix 7 still reads one field offset through
 *     sun.misc.Unsafe, and JDK 25 would print a warning into the log at every worker start.</li>
 * </ul>
 *
 * @param aotCache the worker AOT cache file; not used when it does not exist
 * @param logLevel passed on as tusk.log.level, or null
 * @param settings the postmaster's command-line settings, passed on as {@code --set name=value}
 */
record WorkerCommand(Path javaBinary, String classPath, Path aotCache, Path dataDirectory, long postmasterPid,
                     Path controlSocket, Path logPipe, Path installDirectory, String logLevel,
                     Map<String, String> settings) {
    static final String ROLE_BACKEND = "backend";
    /** The startup process: its redo loop is hot for as long as there is WAL to replay. */
    static final String ROLE_STARTUP = "startup";
    /** Postmaster system property with extra worker JVM options (TUSK_WORKER_JAVA_OPTS in ./tusk), for tuning. */
    static final String EXTRA_OPTIONS_PROPERTY = "tusk.worker.options";
    /**
     * Postmaster system property, for experiments only: jars appended to the worker class path
     * (see benchmarks/README-startup.md, "bundle classes from the application class loader").
     */
    static final String EXTRA_CLASS_PATH_PROPERTY = "tusk.worker.classpath.extra";

    List<String> build(String role, int slot, int heapMegabytes) {
        return build(role, slot, heapMegabytes, null);
    }

    /**
     * @param aotOutput when not null, this worker is the AOT training run: it writes the cache
     *                  there at exit instead of using one
     */
    List<String> build(String role, int slot, int heapMegabytes, Path aotOutput) {
        List<String> c = new ArrayList<>(32);
        c.add(javaBinary.toString());
        c.addAll(jvmOptions(role, heapMegabytes));
        if (aotOutput != null) {
            c.add("-XX:AOTCacheOutput=" + aotOutput);
        } else if (aotCache != null && Files.isRegularFile(aotCache)) {
            c.add("-XX:AOTCache=" + aotCache);
        }
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            c.addAll(List.of(extra.split("\\s+")));
        }
        c.add("-Dtusk.role=" + role);
        if (logLevel != null) {
            c.add("-Dtusk.log.level=" + logLevel);
        }
        c.add("-cp");
        String extraClassPath = System.getProperty(EXTRA_CLASS_PATH_PROPERTY, "").strip();
        c.add(extraClassPath.isEmpty() ? classPath : classPath + java.io.File.pathSeparator + extraClassPath);
        c.add(Main.class.getName());
        c.add("worker");
        c.add("--role");
        c.add(role);
        c.add("--slot");
        c.add(Integer.toString(slot));
        c.add("-D");
        c.add(dataDirectory.toString());
        c.add("--postmaster-pid");
        c.add(Long.toString(postmasterPid));
        c.add("--control-socket");
        c.add(controlSocket.toString());
        c.add("--log-pipe");
        c.add(logPipe.toString());
        c.add("--install");
        c.add(installDirectory.toString());
        settings.forEach((name, value) -> {
            c.add("--set");
            c.add(name + "=" + value);
        });
        return c;
    }

    /** Environment variables set for every worker process (on top of the postmaster's). */
    static Map<String, String> environment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }

    /**
     * The JVM options of a worker of this role (also the ones the AOT cache is trained with:
     * a cache is only used by a JVM whose options match).
     */
    static List<String> jvmOptions(String role, int heapMegabytes) {
        List<String> o = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmn4m", "-Xmx" + heapMegabytes + "m",
                "-Xss512k", "-XX:-UsePerfData", "-XX:TrimNativeHeapInterval=5000",
                // Map the AOT cache at its build address instead of a random one: relocating it
                // writes to (and so un-shares) its pages in every worker.
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                "--enable-native-access=ALL-UNNAMED",
                // Felix reads a field offset through sun.misc.Unsafe; without this every JVM warns.
                "--sun-misc-unsafe-memory-access=allow"));
        if (!ROLE_BACKEND.equals(role) && !ROLE_STARTUP.equals(role)) {
            o.add("-XX:TieredStopAtLevel=1");
        }
        return o;
    }
}
