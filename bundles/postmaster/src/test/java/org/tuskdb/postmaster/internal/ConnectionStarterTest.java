package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.platform.linux.Errno;
import org.tuskdb.platform.linux.ErrnoException;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;
import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/** The postmaster's side of connection startup, over real sockets (socketpairs), without processes. */
class ConnectionStarterTest {
    private final FakeProcArray procArray = new FakeProcArray();
    private final BackendPool pool = new BackendPool(() -> { });
    private final Counters counters = new Counters();
    private final AtomicReference<Refusal> gate = new AtomicReference<>();
    private PostmasterSettings settings = settings(100, 5000);
    private int clientFd;
    private Thread server;

    static PostmasterSettings settings(int maxConnections, long authTimeoutMillis) {
        return new PostmasterSettings(5432, "localhost", List.of(), maxConnections, authTimeoutMillis, true, 2, 8, 512);
    }

    /** Connects a "client" and starts serving its other end the way the acceptor does. */
    @BeforeEach
    void connect() throws IOException {
        pool.open();
    }

    private void serveClient() throws IOException {
        int[] pair = UnixSocket.pair();
        clientFd = pair[0];
        ClientSocket accepted = new ClientSocket(pair[1], "127.0.0.1", 50000, System.nanoTime());
        ConnectionStarter starter = new ConnectionStarter(pool, procArray, gate::get, () -> settings, counters);
        server = new Thread(() -> starter.serve(accepted));
        server.start();
    }

    @AfterEach
    void close() throws InterruptedException {
        Libc.closeQuietly(clientFd);
        if (server != null) {
            server.join(5000);
            assertFalse(server.isAlive(), "connection thread still running");
        }
    }

    private void send(byte[] bytes) throws IOException {
        Libc.writeFully(clientFd, bytes, 0, bytes.length);
    }

    /** Everything the server sends until it closes the connection. */
    private byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            assertTrue(Libc.poll(clientFd, Libc.POLLIN, 5000) != 0, "server neither answered nor closed");
            int n;
            try {
                n = Libc.read(clientFd, buffer, 0, buffer.length);
            } catch (ErrnoException e) {
                // Closing a socket with unread input resets the connection instead of ending it.
                assertEquals(Errno.ECONNRESET, e.errno());
                return all.toByteArray();
            }
            if (n == 0) {
                return all.toByteArray();
            }
            all.write(buffer, 0, n);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] startup() {
        return FirstPacketTest.startupMessage(196608, "user", "alice", "database", "postgres");
    }

    @Test
    void sslRequestIsAnsweredNoAndTheStartupFollows() throws IOException {
        gate.set(Refusal.STARTING_UP);
        serveClient();
        send(FirstPacketTest.codePacket(80877103));
        send(startup());
        String reply = text(readUntilClosed());
        assertTrue(reply.startsWith("NE"), reply);
        assertTrue(reply.contains("C57P03\0Mthe database system is starting up\0"), reply);
    }

    @Test
    void gssEncRequestIsAnsweredNo() throws IOException {
        gate.set(Refusal.SHUTTING_DOWN);
        serveClient();
        send(FirstPacketTest.codePacket(80877104));
        send(startup());
        String reply = text(readUntilClosed());
        assertTrue(reply.startsWith("NE"), reply);
        assertTrue(reply.contains("Mthe database system is shutting down\0"), reply);
    }

    @Test
    void clientPastMaxConnectionsGetsTooManyClients() throws IOException {
        settings = settings(1, 5000);
        assertTrue(pool.reserveSession(1));
        serveClient();
        send(startup());
        String reply = text(readUntilClosed());
        assertTrue(reply.contains("C53300\0Msorry, too many clients already\0"), reply);
        assertEquals(1, pool.sessions());
        assertEquals(1, counters.rejectedTooManyClients.get());
    }

    @Test
    void cancelRequestWithTheRightKeySignalsTheBackendAndGetsNoReply() throws IOException {
        procArray.assign(3, 999);
        procArray.setCancelKey(3, 77);
        serveClient();
        send(FirstPacketTest.codePacket(80877102, 999, 77));
        assertEquals(0, readUntilClosed().length);
        assertEquals(List.of(999L), procArray.cancelled);
    }

    @Test
    void cancelKeyMismatchIsIgnored() throws IOException {
        procArray.assign(3, 999);
        procArray.setCancelKey(3, 77);
        serveClient();
        send(FirstPacketTest.codePacket(80877102, 999, 78));
        assertEquals(0, readUntilClosed().length);
        assertEquals(List.of(), procArray.cancelled);
    }

    @Test
    void startupIsHandedToAnIdleBackendWithAFreshCancelKey() throws Exception {
        int[] link = UnixSocket.pair();
        ControlChannel workerEnd = new ControlChannel(link[1]);
        try {
            Child backend = BackendPoolTest.backend(4321);
            procArray.assign(backend.slot(), backend.pid());
            backend.attach(new ControlChannel(link[0]));
            pool.offer(backend);
            serveClient();
            byte[] packet = startup();
            send(packet);

            ControlChannel.Received received = workerEnd.receive();
            ControlMessage.Handoff handoff = (ControlMessage.Handoff) received.message();
            assertEquals("127.0.0.1", handoff.clientAddr());
            assertEquals(50000, handoff.clientPort());
            assertEquals(procArray.keys.get(backend.slot()), handoff.cancelKey());
            assertEquals(ByteBuffer.wrap(packet), ByteBuffer.wrap(handoff.startupPacket()));
            assertTrue(backend.inSession());
            assertEquals(1, pool.sessions());
            server.join(5000);

            // The backend now owns the connection: it talks to the client...
            byte[] auth = {'R', 0, 0, 0, 8, 0, 0, 0, 0};
            Libc.writeFully(received.fd(), auth, 0, auth.length);
            // ...and when it closes, the client sees the end: the postmaster kept no copy.
            Libc.close(received.fd());
            assertEquals(ByteBuffer.wrap(auth), ByteBuffer.wrap(readUntilClosed()));
        } finally {
            workerEnd.close();
            Libc.closeQuietly(link[0]);
        }
    }

    @Test
    void clientWaitsForABackendAndIsRefusedAtAuthenticationTimeout() throws IOException {
        settings = settings(100, 300);
        serveClient();
        send(startup());
        String reply = text(readUntilClosed());
        assertTrue(reply.contains("C57P03\0"), reply);
        assertTrue(reply.contains("no backend process became available"), reply);
        assertEquals(0, pool.sessions());
        assertEquals(1, counters.handoffTimeouts.get());
    }

    @Test
    void invalidLengthIsClosedWithoutReply() throws IOException {
        serveClient();
        send(new byte[] {0, 0, 0, 4});
        assertEquals(0, readUntilClosed().length);
        assertEquals(1, counters.badStartupPackets.get());
    }

    @Test
    void hugeLengthIsClosedWithoutReply() throws IOException {
        serveClient();
        send(new byte[] {0x7f, 0, 0, 0, 0, 3, 0, 0});
        assertEquals(0, readUntilClosed().length);
    }

    @Test
    void badParameterLayoutGetsProtocolViolation() throws IOException {
        serveClient();
        byte[] packet = ByteBuffer.allocate(13).putInt(13).putInt(196608).put("user".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0).array();
        send(packet);
        String reply = text(readUntilClosed());
        assertTrue(reply.contains("C08P01\0Minvalid startup packet layout"), reply);
    }

    @Test
    void silentClientIsDroppedAtAuthenticationTimeout() throws IOException {
        settings = settings(100, 200);
        serveClient();
        send(new byte[] {0, 0}); // half a length word, then nothing
        assertEquals(0, readUntilClosed().length);
    }

    @Test
    void clientClosingBeforeSendingAnythingIsNotLoggedAsBadPacket() throws IOException, InterruptedException {
        serveClient();
        Libc.shutdown(clientFd, Libc.SHUT_WR);
        server.join(5000);
        assertEquals(0, counters.badStartupPackets.get());
    }

    @Test
    void protocol2GetsFeatureNotSupported() throws IOException {
        serveClient();
        send(FirstPacketTest.startupMessage(2 << 16, "user", "x"));
        String reply = text(readUntilClosed());
        assertTrue(reply.contains("C0A000\0Munsupported frontend protocol 2.0: server supports 3.0 to 3.0\0"), reply);
    }

    @Test
    void deadBackendIsSkippedForTheNextOne() throws Exception {
        int[] deadLink = UnixSocket.pair();
        int[] link = UnixSocket.pair();
        ControlChannel workerEnd = new ControlChannel(link[1]);
        try {
            Child dead = BackendPoolTest.backend(11);
            dead.attach(new ControlChannel(deadLink[0]));
            Libc.close(deadLink[1]); // its process is gone: sending fails with EPIPE
            Child alive = BackendPoolTest.backend(12);
            alive.attach(new ControlChannel(link[0]));
            pool.offer(alive);
            pool.offer(dead);
            serveClient();
            send(startup());
            ControlChannel.Received received = workerEnd.receive();
            assertTrue(received.message() instanceof ControlMessage.Handoff);
            Libc.close(received.fd());
            assertFalse(dead.inSession());
            assertTrue(alive.inSession());
            server.join(5000);
            assertEquals(1, pool.sessions());
        } finally {
            workerEnd.close();
            Libc.closeQuietly(deadLink[0]);
            Libc.closeQuietly(link[0]);
        }
    }
}
