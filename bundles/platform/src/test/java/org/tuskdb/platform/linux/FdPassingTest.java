package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdPassingTest {
    @TempDir
    Path dir;

    @Test
    void passedDescriptorReadsTheSameFile() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "hello through SCM_RIGHTS");
        int[] pair = UnixSocket.pair();
        int fileFd = Libc.open(file, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        int received = -1;
        try {
            UnixSocket.sendWithFd(pair[0], new byte[] {'X', 'Y'}, fileFd);
            Libc.close(fileFd);
            fileFd = -1;

            byte[] buf = new byte[16];
            UnixSocket.Received r = UnixSocket.receiveWithFd(pair[1], buf);
            received = r.fd();
            assertEquals(2, r.length());
            assertEquals('X', buf[0]);
            assertTrue(received >= 0);

            byte[] content = new byte[64];
            int n = Libc.read(received, content, 0, content.length);
            assertEquals("hello through SCM_RIGHTS", new String(content, 0, n, StandardCharsets.UTF_8));
        } finally {
            Libc.closeQuietly(fileFd);
            Libc.closeQuietly(received);
            Libc.closeQuietly(pair[0]);
            Libc.closeQuietly(pair[1]);
        }
    }

    @Test
    void framesKeepTheirDescriptorsApart() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "first");
        Path b = Files.writeString(dir.resolve("b"), "second");
        int[] pair = UnixSocket.pair();
        try {
            int fa = Libc.open(a, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            int fb = Libc.open(b, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            UnixSocket.sendFrame(pair[0], "one".getBytes(StandardCharsets.UTF_8), fa);
            UnixSocket.sendFrame(pair[0], "plain".getBytes(StandardCharsets.UTF_8));
            UnixSocket.sendFrame(pair[0], "two".getBytes(StandardCharsets.UTF_8), fb);
            Libc.close(fa);
            Libc.close(fb);

            assertFrame(pair[1], "one", "first");
            UnixSocket.Frame plain = UnixSocket.receiveFrame(pair[1]);
            assertArrayEquals("plain".getBytes(StandardCharsets.UTF_8), plain.payload());
            assertEquals(-1, plain.fd());
            assertFrame(pair[1], "two", "second");

            Libc.close(pair[0]);
            pair[0] = -1;
            assertNull(UnixSocket.receiveFrame(pair[1]), "end of stream between frames");
        } finally {
            Libc.closeQuietly(pair[0]);
            Libc.closeQuietly(pair[1]);
        }
    }

    @Test
    void streamEndingInsideAFrameIsAnError() throws Exception {
        int[] pair = UnixSocket.pair();
        try {
            Libc.writeFully(pair[0], new byte[] {0, 0, 0, 10, 1, 2}, 0, 6);
            Libc.close(pair[0]);
            pair[0] = -1;
            assertThrows(EOFException.class, () -> UnixSocket.receiveFrame(pair[1]));
        } finally {
            Libc.closeQuietly(pair[0]);
            Libc.closeQuietly(pair[1]);
        }
    }

    @Test
    void unixListenerAcceptsAConnection() throws Exception {
        Path path = dir.resolve("control.sock");
        int listen = UnixSocket.listen(path, 0600);
        int client = -1;
        int server = -1;
        try {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals(-1, UnixSocket.accept(listen, 10), "nothing pending yet");
            client = UnixSocket.connect(path);
            server = UnixSocket.accept(listen, 2000);
            assertNotEquals(-1, server);
            UnixSocket.sendFrame(client, "ping".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), UnixSocket.receiveFrame(server).payload());
        } finally {
            Libc.closeQuietly(client);
            Libc.closeQuietly(server);
            Libc.closeQuietly(listen);
        }
    }

    @Test
    void failuresNameTheErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.close(-5));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("close failed: EBADF (Bad file descriptor)", e.getMessage());
    }

    private static void assertFrame(int fd, String payload, String fileContent) throws Exception {
        UnixSocket.Frame frame = UnixSocket.receiveFrame(fd);
        try {
            assertEquals(payload, new String(frame.payload(), StandardCharsets.UTF_8));
            assertTrue(frame.fd() >= 0, "frame carries a descriptor");
            byte[] buf = new byte[32];
            int n = Libc.read(frame.fd(), buf, 0, buf.length);
            assertEquals(fileContent, new String(buf, 0, n, StandardCharsets.UTF_8));
        } finally {
            Libc.closeQuietly(frame.fd());
        }
    }
}
