package org.tuskdb.postmaster.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.platform.linux.TcpListener;

/**
 * The client-facing sockets (TCP on listen_addresses:port, Unix-domain in each of
 * unix_socket_directories) and the one acceptor thread that waits on all of them. Accepting is
 * all that thread does: each connection goes at once to a connection thread
 * ({@link ConnectionStarter}), so a slow or silent client never delays the next accept.
 *
 * <p>Connection threads are bounded; when all are busy (a flood of connections that never send
 * a startup packet) a new client gets "sorry, too many clients already" straight away.
 */
final class ClientAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAcceptor.class);
    /** PostgreSQL's default unix_socket_permissions: anyone may connect, authentication decides. */
    private static final int UNIX_SOCKET_MODE = 0777;

    private final PostmasterSettings settings;
    private final ConnectionStarter starter;
    private final Counters counters;
    private final ThreadFactory threads;
    private TcpListener listener;
    private ThreadPoolExecutor connections;
    private Thread acceptor;
    private volatile boolean closing;

    ClientAcceptor(PostmasterSettings settings, ConnectionStarter starter, Counters counters, ThreadFactory threads) {
        this.settings = settings;
        this.starter = starter;
        this.counters = counters;
        this.threads = threads;
    }

    /** Binds every socket (failing like PostgreSQL when none can be had) and starts accepting. */
    void open() throws IOException {
        int backlog = Math.max(128, 2 * settings.maxConnections());
        listener = TcpListener.open(settings.listenAddresses(), settings.port(), backlog);
        try {
            int unixSockets = 0;
            for (Path directory : settings.unixSocketDirectories()) {
                try {
                    listener.listenUnix(directory, UNIX_SOCKET_MODE);
                    unixSockets++;
                } catch (IOException e) {
                    LOG.warn("could not create Unix-domain socket in directory \"{}\": {}", directory, e.getMessage());
                }
            }
            if (unixSockets == 0 && !settings.unixSocketDirectories().isEmpty()) {
                throw new IOException("could not create any Unix-domain sockets");
            }
            if (listener.endpoints().isEmpty()) {
                throw new IOException("no socket created for listening");
            }
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        for (String endpoint : listener.endpoints()) {
            LOG.info("listening on {}", describeEndpoint(endpoint));
        }
        int maxThreads = Math.max(16, settings.maxConnections() + 16);
        connections = new ThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = threads.newThread(runnable);
                    thread.setName("postmaster connection");
                    return thread;
                });
        acceptor = threads.newThread(this::acceptLoop);
        acceptor.setName("postmaster acceptor");
        acceptor.start();
    }

    /** PostgreSQL's wording: IPv4 address "127.0.0.1", port 5432 / Unix socket "/tmp/.s.PGSQL.5432". */
    static String describeEndpoint(String endpoint) {
        if (endpoint.startsWith("/")) {
            return "Unix socket \"" + endpoint + "\"";
        }
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon);
        String port = endpoint.substring(colon + 1);
        if (host.startsWith("[")) {
            return "IPv6 address \"" + host.substring(1, host.length() - 1) + "\", port " + port;
        }
        return "IPv4 address \"" + host + "\", port " + port;
    }

    /** The TCP port (the setting's, or the kernel's choice when it is 0). */
    int port() {
        return listener.port();
    }

    private void acceptLoop() {
        while (!closing) {
            TcpListener.Accepted accepted;
            try {
                accepted = listener.accept(-1);
            } catch (IOException e) {
                // EMFILE and the like: log, breathe, go on (PostgreSQL does the same).
                LOG.warn("could not accept new connection: {}", e.getMessage());
                pause();
                continue;
            }
            if (accepted == null) {
                continue; // woken up (closing) or the connection vanished before accept
            }
            counters.connectionsAccepted.incrementAndGet();
            ClientSocket client = new ClientSocket(accepted.fd(), accepted.peerAddress(), accepted.peerPort(),
                    System.nanoTime());
            // TCP_NODELAY and SO_KEEPALIVE come from the listening socket (TcpListener).
            try {
                connections.execute(() -> starter.serve(client));
            } catch (RejectedExecutionException e) {
                counters.rejectedTooManyClients.incrementAndGet();
                try (client) {
                    client.write(Refusal.TOO_MANY_CLIENTS.toErrorResponse());
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, closes the sockets and removes the Unix-domain socket files. */
    synchronized void close() {
        if (closing || listener == null) {
            return;
        }
        closing = true;
        try {
            listener.wakeup();
            acceptor.join(2000);
        } catch (IOException e) {
            LOG.debug("could not wake the acceptor: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!acceptor.isAlive()) {
            listener.close();
        }
        connections.shutdown();
    }
}
