package org.tuskdb.postmaster.internal.control;

import java.io.IOException;

import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.UnixSocket;

/**
 * One end of a control connection (a connected Unix stream socket). Sends may come from several
 * threads (the postmaster's loop and its connection threads), so they are serialized; exactly
 * one thread receives.
 *
 * <p>Descriptor rule: a descriptor passed with {@link #send(ControlMessage, int)} is copied by
 * the kernel; the sender still owns (and must close) its own. A received descriptor belongs to
 * the receiver. Only {@link ControlMessage.Handoff} carries one; a descriptor arriving with any
 * other message is closed and the connection treated as broken.
 *
 * <p>Closing: {@link #shutdown()} may be called from any thread and wakes the receiver with end of
 * stream; the descriptor itself is closed only by {@link #close()}, called by the receiving thread
 * after its last receive, so the number is never reused under a blocked recvmsg.
 */
public final class ControlChannel implements AutoCloseable {
    /** A received message and its descriptor (-1 when none). */
    public record Received(ControlMessage message, int fd) {}

    private final int socketFd;
    private final Object sendLock = new Object();
    private volatile boolean closed;
    /** The descriptor has been closed: its number may belong to something else now. */
    private boolean released;

    public ControlChannel(int socketFd) {
        this.socketFd = socketFd;
    }

    public int socketFd() {
        return socketFd;
    }

    public void send(ControlMessage message) throws IOException {
        send(message, -1);
    }

    /** Sends a message with a copy of {@code fdToPass} attached (or none when -1). */
    public void send(ControlMessage message, int fdToPass) throws IOException {
        byte[] payload = ControlCodec.encode(message);
        synchronized (sendLock) {
            if (closed) {
                throw new IOException("control connection closed");
            }
            UnixSocket.sendFrame(socketFd, payload, fdToPass);
        }
    }

    /** The next message, or null at end of stream (the other end is gone). */
    public Received receive() throws IOException {
        UnixSocket.Frame frame = UnixSocket.receiveFrame(socketFd);
        if (frame == null) {
            return null;
        }
        ControlMessage message;
        try {
            message = ControlCodec.decode(frame.payload());
        } catch (ControlProtocolException e) {
            Libc.closeQuietly(frame.fd());
            throw e;
        }
        boolean wantsFd = message instanceof ControlMessage.Handoff;
        if (wantsFd != (frame.fd() >= 0)) {
            Libc.closeQuietly(frame.fd());
            throw new ControlProtocolException(wantsFd
                    ? "client handoff arrived without a descriptor"
                    : "descriptor arrived with a " + message.getClass().getSimpleName() + " message");
        }
        return new Received(message, frame.fd());
    }

    /** Wakes a blocked receiver (it sees end of stream); later sends fail. Any thread. */
    public void shutdown() {
        synchronized (sendLock) {
            closed = true;
            if (released) {
                return;
            }
            try {
                Libc.shutdown(socketFd, Libc.SHUT_RDWR);
            } catch (IOException ignored) {
                // already disconnected
            }
        }
    }

    /** Closes the descriptor: only the receiving thread, after its last receive. */
    @Override
    public void close() {
        synchronized (sendLock) {
            closed = true;
            if (!released) {
                released = true;
                Libc.closeQuietly(socketFd);
            }
        }
    }
}
