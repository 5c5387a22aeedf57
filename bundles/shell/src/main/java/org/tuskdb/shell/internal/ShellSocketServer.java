package org.tuskdb.shell.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote shell's listener: a Unix stream socket that only the server's OS user can open,
 * one thread per connection running a {@link Console} on the connection's streams. The
 * connection ends with the console ({@code exit} or the client's end of input) or when the
 * server closes.
 */
final class ShellSocketServer implements AutoCloseable {
    /** The socket's name in the data directory; {@code ./tusk shell -D DIR} connects to it. */
    static final String SOCKET_NAME = ".s.tusk.shell";

    private static final Logger log = LoggerFactory.getLogger(ShellSocketServer.class);
    private static final long JOIN_MILLIS = 2000;

    private final Path socket;
    private final CommandProcessor processor;
    private final String banner;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private ShellSocketServer(Path socket, CommandProcessor processor, String banner) throws IOException {
        this.socket = socket;
        this.processor = processor;
        this.banner = banner;
        this.listener = bindOwnerOnly(socket);
        this.acceptor = Thread.ofPlatform().daemon().name("tusk-shell-accept").unstarted(this::acceptConnections);
    }

    /** Listens on the socket (replacing a stale one left by a server that died) and starts accepting. */
    static ShellSocketServer start(Path socket, CommandProcessor processor, String banner) throws IOException {
        ShellSocketServer server = new ShellSocketServer(socket, processor, banner);
        server.acceptor.start();
        log.info("shell: listening on {}", socket);
        return server;
    }

    Path socket() {
        return socket;
    }

    /**
     * Binds the socket so that nobody but the owner can ever connect, whatever the data
     * directory's mode. A socket file gets the process umask's mode at bind; changing it to 0600
     * afterwards leaves a moment in which another user could connect. So the socket is bound
     * inside a fresh directory only the owner can enter, set to 0600 there, and then renamed
     * into place: at its public name it has been owner-only from the start. A connected Unix
     * socket stays bound to its file, not to the name, so the rename does not disturb it.
     */
    static ServerSocketChannel bindOwnerOnly(Path socket) throws IOException {
        Path directory = socket.toAbsolutePath().getParent();
        Files.deleteIfExists(socket);
        Path privateDirectory = Files.createTempDirectory(directory, ".s.tusk.",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = privateDirectory.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateDirectory);
        }
    }

    private void acceptConnections() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.error("shell: accepting on {} failed; remote shell stopped", socket, e);
                }
                return;
            }
            connections.add(connection);
            if (closed) {
                closeQuietly(connection);
                return;
            }
            Thread thread = Thread.ofPlatform().daemon()
                    .name("tusk-shell-" + connectionCount.incrementAndGet())
                    .unstarted(() -> serve(connection));
            threads.add(thread);
            thread.start();
        }
    }

    private void serve(SocketChannel connection) {
        try {
            PrintStream out = new PrintStream(new BufferedOutputStream(Channels.newOutputStream(connection)),
                    true, StandardCharsets.UTF_8);
            Console console = new Console(processor, Channels.newInputStream(connection), out, StandardCharsets.UTF_8);
            out.print(banner);
            console.run();
            out.flush();
        } catch (RuntimeException e) {
            log.error("shell: connection failed", e);
        } finally {
            closeQuietly(connection);
            connections.remove(connection);
            threads.remove(Thread.currentThread());
        }
    }

    /** Stops listening, ends every connection (closing its socket ends its console) and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        connections.forEach(ShellSocketServer::closeQuietly);
        join(acceptor);
        threads.forEach(ShellSocketServer::join);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("shell: cannot remove {}: {}", socket, e.toString());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable channel) {
        try {
            channel.close();
        } catch (Exception e) {
            // closing to end things: there is nothing left to do if that fails
        }
    }
}
