package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FirstPacketTest {

    static byte[] startupMessage(int protocol, String... pairs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : pairs) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] params = body.toByteArray();
        return ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(protocol).put(params).array();
    }

    static byte[] codePacket(int code, int... extra) {
        ByteBuffer packet = ByteBuffer.allocate(8 + 4 * extra.length).putInt(8 + 4 * extra.length).putInt(code);
        for (int value : extra) {
            packet.putInt(value);
        }
        return packet.array();
    }

    @Test
    void sslAndGssRequestsAreRecognized() throws Exception {
        assertInstanceOf(FirstPacket.SslRequest.class, FirstPacket.parse(codePacket(80877103)));
        assertInstanceOf(FirstPacket.GssEncRequest.class, FirstPacket.parse(codePacket(80877104)));
    }

    @Test
    void cancelRequestCarriesPidAndKey() throws Exception {
        FirstPacket packet = FirstPacket.parse(codePacket(80877102, 4242, -7));
        assertEquals(new FirstPacket.CancelRequest(4242, -7), packet);
    }

    @Test
    void cancelRequestOfWrongLengthIsRejectedWithoutReply() {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> FirstPacket.parse(codePacket(80877102, 1, 2, 3)));
        assertFalse(e.reportToClient());
    }

    @Test
    void startupMessageKeepsBytesAndParsesParameters() throws Exception {
        byte[] bytes = startupMessage(196608, "user", "alice", "database", "db1", "application_name", "psql");
        FirstPacket.StartupMessage startup = assertInstanceOf(FirstPacket.StartupMessage.class, FirstPacket.parse(bytes));
        assertEquals(196608, startup.protocol());
        assertEquals("alice", startup.parameter("user"));
        assertEquals("db1", startup.parameter("database"));
        assertEquals("psql", startup.parameter("application_name"));
        assertArrayEquals(bytes, startup.bytes());
    }

    @Test
    void newerMinorVersionOfProtocol3IsPassedOn() throws Exception {
        byte[] bytes = startupMessage((3 << 16) | 2, "user", "bob");
        assertInstanceOf(FirstPacket.StartupMessage.class, FirstPacket.parse(bytes));
    }

    @Test
    void protocol2IsUnsupported() throws Exception {
        FirstPacket.UnsupportedProtocol unsupported = assertInstanceOf(FirstPacket.UnsupportedProtocol.class,
                FirstPacket.parse(startupMessage(2 << 16, "user", "x")));
        assertEquals("2.0", unsupported.describe());
        assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0",
                Refusal.unsupportedProtocol(unsupported).message());
    }

    @Test
    void missingTerminatorIsAProtocolViolationToldToTheClient() {
        byte[] good = startupMessage(196608, "user", "alice");
        byte[] bad = new byte[good.length - 1];
        System.arraycopy(good, 0, bad, 0, bad.length);
        ByteBuffer.wrap(bad).putInt(0, bad.length);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> FirstPacket.parse(bad));
        assertTrue(e.reportToClient());
        assertEquals("invalid startup packet layout: expected terminator as last byte", e.getMessage());
    }

    @Test
    void bytesAfterTheTerminatorAreAProtocolViolation() {
        byte[] good = startupMessage(196608, "user", "alice");
        byte[] bad = ByteBuffer.allocate(good.length + 2).put(good).put((byte) 'x').put((byte) 0).array();
        ByteBuffer.wrap(bad).putInt(0, bad.length);
        assertThrows(MalformedPacketException.class, () -> FirstPacket.parse(bad));
    }

    @Test
    void lengthLimitsFollowPostgres() {
        assertFalse(FirstPacket.validLength(7));
        assertTrue(FirstPacket.validLength(8));
        assertTrue(FirstPacket.validLength(10000));
        assertFalse(FirstPacket.validLength(10001));
        assertFalse(FirstPacket.validLength(-1));
    }

    @Test
    void fatalErrorResponseHasPostgresFields() {
        byte[] response = Refusal.TOO_MANY_CLIENTS.toErrorResponse();
        assertEquals('E', response[0]);
        assertEquals(response.length - 1, ByteBuffer.wrap(response, 1, 4).getInt());
        String fields = new String(response, 5, response.length - 5, StandardCharsets.UTF_8);
        assertEquals("SFATAL\0VFATAL\0C53300\0Msorry, too many clients already\0\0", fields);
    }
}
