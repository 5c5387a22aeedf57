package org.tuskdb.platform.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postmaster's listening sockets: TCP on the addresses of a PostgreSQL-style
 * {@code listen_addresses} list, plus optional Unix-domain sockets at
 * {@code <dir>/.s.PGSQL.<port>}; {@link #accept} waits on all of them at once with poll.
 *
 * <p>{@code listen_addresses}: a comma-separated list; {@code *} is every IPv4 and IPv6
 * address, {@code localhost} is 127.0.0.1 and ::1 (when the host has IPv6), anything else a host
 * name or numeric address; an empty list means no TCP at all. As PostgreSQL, an address that
 * cannot be bound is reported and skipped when its family is unavailable (EADDRNOTAVAIL,
 * EAFNOSUPPORT); any other failure, such as a port in use, fails the whole open, and so does
 * ending up with no TCP socket for a non-empty list.
 *
 * <p>Listening sockets are non-blocking (a connection reset between poll and accept must not
 * block the loop), SO_REUSEADDR (restart while old connections linger in TIME_WAIT), and
 * close-on-exec, as are accepted ones; accepted sockets are blocking. TCP_NODELAY and
 * SO_KEEPALIVE (PostgreSQL sets both on every client socket) are set once on the listening
 * sockets: Linux copies them to every socket accept returns, which saves two setsockopt calls
 * per connection on the accepting thread. IPv6 sockets are
 * IPV6_V6ONLY so that "*" can bind :: beside 0.0.0.0. One thread calls {@link #accept};
 * any thread may call {@link #wakeup}; {@link #close} once the accepting thread is done.
 */
public final class TcpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    /** An accepted connection: its descriptor (owned by the caller) and the peer (null, -1 for Unix-domain). */
    public record Accepted(int fd, String peerAddress, int peerPort) {
        public boolean isUnixDomain() {
            return peerAddress == null;
        }
    }

    private final List<Integer> fds = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final int wakeFd;
    private int port;
    private int nextToServe;

    private TcpListener(int port) throws IOException {
        this.port = port;
        this.wakeFd = EventFd.create();
    }

    /**
     * Listens on every address of {@code listenAddresses} at {@code port}. Port 0 takes a free
     * port from the kernel (for tests); {@link #port()} tells which, and every further socket of
     * this listener, Unix-domain ones included, uses the same.
     */
    public static TcpListener open(String listenAddresses, int port, int backlog) throws IOException {
        TcpListener listener = new TcpListener(port);
        try {
            listener.listenTcp(listenAddresses, backlog);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private void listenTcp(String listenAddresses, int backlog) throws IOException {
        Set<InetAddress> addresses = resolve(listenAddresses);
        if (addresses.isEmpty()) {
            return;
        }
        for (InetAddress address : addresses) {
            try {
                listenOn(address, backlog);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EADDRNOTAVAIL && e.errno() != Errno.EAFNOSUPPORT) {
                    throw e;
                }
                LOG.warn("could not listen on {}: {}", address.getHostAddress(), e.getMessage());
            }
        }
        if (fds.isEmpty()) {
            throw new IOException("could not create any TCP/IP sockets for listen_addresses '" + listenAddresses + "'");
        }
    }

    private static Set<InetAddress> resolve(String listenAddresses) throws UnknownHostException {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String item : listenAddresses.split(",")) {
            String host = item.strip();
            if (host.isEmpty()) {
                continue;
            }
            switch (host) {
                case "*" -> {
                    addresses.add(InetAddress.getByAddress(new byte[4]));
                    addresses.add(InetAddress.getByAddress(new byte[16]));
                }
                case "localhost" -> {
                    addresses.add(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
                    byte[] loopback6 = new byte[16];
                    loopback6[15] = 1;
                    addresses.add(InetAddress.getByAddress("localhost", loopback6));
                }
                default -> addresses.addAll(List.of(InetAddress.getAllByName(host)));
            }
        }
        return addresses;
    }

    private void listenOn(InetAddress address, int backlog) throws IOException {
        boolean v6 = address instanceof Inet6Address;
        int fd = Sockets.socket(v6 ? Sockets.AF_INET6 : Sockets.AF_INET, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK);
        String text = v6 ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        try (Arena arena = Arena.ofConfined()) {
            Libc.setSocketOption(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            Libc.setTcpNoDelay(fd, true);
            Libc.setKeepAlive(fd, true);
            if (v6) {
                Libc.setSocketOption(fd, Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 1);
            }
            Sockets.bind(fd, Sockets.inet(arena, address, port), text + ":" + port);
            Sockets.listen(fd, backlog);
            if (port == 0) {
                port = Sockets.localEndpoint(fd).port();
            }
        } catch (IOException | RuntimeException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
        fds.add(fd);
        endpoints.add(text + ":" + port);
    }

    /**
     * Also listens on the Unix-domain socket {@code <directory>/.s.PGSQL.<port>} with the given
     * permission bits (PostgreSQL's unix_socket_permissions, default 0777). A socket file left
     * behind by a dead server is replaced; one a live server answers on is an error.
     */
    public Path listenUnix(Path directory, int mode) throws IOException {
        if (port == 0) {
            throw new IllegalStateException("open a TCP socket first to learn the port");
        }
        Path path = directory.resolve(".s.PGSQL." + port);
        if (Files.exists(path)) {
            try {
                Libc.close(UnixSocket.connect(path));
                throw new ErrnoException("bind(" + path + "): another server is listening there", Errno.EADDRINUSE);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EADDRINUSE) {
                    throw e;
                }
                // Nobody answers: a stale file of a server that died.
            }
        }
        int fd = UnixSocket.listen(path, mode);
        try {
            Libc.setBlocking(fd, false);
        } catch (IOException e) {
            Libc.closeQuietly(fd);
            throw e;
        }
        fds.add(fd);
        endpoints.add(path.toString());
        socketFiles.add(path);
        return path;
    }

    /** The port every socket of this listener uses. */
    public int port() {
        return port;
    }

    /** What this listener listens on: "127.0.0.1:5432", "[::1]:5432", "/tmp/.s.PGSQL.5432". */
    public List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    /**
     * Waits up to {@code timeoutMillis} (-1: for ever) for a connection on any socket and accepts
     * it. Returns null after the timeout or when {@link #wakeup} was called. Sockets take turns,
     * so a busy one cannot starve the others.
     */
    public Accepted accept(int timeoutMillis) throws IOException {
        int count = fds.size();
        int[] pollFds = new int[count + 1];
        int[] events = new int[count + 1];
        for (int i = 0; i < count; i++) {
            pollFds[i] = fds.get(i);
            events[i] = Libc.POLLIN;
        }
        pollFds[count] = wakeFd;
        events[count] = Libc.POLLIN;
        int[] revents = Libc.poll(pollFds, events, timeoutMillis);
        if (revents[count] != 0) {
            EventFd.drain(wakeFd);
            return null;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment peer = arena.allocate(Sockets.SOCKADDR_STORAGE, 8);
            MemorySegment peerLength = arena.allocate(JAVA_INT);
            for (int k = 0; k < count; k++) {
                int i = (nextToServe + k) % count;
                if (revents[i] == 0) {
                    continue;
                }
                int client = Sockets.accept(pollFds[i], peer, peerLength);
                if (client >= 0) {
                    nextToServe = (i + 1) % count;
                    Sockets.Endpoint from = Sockets.decode(peer);
                    return new Accepted(client, from.address(), from.port());
                }
            }
        }
        return null; // the pending connection went away between poll and accept
    }

    /** Makes a running or the next {@link #accept} return null at once (any thread). */
    public void wakeup() throws IOException {
        EventFd.signal(wakeFd);
    }

    /** Closes every socket and removes the Unix-domain socket files. */
    @Override
    public void close() {
        for (int fd : fds) {
            Libc.closeQuietly(fd);
        }
        fds.clear();
        for (Path path : socketFiles) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", path, e.getMessage());
            }
        }
        socketFiles.clear();
        Libc.closeQuietly(wakeFd);
    }
}
