package org.tuskdb.logger.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes log/tusk-YYYY-MM-DD_HHMMSS.log (the stamp is the file's opening time, UTC like the lines)
 * and starts a new one when the {@link Rotation} says so. Rotation is checked before each batch
 * is written, so a file is never split inside a batch, and an idle server opens no empty files.
 * A name that exists already (two rotations within one second, or a restarted logger) is appended
 * to, as PostgreSQL does. {@code current_logfiles} in the data directory names the file in use.
 */
final class LogFileWriter implements Closeable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path logDirectory;
    private final Path currentLogfiles;
    private final LongSupplier clock;
    private final Supplier<Rotation> rotation;
    private FileChannel file;
    private Path fileName;
    private long written;
    private long openedAt;

    LogFileWriter(Path logDirectory, Path currentLogfiles, LongSupplier clock, Supplier<Rotation> rotation) {
        this.logDirectory = logDirectory;
        this.currentLogfiles = currentLogfiles;
        this.clock = clock;
        this.rotation = rotation;
    }

    /** Writes one batch of whole lines. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        long now = clock.getAsLong();
        if (file == null || rotation.get().due(written, openedAt, now)) {
            open(now);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        written += length;
    }

    /** The file being written, or null before the first batch. */
    Path currentFile() {
        return fileName;
    }

    static String fileName(long millis) {
        return "tusk-" + STAMP.format(Instant.ofEpochMilli(millis)) + ".log";
    }

    private void open(long now) throws IOException {
        close();
        Files.createDirectories(logDirectory);
        Path next = logDirectory.resolve(fileName(now));
        file = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        fileName = next;
        written = file.size();
        openedAt = now;
        if (currentLogfiles != null) {
            Path temp = currentLogfiles.resolveSibling(currentLogfiles.getFileName() + ".tmp");
            Files.writeString(temp, "stderr " + currentLogfiles.getParent().relativize(next) + "\n");
            Files.move(temp, currentLogfiles, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
