package org.tuskdb.postmaster.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.platform.linux.EventFd;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;
import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/**
 * The postmaster's end of the control socket: accepts worker links and runs one reader thread
 * per link, which turns the worker's messages into {@link LinkEvents}. A link's first message
 * must be Hello; the server loop matches it to the child it started (pid and slot).
 *
 * <p>The socket file is mode 0600: only the data directory's owner can connect, as only the
 * owner can read the data. The listening descriptor is closed by the accept thread itself when
 * it ends, and the wake-up descriptor only after that thread is gone, so no number is closed
 * while a poll still waits on it.
 */
final class ControlServer {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final LinkEvents events;
    private final ThreadFactory threads;
    private int listenFd = -1;
    private int wakeFd = -1;
    private Thread acceptor;
    private volatile boolean closing;

    ControlServer(Path path, LinkEvents events, ThreadFactory threads) {
        this.path = path;
        this.events = events;
        this.threads = threads;
    }

    void open() throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        listenFd = UnixSocket.listen(path, 0600);
        try {
            wakeFd = EventFd.create();
        } catch (IOException e) {
            Libc.closeQuietly(listenFd);
            throw e;
        }
        acceptor = threads.newThread(this::acceptLoop);
        acceptor.setName("postmaster control");
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (!closing) {
                int[] revents;
                try {
                    revents = Libc.poll(new int[] {listenFd, wakeFd}, new int[] {Libc.POLLIN, Libc.POLLIN}, -1);
                    if (revents[1] != 0 || closing) {
                        break;
                    }
                    int fd = UnixSocket.accept(listenFd, 0);
                    if (fd >= 0) {
                        Thread reader = threads.newThread(() -> serveLink(new ControlChannel(fd)));
                        reader.setName("postmaster link");
                        reader.start();
                    }
                } catch (IOException e) {
                    LOG.warn("control socket accept failed: {}", e.getMessage());
                    sleepAfterError();
                }
            }
        } finally {
            Libc.closeQuietly(listenFd);
        }
    }

    private void serveLink(ControlChannel channel) {
        long pid = -1;
        try (channel) {
            ControlChannel.Received first = channel.receive();
            if (first == null) {
                return;
            }
            if (!(first.message() instanceof ControlMessage.Hello hello)) {
                LOG.warn("control connection did not start with hello: {}", first.message());
                return;
            }
            pid = hello.pid();
            Thread.currentThread().setName("postmaster link " + pid);
            events.hello(hello, channel);
            while (true) {
                ControlChannel.Received received = channel.receive();
                if (received == null) {
                    return;
                }
                switch (received.message()) {
                    case ControlMessage.Idle idle -> events.idle(pid);
                    case ControlMessage.Ready ready -> events.ready(pid);
                    default -> {
                        LOG.warn("unexpected control message {} from PID {}", received.message(), pid);
                        return;
                    }
                }
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.debug("control connection of PID {} failed: {}", pid, e.getMessage());
            }
        } finally {
            if (pid > 0) {
                events.linkClosed(pid);
            }
        }
    }

    private static void sleepAfterError() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting links and removes the socket file; existing links stay until their workers exit. */
    synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (wakeFd >= 0) {
            try {
                EventFd.signal(wakeFd);
            } catch (IOException ignored) {
                // the thread is gone already
            }
        }
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!acceptor.isAlive()) {
                // Only now: the acceptor polls it until it ends.
                Libc.closeQuietly(wakeFd);
            }
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove control socket {}: {}", path, e.getMessage());
        }
    }
}
