package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.platform.linux.Libc;

/** The client end of a socket pair: writes frontend messages, reads backend messages with a timeout. */
final class TestClient implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 5000;

    /** One backend message. */
    record Msg(char type, byte[] body) {
        /** Fields of an ErrorResponse / NoticeResponse by code. */
        Map<Character, String> fields() {
            Map<Character, String> m = new LinkedHashMap<>();
            int i = 0;
            while (body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                m.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return m;
        }

        /** The NUL-terminated strings of the body (CommandComplete, ParameterStatus). */
        List<String> strings() {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < body.length; i++) {
                if (body[i] == 0) {
                    out.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        }

        /** DataRow columns as text (null for NULL). */
        List<String> values() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    out.add(null);
                } else {
                    byte[] v = new byte[len];
                    b.get(v);
                    out.add(new String(v, StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return type + (type == 'E' || type == 'N' ? fields().toString() : strings().toString());
        }
    }

    final int fd;
    private byte[] in = new byte[0];

    TestClient(int fd) {
        this.fd = fd;
    }

    // ---- sending ------------------------------------------------------------------------------

    static final class Payload {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Payload str(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8)).int8(0);
        }

        Payload int8(int v) {
            bytes.write(v);
            return this;
        }

        Payload int16(int v) {
            try {
                out.writeShort(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Payload int32(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Payload raw(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    static Payload payload() {
        return new Payload();
    }

    static byte[] frame(char type, byte[] body) {
        return payload().int8(type).int32(body.length + 4).raw(body).bytes();
    }

    static byte[] startupPacket(Map<String, String> parameters) {
        return startupPacket(3 << 16, parameters);
    }

    static byte[] startupPacket(int version, Map<String, String> parameters) {
        Payload p = payload().int32(version);
        parameters.forEach((k, v) -> p.str(k).str(v));
        byte[] body = p.int8(0).bytes();
        return payload().int32(body.length + 4).raw(body).bytes();
    }

    void send(byte[]... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        byte[] b = all.toByteArray();
        Libc.writeFully(fd, b, 0, b.length);
    }

    void query(String sql) throws IOException {
        send(frame('Q', payload().str(sql).bytes()));
    }

    static byte[] parse(String name, String sql, int... types) {
        Payload p = payload().str(name).str(sql).int16(types.length);
        for (int t : types) {
            p.int32(t);
        }
        return frame('P', p.bytes());
    }

    static byte[] bind(String portal, String statement, String... textParams) {
        Payload p = payload().str(portal).str(statement).int16(0).int16(textParams.length);
        for (String v : textParams) {
            if (v == null) {
                p.int32(-1);
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                p.int32(b.length).raw(b);
            }
        }
        return frame('B', p.int16(0).bytes());
    }

    static byte[] describe(char kind, String name) {
        return frame('D', payload().int8(kind).str(name).bytes());
    }

    static byte[] execute(String portal, int maxRows) {
        return frame('E', payload().str(portal).int32(maxRows).bytes());
    }

    static byte[] close(char kind, String name) {
        return frame('C', payload().int8(kind).str(name).bytes());
    }

    static byte[] sync() {
        return frame('S', new byte[0]);
    }

    static byte[] flush() {
        return frame('H', new byte[0]);
    }

    static byte[] terminate() {
        return frame('X', new byte[0]);
    }

    // ---- receiving ----------------------------------------------------------------------------

    /** The next message, or null at end of stream. Fails the test after the timeout. */
    Msg read() throws IOException {
        while (true) {
            if (in.length >= 5) {
                int len = ByteBuffer.wrap(in, 1, 4).getInt();
                if (in.length >= 1 + len) {
                    Msg m = new Msg((char) in[0], Arrays.copyOfRange(in, 5, 1 + len));
                    in = Arrays.copyOfRange(in, 1 + len, in.length);
                    return m;
                }
            }
            if (!fill()) {
                if (in.length > 0) {
                    fail("stream ended inside a message: " + in.length + " bytes");
                }
                return null;
            }
        }
    }

    private boolean fill() throws IOException {
        if (Libc.poll(fd, Libc.POLLIN, TIMEOUT_MILLIS) == 0) {
            fail("no answer from the backend within " + TIMEOUT_MILLIS + " ms");
        }
        byte[] chunk = new byte[65536];
        int n;
        try {
            n = Libc.read(fd, chunk, 0, chunk.length);
        } catch (IOException e) {
            return false; // ECONNRESET counts as the end
        }
        if (n == 0) {
            return false;
        }
        byte[] joined = Arrays.copyOf(in, in.length + n);
        System.arraycopy(chunk, 0, joined, in.length, n);
        in = joined;
        return true;
    }

    /** Messages up to and including the first of that type. */
    List<Msg> readUntil(char type) throws IOException {
        List<Msg> out = new ArrayList<>();
        while (true) {
            Msg m = read();
            if (m == null) {
                fail("stream ended before '" + type + "'; got " + out);
            }
            out.add(m);
            if (m.type() == type) {
                return out;
            }
        }
    }

    /** The types of the messages up to and including ReadyForQuery, e.g. "TDCZ". */
    String typesUntilReady() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Msg m : readUntil('Z')) {
            b.append(m.type());
        }
        return b.toString();
    }

    /** Expects the backend to close the connection (after any messages, which are returned). */
    List<Msg> readToEnd() throws IOException {
        List<Msg> out = new ArrayList<>();
        Msg m;
        while ((m = read()) != null) {
            out.add(m);
        }
        return out;
    }

    static void assertError(Msg m, String severity, String code, String message) {
        assertEquals('E', m.type(), m.toString());
        Map<Character, String> f = m.fields();
        assertEquals(severity, f.get('S'), f.toString());
        assertEquals(severity, f.get('V'), f.toString());
        assertEquals(code, f.get('C'), f.toString());
        if (message != null) {
            assertEquals(message, f.get('M'), f.toString());
        }
    }

    @Override
    public void close() {
        Libc.closeQuietly(fd);
    }
}
