package org.tuskdb.postmaster.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first packet a client sends on a new connection, as the postmaster sees it (PostgreSQL's
 * ProcessStartupPacket, the part that runs before a backend is chosen). The packet has no type
 * byte: a length word (itself included), then a 4-byte code that is either a protocol version
 * or one of the special request codes.
 */
public sealed interface FirstPacket {
    int SSL_REQUEST_CODE = 80877103;
    int GSSENC_REQUEST_CODE = 80877104;
    int CANCEL_REQUEST_CODE = 80877102;
    /** Protocol 3.0: major version in the high 16 bits. */
    int PROTOCOL_3_0 = 3 << 16;
    /** PostgreSQL's limits on the startup packet's length word (MAX_STARTUP_PACKET_LENGTH). */
    int MIN_LENGTH = 8;
    int MAX_LENGTH = 10000;

    /** The client asks for TLS; the answer is a single byte ('N': not supported yet). */
    record SslRequest() implements FirstPacket {}

    /** The client asks for GSSAPI encryption; answered 'N' like SSL. */
    record GssEncRequest() implements FirstPacket {}

    /** Cancel the running statement of the backend with this pid, if the key matches. */
    record CancelRequest(int pid, int key) implements FirstPacket {}

    /**
     * A protocol-3 StartupMessage. The bytes (length word included) go to the backend unchanged;
     * the parameters are parsed here only to validate the layout and for log lines.
     */
    record StartupMessage(int protocol, Map<String, String> parameters, byte[] bytes) implements FirstPacket {
        public String parameter(String name) {
            return parameters.get(name);
        }
    }

    /** A protocol version this server does not speak (PostgreSQL's answer is FATAL 0A000). */
    record UnsupportedProtocol(int protocol) implements FirstPacket {
        public String describe() {
            return (protocol >>> 16) + "." + (protocol & 0xffff);
        }
    }

    String LAYOUT_ERROR = "invalid startup packet layout: expected terminator as last byte";

    /** Whether a length word read from the wire is acceptable. */
    static boolean validLength(int length) {
        return length >= MIN_LENGTH && length <= MAX_LENGTH;
    }

    /**
     * Classifies a whole packet (length word included; its length already checked with
     * {@link #validLength}). Throws {@link MalformedPacketException} for layouts PostgreSQL
     * rejects: a cancel request of the wrong size, parameters without their terminators.
     */
    static FirstPacket parse(byte[] packet) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(packet);
        int length = in.getInt();
        if (length != packet.length || !validLength(length)) {
            throw new MalformedPacketException("invalid length of startup packet", false);
        }
        int code = in.getInt();
        switch (code) {
            case SSL_REQUEST_CODE:
                return new SslRequest();
            case GSSENC_REQUEST_CODE:
                return new GssEncRequest();
            case CANCEL_REQUEST_CODE:
                if (length != 16) {
                    throw new MalformedPacketException("invalid length of query cancel packet", false);
                }
                return new CancelRequest(in.getInt(), in.getInt());
            default:
                break;
        }
        if ((code >>> 16) != 3) {
            return new UnsupportedProtocol(code);
        }
        return new StartupMessage(code, parseParameters(packet, 8), packet);
    }

    /**
     * Name/value pairs, each a NUL-terminated string, the list ended by an empty name. As in
     * PostgreSQL, the terminator must be the packet's last byte.
     */
    private static Map<String, String> parseParameters(byte[] packet, int offset) throws MalformedPacketException {
        Map<String, String> parameters = new LinkedHashMap<>();
        int pos = offset;
        while (true) {
            int nameEnd = indexOfNul(packet, pos);
            if (nameEnd < 0) {
                throw new MalformedPacketException(LAYOUT_ERROR, true);
            }
            if (nameEnd == pos) {
                if (nameEnd != packet.length - 1) {
                    throw new MalformedPacketException(LAYOUT_ERROR, true);
                }
                return Collections.unmodifiableMap(parameters);
            }
            int valueEnd = indexOfNul(packet, nameEnd + 1);
            if (valueEnd < 0) {
                throw new MalformedPacketException(LAYOUT_ERROR, true);
            }
            parameters.put(new String(packet, pos, nameEnd - pos, StandardCharsets.UTF_8),
                    new String(packet, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8));
            pos = valueEnd + 1;
        }
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
