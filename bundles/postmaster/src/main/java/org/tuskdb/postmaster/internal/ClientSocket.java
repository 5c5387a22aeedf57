package org.tuskdb.postmaster.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

import org.tuskdb.platform.linux.Libc;

/**
 * A client connection while the postmaster owns it: from accept until its descriptor has been
 * sent to a backend (or the client was turned away). Reads are bounded by a deadline
 * (authentication_timeout from accept) so a client that sends nothing cannot hold a connection
 * thread for ever.
 *
 * <p>Descriptor rule: {@link #close()} is always called, also after a successful handoff: the
 * backend received its own copy of the descriptor, and the postmaster's must not stay open (the
 * client would not see the connection end when the backend closes it).
 */
final class ClientSocket implements AutoCloseable {
    private final int fd;
    private final String address;
    private final int port;
    private final long acceptedNanos;
    private boolean closed;

    /** @param address peer address, null for a Unix-domain client; port -1 then */
    ClientSocket(int fd, String address, int port, long acceptedNanos) {
        this.fd = fd;
        this.address = address;
        this.port = port;
        this.acceptedNanos = acceptedNanos;
    }

    int fd() { return fd; }
    String address() { return address; }
    int port() { return port; }
    long acceptedNanos() { return acceptedNanos; }

    /** "127.0.0.1:50312" or "[local]", as PostgreSQL's log lines show a client. */
    String describe() {
        return address == null ? "[local]" : address + ":" + port;
    }

    /**
     * Reads exactly {@code length} bytes. Throws EOFException when the client closes first
     * ({@link EOFException#getMessage} says how much arrived) and SocketTimeoutException at
     * the deadline.
     */
    void readFully(byte[] buffer, int offset, int length, long deadlineNanos) throws IOException {
        int done = 0;
        while (done < length) {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("timeout while reading the startup packet");
            }
            int revents = Libc.poll(fd, Libc.POLLIN, (int) Math.min(leftMillis, Integer.MAX_VALUE));
            if (revents == 0) {
                continue;
            }
            int n = Libc.read(fd, buffer, offset + done, length - done);
            if (n == 0) {
                throw new EOFException(Integer.toString(done));
            }
            done += n;
        }
    }

    void write(byte[] bytes) throws IOException {
        Libc.writeFully(fd, bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.closeQuietly(fd);
        }
    }
}
