package org.tuskdb.postmaster.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The only protocol messages the postmaster itself writes: a FATAL ErrorResponse to a client it
 * turns away (too many clients, starting up, shutting down) before any backend sees it.
 */
final class ErrorResponse {
    private ErrorResponse() {}

    /** An ErrorResponse ('E') with severity FATAL, the SQLSTATE and the message. */
    static byte[] fatal(String sqlState, String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, 'S', "FATAL");
        field(fields, 'V', "FATAL");
        field(fields, 'C', sqlState);
        field(fields, 'M', message);
        fields.write(0);
        byte[] body = fields.toByteArray();
        return ByteBuffer.allocate(1 + 4 + body.length).put((byte) 'E').putInt(4 + body.length).put(body).array();
    }

    private static void field(ByteArrayOutputStream out, char code, String value) {
        out.write(code);
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
