package org.tuskdb.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * postmaster.pid: the data directory's lock, and what {@code tusk status/stop/start -w} read.
 * One value per line, as PostgreSQL's:
 * <pre>
 * 1  postmaster pid
 * 2  data directory
 * 3  start time (seconds since the epoch)
 * 4  port
 * 5  first Unix socket directory
 * 6  first listen address
 * 7  shared segment (file path)
 * 8  status: "starting", "ready", "stopping" (the postmaster bundle rewrites this line)
 * </pre>
 * Rules: the file is created with O_CREAT|O_EXCL, so of two postmasters starting at once only one
 * wins. A file naming a pid that is not a live Tusk/Java process (or is this process or its
 * parent: pids are reused after a reboot) is stale and is taken over. Only the postmaster whose
 * pid the file names removes it.
 */
final class PostmasterPidFile {
    static final String NAME = "postmaster.pid";
    static final int LINE_STATUS = 8;

    /** The contents; {@link #render()} gives the file's text. */
    record Contents(long pid, Path dataDirectory, long startSeconds, int port, String socketDirectory,
                    String listenAddress, String segment, String status) {
        String render() {
            return pid + "\n" + dataDirectory + "\n" + startSeconds + "\n" + port + "\n" + socketDirectory + "\n"
                    + listenAddress + "\n" + segment + "\n" + status + "\n";
        }
    }

    /** Thrown when another live postmaster holds the directory. */
    static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        HeldException(Path file, long pid, Path dataDirectory) {
            super("lock file \"" + file + "\" already exists: is another postmaster (PID " + pid
                    + ") running in data directory \"" + dataDirectory + "\"?");
        }
    }

    private PostmasterPidFile() {
    }

    static Path path(Path dataDirectory) {
        return dataDirectory.resolve(NAME);
    }

    /**
     * Creates the lock file with the given contents, taking over a stale one.
     *
     * @param isLivePostmaster tells whether a pid found in an existing file is a live postmaster
     */
    static void acquire(Path dataDirectory, Contents contents, LongPredicate isLivePostmaster) throws IOException {
        Path file = path(dataDirectory);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(file, contents.render(), StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return;
            } catch (FileAlreadyExistsException e) {
                OptionalLong holder = readPid(dataDirectory);
                if (holder.isPresent() && isLivePostmaster.test(holder.getAsLong())) {
                    throw new HeldException(file, holder.getAsLong(), dataDirectory);
                }
                // Stale (dead pid, or empty/garbled from a crash while writing): take it over,
                // and remove the shared segment the dead postmaster left (kill -9, immediate
                // shutdown): its file is named for that postmaster's pid, so no later start
                // would ever reuse or remove it, and on /dev/shm it holds memory.
                removeStaleSegment(file);
                Files.deleteIfExists(file);
            }
        }
        throw new IOException("could not create lock file \"" + file + "\"");
    }

    /** Deletes the segment file that line 7 of a stale lock file names, if it is one of ours. */
    static void removeStaleSegment(Path lockFile) {
        try {
            List<String> lines = Files.readAllLines(lockFile, StandardCharsets.US_ASCII);
            if (lines.size() < 7 || lines.get(6).isBlank()) {
                return;
            }
            Path segment = Path.of(lines.get(6).strip());
            String name = segment.getFileName() == null ? "" : segment.getFileName().toString();
            boolean ours = name.startsWith("tusk-") || segment.startsWith(lockFile.getParent());
            if (ours && segment.isAbsolute()) {
                Files.deleteIfExists(segment);
            }
        } catch (IOException | RuntimeException e) {
            // garbled or unreadable: nothing to clean up
        }
    }

    /** The pid the file names, or empty when there is no (readable) file. */
    static OptionalLong readPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(path(dataDirectory), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Removes the file if it still names {@code pid}. */
    static void release(Path dataDirectory, long pid) {
        OptionalLong holder = readPid(dataDirectory);
        if (holder.isPresent() && holder.getAsLong() == pid) {
            try {
                Files.deleteIfExists(path(dataDirectory));
            } catch (IOException e) {
                // A leftover file is stale and is taken over at the next start.
            }
        }
    }

    /**
     * The default liveness test: the pid exists, is neither this process nor its parent, and is a
     * Tusk or Java process (by /proc/PID/comm and cmdline).
     */
    static boolean isLiveTuskProcess(long pid) {
        ProcessHandle self = ProcessHandle.current();
        if (pid <= 0 || pid == self.pid() || self.parent().map(p -> p.pid() == pid).orElse(false)) {
            return false;
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String comm = Files.readString(proc.resolve("comm")).strip();
            if (comm.startsWith("tusk") || comm.equals("java")) {
                return true;
            }
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return cmdline.contains("org.tuskdb.runtime.Main") || cmdline.contains("java");
        } catch (IOException e) {
            return false;
        }
    }
}
