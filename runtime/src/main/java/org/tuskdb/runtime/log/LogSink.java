package org.tuskdb.runtime.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where this process's log records go: the log pipe (the FIFO the logger role reads) or, when
 * there is none, standard error.
 *
 * <p>Rule: a write of at most {@link #PIPE_BUF} bytes to a pipe is atomic (POSIX), so it never
 * interleaves with another process's write. Hence a record is written with one write() when it
 * fits; otherwise each line goes in its own write(), and a line longer than PIPE_BUF is cut into
 * pieces that each get the prefix again. Writes are unbuffered and synchronized, so two threads
 * of this process never mix their bytes either.
 */
public final class LogSink {
    /** Linux's PIPE_BUF. */
    public static final int PIPE_BUF = 4096;

    private final OutputStream out;

    public LogSink(OutputStream out) {
        this.out = out;
    }

    /**
     * The pipe named by {@code pipePath}, or standard error when it is null or cannot be opened.
     * Opening the FIFO for writing does not block: the postmaster keeps it open for reading.
     */
    public static LogSink open(String pipePath) {
        if (pipePath != null && !pipePath.isEmpty()) {
            try {
                return new LogSink(new FileOutputStream(pipePath, true));
            } catch (IOException e) {
                // Fall through to stderr: a process must be able to log even without the pipe.
            }
        }
        return new LogSink(new FileOutputStream(FileDescriptor.err));
    }

    /** Writes one record, given as its prefixed lines (each ending in a newline). */
    public synchronized void write(String prefix, List<String> lines) {
        try {
            byte[] whole = String.join("", lines).getBytes(StandardCharsets.UTF_8);
            if (whole.length <= PIPE_BUF) {
                out.write(whole);
                return;
            }
            int prefixBytes = prefix.getBytes(StandardCharsets.UTF_8).length;
            for (String line : lines) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (bytes.length <= PIPE_BUF) {
                    out.write(bytes);
                } else {
                    writePieces(prefix, prefixBytes, line);
                }
            }
        } catch (IOException e) {
            // Nowhere left to report it; dropping the record beats failing the caller.
        }
    }

    private void writePieces(String prefix, int prefixBytes, String line) throws IOException {
        // Cut by characters; budget bytes conservatively (4 bytes per char at worst).
        int budget = Math.max(64, (PIPE_BUF - prefixBytes - 1) / 4);
        String body = line.substring(prefix.length(), line.length() - 1);
        int start = 0;
        while (start < body.length()) {
            int end = Math.min(body.length(), start + budget);
            if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
                end--;
            }
            out.write((prefix + body.substring(start, end) + '\n').getBytes(StandardCharsets.UTF_8));
            start = end;
        }
    }
}
