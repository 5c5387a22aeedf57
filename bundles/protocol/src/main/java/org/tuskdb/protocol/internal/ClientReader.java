package org.tuskdb.protocol.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
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
 *
 * <p>Per message nothing is allocated: its body is the one {@link MessageBuffer} of the reader, pointed at the payload through a second view of the
 * buffer, and reads go into the buffer through a memory segment made once.
 */
final class ClientReader {
    private static final int CAPACITY = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY).order(ByteOrder.BIG_ENDIAN);
    /** The buffer as native memory, for read(2) without a new segment (and session) per call. */
    private final MemorySegment memory = MemorySegment.ofBuffer(buffer);
    /** What the current message's body reads through: same bytes, own position and limit. */
    private final ByteBuffer payloadView = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
    private final MessageBuffer body = new MessageBuffer(payloadView);
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
     * Reads the next message: returns its type byte, its payload is then {@link #body()}; -1
     * when the client closed the connection between messages. Throws FATAL 57P01 when the
     * backend is told to terminate while it waits.
     */
    int next() throws IOException {
        interrupts.checkTerminate();
        if (!ensure(1, true)) {
            return -1;
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
        if (5 + payloadLength <= CAPACITY) {
            ensure(5 + payloadLength, false);
            int start = position + 5;
            payloadView.limit(start + payloadLength).position(start);
            body.reset(payloadView);
            position += 5 + payloadLength;
        } else {
            body.reset(ByteBuffer.wrap(readLarge(payloadLength)).order(ByteOrder.BIG_ENDIAN));
        }
        return type;
    }

    /** The payload of the message {@link #next()} read; valid until the next call of next(). */
    MessageBuffer body() {
        return body;
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
            interrupts.awaitReadable(fd, eofAllowed && filled == position);
            int r = (int) Libc.read(fd, memory.asSlice(filled), CAPACITY - filled);
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
