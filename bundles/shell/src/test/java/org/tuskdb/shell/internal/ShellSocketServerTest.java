package org.tuskdb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote shell over a real Unix socket, as {@code ./tusk shell} uses it: plain lines in, text out. */
class ShellSocketServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    private final Fakes.Server server = new Fakes.Server();
    private final CommandProcessorImpl processor = ConsoleTest.newProcessor(server, new Fakes.Procs());
    private ShellSocketServer shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.close();
        }
        processor.stop();
    }

    private Path start() throws IOException {
        shell = ShellSocketServer.start(data.resolve(ShellSocketServer.SOCKET_NAME), processor, "hello from tusk\n");
        return shell.socket();
    }

    @Test
    void aClientRunsACommandAndExits() throws IOException {
        Path socket = start();

        assertTimeoutPreemptively(LIMIT, () -> {
            try (Client client = new Client(socket)) {
                assertEquals("hello from tusk\ntusk> ", client.readUntilPrompt());
                client.send("tusk:status\n");
                String status = client.readUntilPrompt();
                assertTrue(status.startsWith("state      running\n"), status);
                assertTrue(status.contains("/srv/tusk/data"), status);
                client.send("exit\n");
                assertEquals("", client.readToEnd(), "the server closes the connection after exit");
            }
        });
    }

    @Test
    void onlyTheOwnerMayOpenTheSocket() throws IOException {
        Path socket = start();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of(socket), files.toList(), "the private directory used for binding is gone");
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        Files.writeString(data.resolve(ShellSocketServer.SOCKET_NAME), "left by a server that died");

        Path socket = start();

        assertTimeoutPreemptively(LIMIT, () -> {
            try (Client client = new Client(socket)) {
                assertTrue(client.readUntilPrompt().endsWith("tusk> "));
            }
        });
    }

    @Test
    void closingTheServerEndsConnectionsAndRemovesTheSocket() throws IOException {
        Path socket = start();

        assertTimeoutPreemptively(LIMIT, () -> {
            try (Client first = new Client(socket); Client second = new Client(socket)) {
                first.readUntilPrompt();
                second.readUntilPrompt();
                shell.close();
                assertEquals("", first.readToEnd());
                assertEquals("", second.readToEnd());
            }
        });
        assertFalse(Files.exists(socket));
    }

    @Test
    void stopAnswersBeforeTheServerShutsDown() throws IOException {
        Path socket = start();

        assertTimeoutPreemptively(LIMIT, () -> {
            try (Client client = new Client(socket)) {
                client.readUntilPrompt();
                client.send("tusk:stop immediate\n");
                assertTrue(client.readUntilPrompt().startsWith("immediate shutdown requested"));
            }
        });
        assertEquals(List.of(org.tuskdb.api.server.ServerControl.ShutdownMode.IMMEDIATE), server.shutdowns());
    }

    /** What the `tusk shell` client does: write lines, read whatever comes back. */
    private static final class Client implements AutoCloseable {
        private final java.nio.channels.SocketChannel channel;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Client(Path socket) throws IOException {
            channel = java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(socket));
        }

        void send(String line) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        String readUntilPrompt() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (!pending.toString(StandardCharsets.UTF_8).endsWith(Console.PROMPT)) {
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    throw new IOException("connection closed; got: " + pending.toString(StandardCharsets.UTF_8));
                }
                pending.write(buffer.array(), 0, buffer.position());
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            return text;
        }

        String readToEnd() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer.clear()) >= 0) {
                pending.write(buffer.array(), 0, buffer.position());
            }
            return pending.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
