package org.tuskdb.logger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileWriterTest {
    @TempDir
    Path data;
    final AtomicLong now = new AtomicLong(Instant.parse("2026-11-25T10:58:00Z").toEpochMilli());
    final AtomicReference<Rotation> rotation = new AtomicReference<>(new Rotation(1, 60));

    private LogFileWriter writer() {
        return new LogFileWriter(data.resolve("log"), data.resolve("current_logfiles"), now::get, rotation::get);
    }

    private static void write(LogFileWriter w, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        w.write(b, 0, b.length);
    }

    private long fileCount() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            return files.count();
        }
    }

    @Test
    void fileIsNamedByItsOpeningTimeAndNamedInCurrentLogfiles() throws IOException {
        try (LogFileWriter w = writer()) {
            write(w, "line\n");
            assertEquals(data.resolve("log/tusk-2026-11-25_105800.log"), w.currentFile());
        }
        assertEquals("stderr log/tusk-2026-11-25_105800.log\n", Files.readString(data.resolve("current_logfiles")));
    }

    @Test
    void rotatesOnceSizeIsReached() throws IOException {
        try (LogFileWriter w = writer()) {
            write(w, "x".repeat(1023) + "\n"); // exactly 1 kB: the next batch goes to a new file
            Path first = w.currentFile();
            now.addAndGet(1000);
            write(w, "next\n");
            assertNotEquals(first, w.currentFile());
            assertEquals("next\n", Files.readString(w.currentFile()));
            assertEquals(2, fileCount());
        }
    }

    @Test
    void rotatesOnceAgeIsReached() throws IOException {
        rotation.set(new Rotation(0, 60));
        try (LogFileWriter w = writer()) {
            write(w, "a\n");
            now.addAndGet(59 * 60_000);
            write(w, "b\n");
            assertEquals(1, fileCount());
            now.addAndGet(60_000);
            write(w, "c\n");
            assertEquals(2, fileCount());
            assertEquals(data.resolve("log/tusk-2026-11-25_115800.log"), w.currentFile());
        }
    }

    @Test
    void zeroSettingsNeverRotate() throws IOException {
        rotation.set(new Rotation(0, 0));
        try (LogFileWriter w = writer()) {
            for (int i = 0; i < 100; i++) {
                write(w, "y".repeat(100) + "\n");
                now.addAndGet(3_600_000);
            }
            assertEquals(1, fileCount());
            assertTrue(Files.size(w.currentFile()) == 10_100);
        }
    }
}
