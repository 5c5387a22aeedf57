package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    @TempDir
    Path dir;

    @Test
    void fifoCarriesLinesAndDup2CopiesTheDescriptor() throws Exception {
        Path fifo = dir.resolve("log.pipe");
        Libc.mkfifo(fifo, 0600);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
        // The reader opens first without blocking (as the logger does), then the writer.
        int reader = Libc.open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        int writer = Libc.open(fifo, Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        int copy = Libc.open(dir.resolve("placeholder").toAbsolutePath(), Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0600);
        try {
            Libc.dup2(reader, copy); // copy now reads the FIFO too
            Libc.setBlocking(copy, true);
            byte[] line = "2026-11-25 LOG: hello\n".getBytes(StandardCharsets.UTF_8);
            Libc.writeFully(writer, line, 0, line.length);
            byte[] got = new byte[line.length];
            Libc.readFully(copy, got, 0, got.length);
            assertEquals("2026-11-25 LOG: hello\n", new String(got, StandardCharsets.UTF_8));

            Libc.chmod(fifo, 0640);
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
        } finally {
            Libc.closeQuietly(reader);
            Libc.closeQuietly(writer);
            Libc.closeQuietly(copy);
        }
    }
}
