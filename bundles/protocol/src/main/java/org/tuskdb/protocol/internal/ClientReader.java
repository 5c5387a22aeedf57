package org.tuskdb.protocol.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tuskdb.platform.linux.Libc;

/**
 * Reads frontend messages from the client socket through one large direct buffer: one read
 * system call brings in as many messages as the client has sent (a pipelined Parse/Bind/
 * Execute/Sync arrives in one). Before a read that would block, it waits in
 * {@link Interrupts#awaitReadable} so that SIGTERM can wake it.
 *
 * <p>Framing is checked before anything is buffered for the message: an unknown type byte, a
 * length below 4 or above the type's limit is a FATAL protocol violation. End of stream at a
 * message boundary is a normal end ({@link #next()} returns null); inside a message it is an
 * {@link EOFException}.
 */
final class ClientReader {
    private static final int CAPACITY = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY).order(ByteOrder.BIG_ENDIAN);
    private final Interrupts interrupts;
    private int fd = -1;
    /** Unconsumed bytes are [position, filled). */
    private int position;
    private int filled;

    ClientReader(Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    /** Starts reading a new client: nothing of the previous session stays buffered. */
    void reset(int clientFd) {
        fd = clientFd;
        position = 0;
        filled = 0;
    }

    /** Bytes received but not yet consumed (tests, and the "is more pipelined?" question). */
    int buffered() {
        return filled - position;
    }

    /**
     * The next message, or null when the client closed the connection between messages.
     * Throws FATAL 57P01 when the backend is told to terminate while it waits.
     */
    FrontendMessage next() throws IOException {
        interrupts.checkTerminate();
        if (!ensure(1, true)) {
            return null;
        }
        char type = (char) (buffer.get(position) & 0xff);
        int max = FrontendMessage.maxPayload(type);
        if (max < 0) {
            throw ProtocolErrors.violation("invalid frontend message type " + (int) type);
        }
        ensure(5, false);
        int length = buffer.getInt(position + 1);
        if (length < 4 || length - 4 > max) {
            throw ProtocolErrors.violation("invalid message length");
        }
        int payloadLength = length - 4;
        ByteBuffer payload;
        if (5 + payloadLength <= CAPACITY) {
            ensure(5 + payloadLength, false);
            payload = buffer.slice(position + 5, payloadLength).order(ByteOrder.BIG_ENDIAN);
            position += 5 + payloadLength;
        } else {
            payload = ByteBuffer.wrap(readLarge(payloadLength)).order(ByteOrder.BIG_ENDIAN);
        }
        return new FrontendMessage(type, new MessageBuffer(payload));
    }

    /** A payload larger than the buffer: collected into its own array through the buffer. */
    private byte[] readLarge(int payloadLength) throws IOException {
        byte[] payload = new byte[payloadLength];
        position += 5;
        int done = 0;
        while (done < payloadLength) {
            if (buffered() == 0) {
                position = 0;
                filled = 0;
                ensure(1, false);
            }
            int n = Math.min(buffered(), payloadLength - done);
            buffer.get(position, payload, done, n);
            position += n;
            done += n;
        }
        return payload;
    }

    /**
     * Makes at least n bytes available at the position. Returns false only when eofAllowed and
     * the stream ended with nothing buffered.
     */
    private boolean ensure(int n, boolean eofAllowed) throws IOException {
        while (filled - position < n) {
            if (position > 0 && CAPACITY - position < n) {
                buffer.limit(filled).position(position);
                buffer.compact();
                filled -= position;
                position = 0;
                buffer.clear();
            }
            if (filled == position) {
                position = 0;
                filled = 0;
            }
            interrupts.awaitReadable(fd);
            buffer.limit(CAPACITY).position(filled);
            int r = Libc.read(fd, buffer);
            buffer.clear();
            if (r == 0) {
                if (eofAllowed && filled == position) {
                    return false;
                }
                throw new EOFException("incomplete message from client");
            }
            filled += r;
        }
        return true;
    }
}
