package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpListenerTest {
    @TempDir
    Path dir;

    @Test
    void acceptsAJavaClientOnLocalhost() throws Exception {
        try (TcpListener listener = TcpListener.open("localhost", 0, 16);
             Socket client = new Socket()) {
            assertTrue(listener.port() > 0);
            assertTrue(listener.endpoints().contains("127.0.0.1:" + listener.port()), listener.endpoints().toString());
            client.connect(new InetSocketAddress("127.0.0.1", listener.port()), 2000);

            TcpListener.Accepted accepted = listener.accept(2000);
            assertNotNull(accepted);
            try {
                assertEquals("127.0.0.1", accepted.peerAddress());
                assertEquals(client.getLocalPort(), accepted.peerPort());
                // Inherited from the listening socket: the acceptor sets nothing per connection.
                assertEquals(1, Libc.socketOption(accepted.fd(), Libc.IPPROTO_TCP, Libc.TCP_NODELAY));
                assertEquals(1, Libc.socketOption(accepted.fd(), Libc.SOL_SOCKET, Libc.SO_KEEPALIVE));

                Libc.writeFully(accepted.fd(), "R".getBytes(StandardCharsets.US_ASCII), 0, 1);
                assertEquals('R', client.getInputStream().read());
                client.getOutputStream().write("query".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer in = ByteBuffer.allocateDirect(16);
                while (in.position() < 5) {
                    assertTrue(Libc.read(accepted.fd(), in) > 0);
                }
                assertEquals("query", StandardCharsets.US_ASCII.decode(in.flip()).toString());
            } finally {
                Libc.close(accepted.fd());
            }
        }
    }

    @Test
    void acceptTimesOutAndWakesUp() throws Exception {
        try (TcpListener listener = TcpListener.open("127.0.0.1", 0, 16)) {
            long start = System.nanoTime();
            assertNull(listener.accept(50));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "waited for the timeout");

            Thread waker = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                    listener.wakeup();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            start = System.nanoTime();
            assertNull(listener.accept(10_000));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "woken before the timeout");
            waker.join();
        }
    }

    @Test
    void unixDomainSocketIsNamedLikePostgres() throws Exception {
        Path socketFile;
        try (TcpListener listener = TcpListener.open("127.0.0.1", 0, 16)) {
            socketFile = listener.listenUnix(dir, 0777);
            assertEquals(dir.resolve(".s.PGSQL." + listener.port()), socketFile);
            int client = UnixSocket.connect(socketFile);
            try {
                TcpListener.Accepted accepted = listener.accept(2000);
                assertNotNull(accepted);
                assertTrue(accepted.isUnixDomain());
                assertNull(accepted.peerAddress());
                assertEquals(-1, accepted.peerPort());
                Libc.close(accepted.fd());
            } finally {
                Libc.close(client);
            }
        }
        assertTrue(java.nio.file.Files.notExists(socketFile), "socket file removed on close");
    }

    @Test
    void emptyListenAddressesMeansUnixOnly() throws Exception {
        try (TcpListener listener = TcpListener.open("", 5433, 16)) {
            assertTrue(listener.endpoints().isEmpty());
            assertNull(listener.accept(0));
        }
    }
}
