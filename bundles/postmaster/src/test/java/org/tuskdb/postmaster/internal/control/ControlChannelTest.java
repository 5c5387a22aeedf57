package org.tuskdb.postmaster.internal.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;

class ControlChannelTest {
    private ControlChannel postmasterEnd;
    private ControlChannel workerEnd;

    @BeforeEach
    void connect() throws IOException {
        int[] pair = UnixSocket.pair();
        postmasterEnd = new ControlChannel(pair[0]);
        workerEnd = new ControlChannel(pair[1]);
    }

    @AfterEach
    void close() {
        postmasterEnd.close();
        workerEnd.close();
    }

    @Test
    void messagesWithoutDescriptorsArriveInOrder() throws IOException {
        workerEnd.send(new ControlMessage.Hello(7, 123456789012L));
        workerEnd.send(new ControlMessage.Idle());
        workerEnd.send(new ControlMessage.Ready());
        assertEquals(new ControlChannel.Received(new ControlMessage.Hello(7, 123456789012L), -1), postmasterEnd.receive());
        assertEquals(new ControlMessage.Idle(), postmasterEnd.receive().message());
        assertEquals(new ControlMessage.Ready(), postmasterEnd.receive().message());
    }

    @Test
    void handoffCarriesTheClientDescriptor() throws IOException {
        int[] client = UnixSocket.pair(); // [0] plays the client, [1] the accepted socket
        try {
            byte[] packet = {0, 0, 0, 8, 0, 3, 0, 0};
            ControlMessage.Handoff handoff = new ControlMessage.Handoff("127.0.0.1", 50312, -42, packet);
            postmasterEnd.send(new ControlMessage.Exit());
            postmasterEnd.send(handoff, client[1]);
            postmasterEnd.send(new ControlMessage.Exit());
            Libc.close(client[1]); // the postmaster's copy goes right after sending

            assertEquals(new ControlMessage.Exit(), workerEnd.receive().message());
            ControlChannel.Received received = workerEnd.receive();
            assertEquals(handoff, received.message());
            assertTrue(received.fd() >= 0);
            assertEquals(new ControlMessage.Exit(), workerEnd.receive().message());

            // The received descriptor is the same connection: bytes reach the client.
            byte[] hello = "R".getBytes(StandardCharsets.US_ASCII);
            Libc.writeFully(received.fd(), hello, 0, 1);
            byte[] read = new byte[1];
            Libc.readFully(client[0], read, 0, 1);
            assertArrayEquals(hello, read);
            Libc.close(received.fd());
        } finally {
            Libc.closeQuietly(client[0]);
        }
    }

    @Test
    void nullAddressMeansUnixDomainClient() throws IOException {
        int[] client = UnixSocket.pair();
        try {
            postmasterEnd.send(new ControlMessage.Handoff(null, -1, 1, new byte[] {1, 2}), client[1]);
            ControlChannel.Received received = workerEnd.receive();
            ControlMessage.Handoff handoff = (ControlMessage.Handoff) received.message();
            assertNull(handoff.clientAddr());
            assertEquals(-1, handoff.clientPort());
            Libc.close(received.fd());
        } finally {
            Libc.closeQuietly(client[0]);
            Libc.closeQuietly(client[1]);
        }
    }

    @Test
    void handoffWithoutDescriptorIsAProtocolError() throws IOException {
        postmasterEnd.send(new ControlMessage.Handoff(null, -1, 1, new byte[] {1}));
        assertThrows(ControlProtocolException.class, workerEnd::receive);
    }

    @Test
    void descriptorWithAnotherMessageIsAProtocolError() throws IOException {
        int[] other = UnixSocket.pair();
        try {
            postmasterEnd.send(new ControlMessage.Exit(), other[0]);
            assertThrows(ControlProtocolException.class, workerEnd::receive);
        } finally {
            Libc.closeQuietly(other[0]);
            Libc.closeQuietly(other[1]);
        }
    }

    @Test
    void endOfStreamIsNull() throws IOException {
        postmasterEnd.shutdown();
        assertNull(workerEnd.receive());
    }

    @Test
    void shutdownWakesABlockedReceiver() throws Exception {
        Thread receiver = new Thread(() -> {
            try {
                assertNull(workerEnd.receive());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        receiver.start();
        Thread.sleep(50);
        workerEnd.shutdown();
        receiver.join(2000);
        assertTrue(!receiver.isAlive());
        assertThrows(IOException.class, () -> workerEnd.send(new ControlMessage.Idle()));
    }

    @Test
    void unknownMessageTypeIsRejected() {
        assertThrows(ControlProtocolException.class, () -> ControlCodec.decode(new byte[] {'?'}));
        assertThrows(ControlProtocolException.class, () -> ControlCodec.decode(new byte[] {'H', 0, 0}));
        assertThrows(ControlProtocolException.class, () -> ControlCodec.decode(new byte[] {'I', 0}));
    }
}
