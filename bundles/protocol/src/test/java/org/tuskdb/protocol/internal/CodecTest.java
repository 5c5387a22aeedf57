package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.ColumnDescription;

class CodecTest {
    /** A writer whose output is collected, each write recorded. */
    private static final class Collected {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        final ClientWriter writer = new ClientWriter();

        Collected() {
            writer.reset(b -> {
                byte[] chunk = b.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                writes.add(chunk.length);
                bytes.writeBytes(chunk);
            }, () -> { });
        }

        List<TestClient.Msg> messages() {
            List<TestClient.Msg> out = new ArrayList<>();
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
            while (b.hasRemaining()) {
                char type = (char) b.get();
                byte[] body = new byte[b.getInt() - 4];
                b.get(body);
                out.add(new TestClient.Msg(type, body));
            }
            return out;
        }
    }

    @Test
    void messagesWaitInTheBufferUntilFlush() {
        Collected c = new Collected();
        c.writer.rowDescription(List.of(new ColumnDescription("a", 0, (short) 0, 23, (short) 4, -1, (short) 0)));
        c.writer.dataRow(new byte[][] {"7".getBytes(), null});
        c.writer.commandComplete("SELECT 1");
        c.writer.readyForQuery('I');
        assertEquals(List.of(), c.writes);
        c.writer.flush();
        assertEquals(1, c.writes.size(), "one write for the whole response");
        List<TestClient.Msg> m = c.messages();
        assertEquals(4, m.size());
        assertEquals(java.util.Arrays.asList("7", null), m.get(1).values());
        ByteBuffer rd = ByteBuffer.wrap(m.get(0).body());
        assertEquals(1, rd.getShort());
        assertEquals('a', rd.get());
        assertEquals(0, rd.get());
        assertEquals(0, rd.getInt());
        assertEquals(0, rd.getShort());
        assertEquals(23, rd.getInt());
        assertEquals(4, rd.getShort());
        assertEquals(-1, rd.getInt());
        assertEquals(0, rd.getShort());
    }

    @Test
    void aFullBufferWritesCompleteMessagesAndGrowsForAHugeOne() {
        Collected c = new Collected();
        byte[] value = new byte[1000];
        for (int i = 0; i < 200; i++) {
            c.writer.dataRow(new byte[][] {value});
        }
        assertTrue(c.writes.size() >= 2, "flushed when full: " + c.writes);
        byte[] huge = new byte[300_000];
        huge[299_999] = 9;
        c.writer.dataRow(new byte[][] {huge});
        c.writer.commandComplete("SELECT 201");
        c.writer.flush();
        List<TestClient.Msg> m = c.messages();
        assertEquals(202, m.size());
        for (int i = 0; i < 200; i++) {
            assertEquals(2 + 4 + 1000, m.get(i).body().length, "message " + i + " intact");
        }
        assertEquals(9, m.get(200).body()[2 + 4 + 299_999]);
        assertEquals(List.of("SELECT 201"), m.get(201).strings());
    }

    @Test
    void errorResponseCarriesPostgresFields() {
        Collected c = new Collected();
        c.writer.errorOrNotice(DatabaseException.atPosition("42601", "syntax error at or near \"x\"", 8)
                .withDetail("d").withHint("h"));
        c.writer.errorOrNotice(new DatabaseException(DatabaseException.Severity.WARNING, "01000", "w", null, null, 0, null));
        c.writer.flush();
        List<TestClient.Msg> m = c.messages();
        assertEquals('E', m.get(0).type());
        Map<Character, String> expected = new LinkedHashMap<>();
        expected.put('S', "ERROR");
        expected.put('V', "ERROR");
        expected.put('C', "42601");
        expected.put('M', "syntax error at or near \"x\"");
        expected.put('D', "d");
        expected.put('H', "h");
        expected.put('P', "8");
        assertEquals(expected, m.get(0).fields());
        assertEquals('N', m.get(1).type());
        assertEquals("WARNING", m.get(1).fields().get('S'));
    }

    @Test
    void aFailedWriteBreaksTheWriterOnce() {
        ClientWriter w = new ClientWriter();
        int[] broken = {0};
        w.reset(b -> {
            throw new java.io.IOException("EPIPE");
        }, () -> broken[0]++);
        w.commandComplete("x");
        w.flush();
        w.commandComplete("y");
        w.flush();
        assertTrue(w.broken());
        assertEquals(1, broken[0]);
        assertEquals(0, w.pending());
    }

    @Test
    void startupPacketSplitsOptionsAndDefaultsTheDatabase() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "bob");
        p.put("options", "-c geqo=off -cwork_mem=1MB --search-path=a\\ b  -c statement_timeout=5s");
        p.put("work_mem", "2MB");
        p.put("application_name", "x");
        StartupPacket s = StartupPacket.parse(TestClient.startupPacket(p));
        assertEquals("bob", s.user());
        assertEquals("bob", s.database());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("geqo", "off");
        expected.put("work_mem", "2MB");
        expected.put("search_path", "a b");
        expected.put("statement_timeout", "5s");
        expected.put("application_name", "x");
        assertEquals(expected, s.parameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(s.parameters().keySet()));
    }

    @Test
    void badStartupOptionsAreFatal() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> StartupPacket.parseOptions("-B 100"));
        assertEquals("42601", e.sqlState());
        assertEquals(DatabaseException.Severity.FATAL, e.severity());
        assertEquals("-c geqo requires a value",
                assertThrows(DatabaseException.class, () -> StartupPacket.parseOptions("-c geqo")).getMessage());
    }

    @Test
    void malformedStartupPacketsAreFatal() {
        byte[] good = TestClient.startupPacket(Map.of("user", "u"));
        byte[] noTerminator = java.util.Arrays.copyOf(good, good.length);
        noTerminator[noTerminator.length - 1] = 'x';
        assertEquals("08P01", assertThrows(DatabaseException.class, () -> StartupPacket.parse(noTerminator)).sqlState());
        byte[] wrongLength = java.util.Arrays.copyOf(good, good.length);
        wrongLength[3]++;
        assertEquals("08P01", assertThrows(DatabaseException.class, () -> StartupPacket.parse(wrongLength)).sqlState());
        assertEquals("0A000", assertThrows(DatabaseException.class,
                () -> StartupPacket.parse(TestClient.startupPacket(Map.of("user", "u", "replication", "true")))).sqlState());
    }

    @Test
    void messageBufferChecksEveryRead() {
        MessageBuffer b = new MessageBuffer(ByteBuffer.wrap(new byte[] {'a', 'b', 0, 0, 1}));
        assertEquals("ab", b.cString());
        assertThrows(DatabaseException.class, b::int32);
        assertEquals(1, b.int16());
        b.end();
        MessageBuffer unterminated = new MessageBuffer(ByteBuffer.wrap(new byte[] {'a'}));
        assertEquals("invalid string in message", assertThrows(DatabaseException.class, unterminated::cString).getMessage());
        MessageBuffer trailing = new MessageBuffer(ByteBuffer.wrap(new byte[] {0, 9}));
        trailing.cString();
        assertThrows(DatabaseException.class, trailing::end);
        MessageBuffer utf8 = new MessageBuffer(ByteBuffer.wrap(new byte[] {(byte) 0xc3, (byte) 0xa9, 0}));
        assertEquals("é", utf8.cString());
        MessageBuffer counted = new MessageBuffer(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff}));
        assertThrows(DatabaseException.class, () -> counted.count16(4));
        assertArrayEquals(new byte[0], new MessageBuffer(ByteBuffer.wrap(new byte[0])).bytes(0));
    }
}
