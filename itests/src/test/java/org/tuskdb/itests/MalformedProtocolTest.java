package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Bad protocol bytes end that one session; other sessions and the server go on. */
class MalformedProtocolTest extends SharedServer {

    static byte[] startupPacket() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(196608);
        for (String s : new String[] {"user", "tusk", "database", "postgres", ""}) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            if (!s.isEmpty()) {
                d.write(0);
            }
        }
        d.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        new DataOutputStream(all).writeInt(b.length + 4);
        all.write(b);
        return all.toByteArray();
    }

    /** Reads messages until ReadyForQuery; returns the type of the last message. */
    static void readUntilReady(DataInputStream in) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            int len = in.readInt();
            in.readNBytes(len - 4);
            if (type == 'Z') {
                return;
            }
        }
    }

    /** Sends a StartupMessage on a fresh socket and reads up to ReadyForQuery. */
    static DataInputStream startSession(Socket sock) throws IOException {
        sock.setSoTimeout(20000);
        DataOutputStream out = new DataOutputStream(sock.getOutputStream());
        DataInputStream in = new DataInputStream(sock.getInputStream());
        out.write(startupPacket());
        out.flush();
        readUntilReady(in);
        return in;
    }

    /** Reads until an ErrorResponse or EOF; returns the SQLSTATE, or "EOF". */
    static String readError(DataInputStream in) throws IOException {
        try {
            while (true) {
                int type = in.readUnsignedByte();
                int len = in.readInt();
                byte[] body = in.readNBytes(len - 4);
                if (type == 'E') {
                    String fields = new String(body, StandardCharsets.UTF_8);
                    int c = fields.indexOf("\0C");
                    return fields.substring(c + 2, c + 7);
                }
            }
        } catch (EOFException e) {
            return "EOF";
        }
    }

    void assertServerStillWorks(Connection bystander) throws Exception {
        try (Statement s = bystander.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next(), "an unrelated session goes on");
        }
        try (Connection fresh = server.connect(); Statement s = fresh.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            assertTrue(rs.next(), "new sessions are accepted");
        }
    }

    @Test
    void unknownMessageTypeGetsProtocolViolation() throws Exception {
        try (Connection bystander = server.connect(); Socket sock = new Socket("127.0.0.1", server.port())) {
            DataInputStream in = startSession(sock);
            DataOutputStream out = new DataOutputStream(sock.getOutputStream());
            out.write(new byte[] {'!', 0, 0, 0, 4});
            out.flush();
            assertEquals("08P01", readError(in));
            assertServerStillWorks(bystander);
        }
    }

    @Test
    void absurdMessageLengthEndsTheSession() throws Exception {
        try (Connection bystander = server.connect(); Socket sock = new Socket("127.0.0.1", server.port())) {
            DataInputStream in = startSession(sock);
            DataOutputStream out = new DataOutputStream(sock.getOutputStream());
            out.write(new byte[] {'Q', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            String state = readError(in);
            assertTrue(state.equals("08P01") || state.equals("EOF"), state);
            assertServerStillWorks(bystander);
        }
    }

    @Test
    void clientVanishingMidMessageHurtsNobody() throws Exception {
        try (Connection bystander = server.connect()) {
            for (int i = 0; i < 3; i++) {
                try (Socket sock = new Socket("127.0.0.1", server.port())) {
                    startSession(sock);
                    DataOutputStream out = new DataOutputStream(sock.getOutputStream());
                    out.write(new byte[] {'Q', 0, 0, 0, 100, 'S', 'E', 'L'}); // promises 96 bytes, sends 3
                    out.flush();
                }
            }
            try (Socket sock = new Socket("127.0.0.1", server.port())) {
                byte[] p = startupPacket();
                sock.getOutputStream().write(p, 0, 6); // half a startup packet, then gone
            }
            try (Socket sock = new Socket("127.0.0.1", server.port())) {
                sock.getOutputStream().write(new byte[] {0, 0, 0, 2, 0, 0, 0, 0}); // impossible length
                sock.setSoTimeout(20000);
                try {
                    assertEquals(-1, sock.getInputStream().read(), "the postmaster closes the connection");
                } catch (java.net.SocketException reset) {
                    // closed with our unread bytes still queued: the kernel resets instead of FIN
                }
            }
            assertServerStillWorks(bystander);
        }
    }
}
