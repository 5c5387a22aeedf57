package org.tuskdb.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Creating and recognizing a data directory (PostgreSQL's initdb, reduced to what exists yet).
 * <pre>
 * TUSK_VERSION      data directory format version; a directory without it is not ours
 * tusk.conf         settings, from the settings bundle's tusk.conf.sample
 * hba.conf          client authentication (placeholder: trust for now)
 * log/              the logger role's files; log/.pipe is the log FIFO (the postmaster creates it)
 * pg_runtime/       files that live as long as one postmaster: bundles.list for the workers,
 *                   felix/PID/ the bundle cache of each process (removed at its exit; a process
 *                   that halts leaves its own, and the next postmaster start clears them all).
 *                   felix is a link to /dev/shm/tusk-felix-POSTMASTERPID when /dev/shm exists:
 *                   Felix writes a dozen small files per bundle at every start, which costs
 *                   tens of milliseconds per worker on a disk file system and nothing in memory
 * postmaster.pid    the lock, while a postmaster runs
 * </pre>
 * The directory is private to its owner (0700) like PostgreSQL's, because its sockets
 * (.s.tusk.shell, .s.tusk.control) give full control of the server.
 */
final class DataDirectory {
    /** Version of the directory's layout; bumped when a new server could not read an old one. */
    static final String FORMAT_VERSION = "1";
    static final String VERSION_FILE = "TUSK_VERSION";
    static final String CONF_SAMPLE_ENTRY = "tusk.conf.sample";
    private static final String FRAMEWORK_STORAGE = "felix";
    private static final String SHM_STORAGE_PREFIX = "tusk-felix-";
    private static final Path DEV_SHM = Path.of("/dev/shm");

    private DataDirectory() {
    }

    static boolean isInitialized(Path dir) {
        return Files.isRegularFile(dir.resolve(VERSION_FILE));
    }

    /**
     * Creates the directory's files unless it already is a data directory.
     *
     * @param bundlesDirectory the distribution's bundles/, where the settings bundle carries the
     *                         sample configuration
     * @return true when it created the directory's files
     */
    static boolean initialize(Path dir, Path bundlesDirectory) throws IOException {
        if (isInitialized(dir)) {
            check(dir);
            return false;
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    throw new IOException("directory \"" + dir + "\" exists but is not empty and is not a Tusk data directory");
                }
            }
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(logDirectory(dir));
        Files.createDirectories(runtimeDirectory(dir));
        Files.writeString(dir.resolve("tusk.conf"), sampleConfiguration(bundlesDirectory));
        Files.writeString(dir.resolve("hba.conf"), """
                # hba.conf: client authentication, in PostgreSQL's pg_hba.conf format.
                # Not read yet: every connection is trusted until authentication methods arrive.
                # TYPE  DATABASE  USER  ADDRESS       METHOD
                # local all       all                 trust
                # host  all       all   127.0.0.1/32  trust
                """);
        // Last: a directory with TUSK_VERSION is complete.
        Files.writeString(dir.resolve(VERSION_FILE), FORMAT_VERSION + "\n");
        return true;
    }

    /** Refuses a directory of another format version. */
    static void check(Path dir) throws IOException {
        Path file = dir.resolve(VERSION_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("\"" + dir + "\" is not a Tusk data directory (no " + VERSION_FILE + ")");
        }
        String version = Files.readString(file).strip();
        if (!version.equals(FORMAT_VERSION)) {
            throw new IOException("data directory \"" + dir + "\" has format version " + version
                    + ", this server reads version " + FORMAT_VERSION);
        }
        Files.createDirectories(logDirectory(dir));
        Files.createDirectories(runtimeDirectory(dir));
    }

    static Path logDirectory(Path dir) {
        return dir.resolve("log");
    }

    static Path logPipe(Path dir) {
        return logDirectory(dir).resolve(".pipe");
    }

    static Path runtimeDirectory(Path dir) {
        return dir.resolve("pg_runtime");
    }

    /** The Felix storage directory of process {@code pid}. */
    static Path frameworkStorage(Path dir, long pid) {
        return runtimeDirectory(dir).resolve(FRAMEWORK_STORAGE).resolve(Long.toString(pid));
    }

    /**
     * Removes the bundle caches processes of an earlier run left behind, and makes pg_runtime/felix
     * anew: a link to a fresh directory in /dev/shm, or (without a usable /dev/shm) a plain
     * directory. Called by the postmaster holding the lock, before it starts any worker: no
     * process of this directory runs then.
     */
    static void prepareFrameworkStorage(Path dir, long postmasterPid) throws IOException {
        clearFrameworkStorage(dir);
        Path felix = runtimeDirectory(dir).resolve(FRAMEWORK_STORAGE);
        if (Files.isDirectory(DEV_SHM) && Files.isWritable(DEV_SHM)) {
            Path target = DEV_SHM.resolve(SHM_STORAGE_PREFIX + postmasterPid);
            try {
                // Fails when the name exists: never adopt a directory someone else made there.
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Files.createSymbolicLink(felix, target);
                return;
            } catch (IOException e) {
                // Fall back to the data directory.
            }
        }
        Files.createDirectories(felix);
    }

    /**
     * Removes every process's bundle cache (and what pg_runtime/felix links to). Called by the
     * lock holder only: at start, before any worker runs, and at exit.
     */
    static void clearFrameworkStorage(Path dir) throws IOException {
        Path felix = runtimeDirectory(dir).resolve(FRAMEWORK_STORAGE);
        if (Files.isSymbolicLink(felix)) {
            Path target = Files.readSymbolicLink(felix);
            if (target.getFileName() != null && target.getFileName().toString().startsWith(SHM_STORAGE_PREFIX)) {
                deleteTree(target);
            }
            Files.delete(felix);
            return;
        }
        deleteTree(felix);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    static Path bundleList(Path dir) {
        return runtimeDirectory(dir).resolve("bundles.list");
    }

    /**
     * Where the postmaster listens for its workers' control connections. In the data directory
     * beside the shell socket; a Unix socket path is limited to 107 bytes, so a deep data
     * directory falls back to the temporary directory (named by the postmaster's pid).
     */
    static Path controlSocket(Path dir, long postmasterPid) {
        Path inData = dir.resolve(".s.tusk.control");
        if (inData.toString().getBytes(StandardCharsets.UTF_8).length <= 100) {
            return inData;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tusk-" + postmasterPid + ".control");
    }

    /** The settings bundle's sample tusk.conf, or a minimal one while that bundle has none. */
    static String sampleConfiguration(Path bundlesDirectory) throws IOException {
        if (Files.isDirectory(bundlesDirectory)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundlesDirectory, "settings-*.jar")) {
                for (Path jar : jars) {
                    try (ZipFile zip = new ZipFile(jar.toFile())) {
                        ZipEntry entry = zip.getEntry(CONF_SAMPLE_ENTRY);
                        if (entry != null) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            }
                        }
                    }
                }
            }
        }
        return """
                # tusk.conf: the server's settings (PostgreSQL's names, units and syntax).
                # Uncomment and change a line to override the built-in default.
                #port = 5432
                #listen_addresses = 'localhost'
                #unix_socket_directories = '/tmp'
                #max_connections = 100
                #log_min_messages = warning
                #log_rotation_age = 1d
                #log_rotation_size = 10MB
                """;
    }
}
