package org.tuskdb.postmaster.internal.control;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encoding of control messages. Each message is the payload of one platform frame
 * ({@code UnixSocket.sendFrame}: a length word, then the payload), so frame boundaries and the
 * pairing of a passed descriptor with its frame are the platform's business. The payload is a
 * type byte followed by the message's fields, big-endian; strings are a length (-1 for null) and
 * UTF-8 bytes.
 */
public final class ControlCodec {
    /** Larger messages are a protocol fault: a startup packet is at most 10000 bytes. */
    public static final int MAX_MESSAGE = 64 * 1024;

    private ControlCodec() {}

    public static byte[] encode(ControlMessage message) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(payload);
            switch (message) {
                case ControlMessage.Hello h -> {
                    out.writeInt(h.slot());
                    out.writeLong(h.pid());
                }
                case ControlMessage.Handoff h -> {
                    writeString(out, h.clientAddr());
                    out.writeInt(h.clientPort());
                    out.writeInt(h.cancelKey());
                    out.writeInt(h.startupPacket().length);
                    out.write(h.startupPacket());
                }
                case ControlMessage.Ready r -> { }
                case ControlMessage.Idle i -> { }
                case ControlMessage.Exit x -> { }
            }
            byte[] body = payload.toByteArray();
            return ByteBuffer.allocate(1 + body.length).put(message.type()).put(body).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** Decodes one message (a frame's payload). */
    public static ControlMessage decode(byte[] bytes) throws ControlProtocolException {
        if (bytes.length == 0 || bytes.length > MAX_MESSAGE) {
            throw new ControlProtocolException("control message of " + bytes.length + " bytes");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        byte type = payload.get();
        try {
            ControlMessage message = switch (type) {
                case 'H' -> new ControlMessage.Hello(payload.getInt(), payload.getLong());
                case 'R' -> new ControlMessage.Ready();
                case 'I' -> new ControlMessage.Idle();
                case 'X' -> new ControlMessage.Exit();
                case 'C' -> {
                    String addr = readString(payload);
                    int port = payload.getInt();
                    int key = payload.getInt();
                    int length = payload.getInt();
                    if (length < 0 || length > payload.remaining()) {
                        throw new ControlProtocolException("bad startup packet length " + length);
                    }
                    byte[] packet = new byte[length];
                    payload.get(packet);
                    yield new ControlMessage.Handoff(addr, port, key, packet);
                }
                default -> throw new ControlProtocolException("unknown control message type " + (type & 0xff));
            };
            if (payload.hasRemaining()) {
                throw new ControlProtocolException("trailing bytes in control message " + (char) type);
            }
            return message;
        } catch (java.nio.BufferUnderflowException e) {
            throw new ControlProtocolException("truncated control message " + (char) type);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer in) throws ControlProtocolException {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new ControlProtocolException("bad string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
