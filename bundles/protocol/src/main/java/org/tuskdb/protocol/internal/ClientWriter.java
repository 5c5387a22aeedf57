package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.ColumnDescription;

/**
 * Backend messages, built in one large direct buffer and written to the client socket only when
 * the buffer is full or {@link #flush()} is called (before ReadyForQuery, on Flush, after an
 * error). One write per response batch is what keeps a round trip cheap.
 *
 * <p>Only the backend's main thread uses a writer. When a write fails (the client is gone) the
 * writer turns {@linkplain #broken() broken}: it reports that once through the callback and
 * drops everything written after, so the engine can finish or be interrupted without more
 * exceptions from the sink.
 */
final class ClientWriter {
    /** The socket writer: writes all of the bytes (native memory). Tests may substitute one. */
    interface Output {
        void write(MemorySegment bytes) throws IOException;
    }

    private static final int CAPACITY = 64 * 1024;
    /** A buffer grown for one huge message is given back once it is flushed. */
    private static final int KEEP_LIMIT = 1024 * 1024;

    private ByteBuffer buffer = newBuffer(CAPACITY);
    /** The buffer as native memory, made once per buffer: no new segment (and session) per write. */
    private MemorySegment memory = wholeOf(buffer);
    private int messageStart = -1;
    /** Where the message ended last starts (it may have moved to 0 when the buffer filled up). */
    private int lastMessageStart;
    /** Encoded RowDescriptions of the last few descriptions (see rowDescription). */
    private final List<?>[] describedLists = new List<?>[4];
    private final byte[][] describedBytes = new byte[4][];
    private int nextDescribed;
    private Output output;
    private Runnable onBroken = () -> { };
    private boolean broken;

    private static ByteBuffer newBuffer(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
    }

    /** Starts writing to a new client: nothing of the previous session remains buffered. */
    void reset(Output newOutput, Runnable brokenCallback) {
        if (buffer.capacity() > KEEP_LIMIT) {
            replaceBuffer(newBuffer(CAPACITY));
        }
        buffer.clear();
        messageStart = -1;
        // Descriptions belong to the old session's statements.
        java.util.Arrays.fill(describedLists, null);
        java.util.Arrays.fill(describedBytes, null);
        output = newOutput;
        onBroken = brokenCallback;
        broken = false;
    }

    boolean broken() {
        return broken;
    }

    /** Bytes waiting to be written (tests). */
    int pending() {
        return buffer.position();
    }

    // ---- framing ------------------------------------------------------------------------------

    private void begin(byte type) {
        ensure(5);
        messageStart = buffer.position();
        buffer.put(type).putInt(0);
    }

    private void end() {
        buffer.putInt(messageStart + 1, buffer.position() - messageStart - 1);
        lastMessageStart = messageStart;
        messageStart = -1;
    }

    /** Makes room for n more bytes: flushes complete messages, grows the buffer for a huge one. */
    private void ensure(int n) {
        if (buffer.remaining() >= n) {
            return;
        }
        int keepFrom = messageStart >= 0 ? messageStart : buffer.position();
        if (keepFrom > 0) {
            // Write out the complete messages ahead of the one being built; keep that one's bytes.
            int end = buffer.position();
            buffer.position(0).limit(keepFrom);
            writeOut();
            buffer.limit(end).position(keepFrom);
            buffer.compact();
            if (messageStart >= 0) {
                messageStart = 0;
            }
        }
        if (buffer.remaining() < n) {
            int needed = buffer.position() + n;
            int capacity = buffer.capacity();
            while (capacity < needed) {
                capacity = capacity > (1 << 29) ? Integer.MAX_VALUE - 8 : capacity * 2;
            }
            ByteBuffer bigger = newBuffer(capacity);
            buffer.flip();
            bigger.put(buffer);
            replaceBuffer(bigger);
        }
    }

    private void replaceBuffer(ByteBuffer newBuffer) {
        buffer = newBuffer;
        memory = wholeOf(newBuffer);
    }

    /** All of a buffer's memory (ofBuffer alone covers only position to limit). */
    private static MemorySegment wholeOf(ByteBuffer b) {
        return MemorySegment.ofBuffer(b.duplicate().clear());
    }

    /** Writes everything buffered to the client. */
    void flush() {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        writeOut();
        if (buffer.capacity() > KEEP_LIMIT) {
            replaceBuffer(newBuffer(CAPACITY));
        }
        buffer.clear();
    }

    /** Writes [position, limit) of the buffer; a failure breaks the writer. */
    private void writeOut() {
        if (!broken) {
            try {
                output.write(memory.asSlice(buffer.position(), buffer.remaining()));
            } catch (IOException | RuntimeException e) {
                broken = true;
                onBroken.run();
            }
        }
    }

    private void putCString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 1);
        buffer.put(b).put((byte) 0);
    }

    private void putInt(int v) {
        ensure(4);
        buffer.putInt(v);
    }

    private void putShort(int v) {
        ensure(2);
        buffer.putShort((short) v);
    }

    private void putByte(int v) {
        ensure(1);
        buffer.put((byte) v);
    }

    // ---- messages -----------------------------------------------------------------------------

    void authenticationOk() {
        begin((byte) 'R');
        putInt(0);
        end();
    }

    void parameterStatus(String name, String value) {
        begin((byte) 'S');
        putCString(name);
        putCString(value == null ? "" : value);
        end();
    }

    /** NotificationResponse ('A'): an asynchronous notification of LISTEN / NOTIFY. */
    void notificationResponse(int senderPid, String channel, String payload) {
        begin((byte) 'A');
        putInt(senderPid);
        putCString(channel);
        putCString(payload == null ? "" : payload);
        end();
    }

    void backendKeyData(int pid, int key) {
        begin((byte) 'K');
        putInt(pid);
        putInt(key);
        end();
    }

    /** The newest minor version of protocol 3 we speak (0), and the startup options we ignored. */
    void negotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) {
        begin((byte) 'v');
        putInt((3 << 16) | newestMinor);
        putInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            putCString(option);
        }
        end();
    }

    void readyForQuery(char status) {
        begin((byte) 'Z');
        putByte(status);
        end();
    }

    /**
     * RowDescription. Clients describe the same statements over and over (a Describe per
     * Execute), so the encoded message of the last few descriptions is kept: then it is one
     * copy. The engine hands out one immutable list per prepared statement, which makes the
     * comparison an identity check; a list that is not immutable is kept as a copy.
     */
    void rowDescription(List<ColumnDescription> columns) {
        for (int i = 0; i < describedLists.length; i++) {
            if (columns.equals(describedLists[i])) {
                byte[] encoded = describedBytes[i];
                ensure(encoded.length);
                buffer.put(encoded);
                return;
            }
        }
        encodeRowDescription(columns);
        byte[] encoded = new byte[buffer.position() - lastMessageStart];
        buffer.get(lastMessageStart, encoded);
        int slot = nextDescribed;
        describedLists[slot] = List.copyOf(columns);
        describedBytes[slot] = encoded;
        nextDescribed = (slot + 1) % describedLists.length;
    }

    private void encodeRowDescription(List<ColumnDescription> columns) {
        begin((byte) 'T');
        putShort(columns.size());
        for (ColumnDescription c : columns) {
            putCString(c.name());
            ensure(18);
            buffer.putInt(c.tableOid()).putShort(c.columnNumber()).putInt(c.typeOid()).putShort(c.typeSize())
                    .putInt(c.typeModifier()).putShort(c.format());
        }
        end();
    }

    void dataRow(byte[][] values) {
        int size = 2;
        for (byte[] v : values) {
            size += 4 + (v == null ? 0 : v.length);
        }
        begin((byte) 'D');
        ensure(size);
        buffer.putShort((short) values.length);
        for (byte[] v : values) {
            if (v == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(v.length).put(v);
            }
        }
        end();
    }

    void commandComplete(String tag) {
        begin((byte) 'C');
        putCString(tag);
        end();
    }

    /** CopyInResponse / CopyOutResponse ('G' / 'H'): the text (0) or binary (1) format, for all columns. */
    void copyResponse(boolean in, int columns, boolean binary) {
        begin((byte) (in ? 'G' : 'H'));
        ensure(3 + 2 * columns);
        buffer.put((byte) (binary ? 1 : 0)).putShort((short) columns);
        for (int i = 0; i < columns; i++) {
            buffer.putShort((short) (binary ? 1 : 0));
        }
        end();
    }

    void copyData(byte[] data, int length) {
        begin((byte) 'd');
        ensure(length);
        buffer.put(data, 0, length);
        end();
    }

    void copyDone() {
        empty('c');
    }

    void emptyQueryResponse() {
        empty('I');
    }

    void parseComplete() {
        empty('1');
    }

    void bindComplete() {
        empty('2');
    }

    void closeComplete() {
        empty('3');
    }

    void noData() {
        empty('n');
    }

    void portalSuspended() {
        empty('s');
    }

    private void empty(char type) {
        begin((byte) type);
        end();
    }

    void parameterDescription(int[] typeOids) {
        begin((byte) 't');
        putShort(typeOids.length);
        for (int oid : typeOids) {
            putInt(oid);
        }
        end();
    }

    /** ErrorResponse for ERROR and above, NoticeResponse below, with PostgreSQL's fields. */
    void errorOrNotice(DatabaseException e) {
        DatabaseException.Severity s = e.severity() == null ? DatabaseException.Severity.ERROR : e.severity();
        boolean error = s == DatabaseException.Severity.ERROR || s == DatabaseException.Severity.FATAL
                || s == DatabaseException.Severity.PANIC;
        begin((byte) (error ? 'E' : 'N'));
        field('S', s.name());
        field('V', s.name());
        field('C', e.sqlState() == null ? "XX000" : e.sqlState());
        field('M', e.getMessage() == null ? "" : e.getMessage());
        field('D', e.detail());
        field('H', e.hint());
        if (e.position() > 0) {
            field('P', Integer.toString(e.position()));
        }
        field('W', e.context());
        DatabaseException.ErrorObject o = e.object();
        if (o != null) {
            field('s', o.schema());
            field('t', o.table());
            field('c', o.column());
            field('d', o.dataType());
            field('n', o.constraint());
        }
        putByte(0);
        end();
    }

    private void field(char code, String value) {
        if (value != null) {
            putByte(code);
            putCString(value);
        }
    }
}
