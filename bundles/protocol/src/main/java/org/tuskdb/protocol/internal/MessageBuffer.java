package org.tuskdb.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The payload of one frontend message (after type byte and length word), read front to back.
 * Every read checks the bounds: running past the end or a string without its terminating zero
 * is a protocol violation (FATAL 08P01 "invalid message format"), never an exception of Java's.
 * Strings must be valid UTF-8 (the only client encoding spoken on the wire so far).
 *
 * <p>The reader keeps one instance and {@linkplain #reset points it} at each message in turn,
 * so reading a message allocates nothing but what it returns; the scratch array for strings and
 * the UTF-8 decoder are kept too.
 */
final class MessageBuffer {
    private ByteBuffer payload;
    private byte[] scratch = new byte[64];
    private CharsetDecoder decoder;

    /** @param payload big-endian, position at the payload's first byte, limit at its end */
    MessageBuffer(ByteBuffer payload) {
        this.payload = payload;
    }

    /** Reads another payload from now on (big-endian, position at its first byte, limit at its end). */
    MessageBuffer reset(ByteBuffer newPayload) {
        payload = newPayload;
        return this;
    }

    int remaining() {
        return payload.remaining();
    }

    byte int8() {
        need(1);
        return payload.get();
    }

    short int16() {
        need(2);
        return payload.getShort();
    }

    int int32() {
        need(4);
        return payload.getInt();
    }

    /** A count that must be non-negative and fit in what is left, each item taking at least itemBytes. */
    int count16(int itemBytes) {
        int n = int16();
        if (n < 0 || (long) n * itemBytes > payload.remaining()) {
            throw ProtocolErrors.invalidFormat();
        }
        return n;
    }

    byte[] bytes(int length) {
        if (length < 0) {
            throw ProtocolErrors.invalidFormat();
        }
        need(length);
        byte[] b = new byte[length];
        payload.get(b);
        return b;
    }

    /** A NUL-terminated UTF-8 string. */
    String cString() {
        int start = payload.position();
        int end = start;
        int limit = payload.limit();
        boolean ascii = true;
        while (end < limit) {
            byte b = payload.get(end);
            if (b == 0) {
                break;
            }
            ascii &= b > 0;
            end++;
        }
        if (end >= limit) {
            throw ProtocolErrors.violation("invalid string in message");
        }
        int length = end - start;
        payload.position(end + 1); // past the terminator
        if (length == 0) {
            return ""; // the unnamed statement and portal: most Bind/Describe/Execute name them
        }
        if (!ascii) {
            byte[] raw = new byte[length];
            payload.get(start, raw);
            return utf8(raw);
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        payload.get(start, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The message must be consumed exactly: trailing bytes are a malformed message. */
    void end() {
        if (payload.hasRemaining()) {
            throw ProtocolErrors.invalidFormat();
        }
    }

    private void need(int n) {
        if (payload.remaining() < n) {
            throw ProtocolErrors.invalidFormat();
        }
    }

    private String utf8(byte[] raw) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw ProtocolErrors.invalidFormat().withDetail(
                    "invalid byte sequence for encoding \"UTF8\": " + badSequence(raw));
        }
    }

    /** The first byte that is not part of a valid UTF-8 sequence, and the one after it, as PostgreSQL shows them. */
    private static String badSequence(byte[] raw) {
        int i = 0;
        while (i < raw.length) {
            int b = raw[i] & 0xff;
            int len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
            boolean ok = len > 0 && i + len <= raw.length;
            for (int k = 1; ok && k < len; k++) {
                ok = (raw[i + k] & 0xc0) == 0x80;
            }
            if (!ok) {
                StringBuilder s = new StringBuilder(String.format("0x%02x", b));
                if (i + 1 < raw.length) {
                    s.append(String.format(" 0x%02x", raw[i + 1] & 0xff));
                }
                return s.toString();
            }
            i += len;
        }
        return "(unknown)";
    }
}
