package org.tuskdb.postmaster.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The status line of {@code postmaster.pid} (PostgreSQL's LOCK_FILE_LINE_PM_STATUS). The launcher
 * writes and removes the file and may hold a lock on it; the postmaster only rewrites its last
 * line, in place (same inode, no rename), so the lock and the launcher's view stay valid.
 * Statuses are padded to one width, as PostgreSQL's, so a reader never sees a torn line.
 */
final class PidFile {
    static final String STARTING = "starting";
    static final String STOPPING = "stopping";
    static final String READY = "ready";
    private static final int WIDTH = 8;
    private static final Set<String> STATUSES = Set.of(STARTING, STOPPING, READY, "standby");

    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    /**
     * Makes the status the file's last line: replaces a status line already there, else appends
     * one. Does nothing when the file does not exist (a framework started without the launcher).
     */
    void setStatus(String status) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer read = ByteBuffer.allocate((int) Math.min(file.size(), 1 << 16));
            while (read.hasRemaining() && file.read(read) > 0) {
                // the file is a few hundred bytes
            }
            String old = new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII);
            byte[] now = withStatus(old, status).getBytes(StandardCharsets.US_ASCII);
            byte[] before = old.getBytes(StandardCharsets.US_ASCII);
            int from = 0;
            while (from < before.length && from < now.length && before[from] == now[from]) {
                from++;
            }
            file.write(ByteBuffer.wrap(now, from, now.length - from), from);
            file.truncate(now.length);
            file.force(false);
        } catch (NoSuchFileException e) {
            // no pid file: nothing to report to
        }
    }

    /** The file's text with the status as its last line (replacing a status line already there). */
    static String withStatus(String content, String status) {
        String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        int lastStart = body.lastIndexOf('\n') + 1;
        String last = body.substring(lastStart).strip();
        if (STATUSES.contains(last)) {
            body = body.substring(0, lastStart);
        } else if (!body.isEmpty()) {
            body = body + "\n";
        }
        return body + pad(status) + "\n";
    }

    private static String pad(String status) {
        StringBuilder padded = new StringBuilder(status);
        while (padded.length() < WIDTH) {
            padded.append(' ');
        }
        return padded.toString();
    }
}
