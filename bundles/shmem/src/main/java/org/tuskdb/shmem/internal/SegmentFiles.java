package org.tuskdb.shmem.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the segment file lives: /dev/shm/tusk-&lt;postmaster pid&gt; (memory, like PostgreSQL's
 * POSIX shared memory), or &lt;data&gt;/pg_shmem/segment where /dev/shm is missing. Every process
 * computes the same path from the postmaster's pid and the data directory.
 */
final class SegmentFiles {
    private static final Path DEV_SHM = Path.of("/dev/shm");

    private SegmentFiles() {
    }

    static Path pathFor(long postmasterPid, Path dataDirectory) {
        return pathFor(postmasterPid, dataDirectory, DEV_SHM);
    }

    static Path pathFor(long postmasterPid, Path dataDirectory, Path shmDirectory) {
        if (Files.isDirectory(shmDirectory) && Files.isWritable(shmDirectory)) {
            return shmDirectory.resolve("tusk-" + postmasterPid);
        }
        return dataDirectory.resolve("pg_shmem").resolve("segment");
    }

    /** Creates the fallback directory when the path is in the data directory. */
    static void prepare(Path file) throws IOException {
        Files.createDirectories(file.getParent());
    }
}
