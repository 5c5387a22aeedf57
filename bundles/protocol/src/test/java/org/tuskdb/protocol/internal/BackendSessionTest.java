package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.protocol.internal.TestClient.assertError;
import static org.tuskdb.protocol.internal.TestClient.bind;
import static org.tuskdb.protocol.internal.TestClient.describe;
import static org.tuskdb.protocol.internal.TestClient.execute;
import static org.tuskdb.protocol.internal.TestClient.frame;
import static org.tuskdb.protocol.internal.TestClient.parse;
import static org.tuskdb.protocol.internal.TestClient.payload;
import static org.tuskdb.protocol.internal.TestClient.sync;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.protocol.internal.TestClient.Msg;

class BackendSessionTest {
    private final Backend backend;

    BackendSessionTest() throws Exception {
        backend = new Backend();
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
    }

    @Test
    void startupAnswersAuthenticationParametersKeyAndReady() throws Exception {
        try (TestClient c = backend.connect(Map.of("user", "alice", "application_name", "psql",
                "options", "-c search_path=x --work-mem=8MB", "DateStyle", "ISO"))) {
            List<Msg> m = c.readUntil('Z');
            assertEquals("RSSSKZ", m.stream().map(x -> String.valueOf(x.type())).reduce("", String::concat));
            assertEquals(0, ByteBuffer.wrap(m.get(0).body()).getInt());
            assertEquals(List.of("server_version", "15.0"), m.get(1).strings());
            assertEquals(List.of("application_name", "psql"), m.get(3).strings());
            ByteBuffer key = ByteBuffer.wrap(m.get(4).body());
            assertEquals((int) Backend.PID, key.getInt());
            assertEquals(Backend.CANCEL_KEY, key.getInt());
            assertEquals("I", new String(m.get(5).body()));
            var startup = backend.lastSession().startup;
            assertEquals("alice", startup.user());
            assertEquals("alice", startup.database(), "database defaults to the user");
            assertEquals(Map.of("search_path", "x", "work_mem", "8MB", "application_name", "psql", "DateStyle", "ISO"),
                    startup.parameters());
            assertEquals(Backend.PID, startup.backendPid());
            assertTrue(backend.procs.slot.snapshot().containsAll(List.of("begin:alice:alice:psql", "idle")));
        }
    }

    @Test
    void simpleQueryReturnsRowsThenReadyForQuery() throws Exception {
        try (TestClient c = backend.session()) {
            c.query("select 1");
            List<Msg> m = c.readUntil('Z');
            assertEquals("TDCZ", types(m));
            assertEquals(List.of("1"), m.get(1).values());
            assertEquals(List.of("SELECT 1"), m.get(2).strings());
            c.query("");
            assertEquals("IZ", c.typesUntilReady());
            c.query("begin");
            List<Msg> begin = c.readUntil('Z');
            assertEquals("T", new String(begin.getLast().body()));
            c.query("notice");
            List<Msg> notice = c.readUntil('Z');
            assertEquals("NCZ", types(notice));
            assertEquals("NOTICE", notice.getFirst().fields().get('S'));
            c.query("set app");
            assertEquals(List.of("application_name", "renamed"), c.readUntil('Z').getFirst().strings());
            assertTrue(backend.procs.slot.snapshot().contains("app:renamed"));
        }
    }

    @Test
    void errorInSimpleQueryKeepsTheSession() throws Exception {
        try (TestClient c = backend.session()) {
            c.query("begin");
            c.readUntil('Z');
            c.query("fail");
            List<Msg> m = c.readUntil('Z');
            assertEquals("EZ", types(m));
            assertError(m.getFirst(), "ERROR", "42601", "syntax error at or near \"fail\"");
            assertEquals("1", m.getFirst().fields().get('P'));
            assertEquals("E", new String(m.get(1).body()), "failed transaction block");
            c.query("bug");
            List<Msg> bug = c.readUntil('Z');
            assertError(bug.getFirst(), "ERROR", "XX000", "engine bug");
            c.query("commit");
            assertEquals("CZ", c.typesUntilReady());
        }
    }

    @Test
    void extendedProtocolRunsParseBindDescribeExecuteSync() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(parse("s1", "select $1", 23), describe('S', "s1"), bind("p1", "s1", "42"), describe('P', "p1"),
                    execute("p1", 2), execute("p1", 0), TestClient.close('P', "p1"), TestClient.close('S', "s1"), sync());
            List<Msg> m = c.readUntil('Z');
            assertEquals("1tT2TDDsDC33Z", types(m));
            assertEquals(java.util.Arrays.asList("1", null), m.get(5).values());
            assertEquals(List.of("SELECT 3"), m.get(9).strings());
            assertEquals(List.of("parse:s1:select $1:1", "describeStatement:s1", "bind:p1:s1:1:42", "describePortal:p1",
                    "execute:p1:2", "execute:p1:0", "closePortal:p1", "closeStatement:s1", "sync"),
                    backend.lastSession().calls);
            c.send(parse("", "set x", new int[0]), bind("", ""), describe('P', ""), execute("", 0), sync());
            assertEquals("12nCZ", c.typesUntilReady());
            c.send(parse("", ""), bind("", ""), execute("", 0), sync());
            assertEquals("12IZ", c.typesUntilReady());
        }
    }

    @Test
    void flushSendsWhatIsBufferedWithoutSync() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(parse("s", "select 1"), TestClient.flush());
            assertEquals('1', c.read().type());
            c.send(sync());
            assertEquals("Z", c.typesUntilReady());
        }
    }

    @Test
    void errorInExtendedModeDiscardsMessagesUntilSync() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(parse("bad", "fail"), bind("", "bad"), execute("", 0), frame('Q', payload().str("select 1").bytes()),
                    sync());
            List<Msg> m = c.readUntil('Z');
            assertEquals("EZ", types(m));
            assertError(m.getFirst(), "ERROR", "42601", null);
            assertEquals(List.of("parse:bad:fail:0", "sync"), backend.lastSession().calls);
            c.query("select 1");
            assertEquals("TDCZ", c.typesUntilReady(), "normal again after Sync");
        }
    }

    @Test
    void terminateEndsTheSessionCleanlyAndTheBackendServesTheNext() throws Exception {
        TestClient first = backend.session();
        first.send(parse("keep", "select 1"), sync());
        first.readUntil('Z');
        // A Terminate followed, in the same write, by bytes that must never reach the next session.
        first.send(TestClient.terminate(), frame('Q', payload().str("select 1").bytes()));
        assertNull(first.read(), "connection closed");
        first.close();
        backend.awaitIdle(2);
        assertFalse(backend.exited());
        FakeEngine.FakeSession s1 = backend.lastSession();
        assertTrue(s1.closed);
        assertEquals("close", s1.calls.getLast());

        try (TestClient second = backend.session()) {
            FakeEngine.FakeSession s2 = backend.lastSession();
            assertTrue(s2 != s1);
            second.send(bind("", "keep"), sync());
            List<Msg> m = second.readUntil('Z');
            assertError(m.getFirst(), "ERROR", "26000", null);
            assertEquals(List.of("sync"), s2.calls, "no bytes of the first client were read into the second session");
        }
        backend.awaitIdle(3);
        List<String> slot = backend.procs.slot.snapshot();
        assertEquals(2, slot.stream().filter("end"::equals).count(), "endSession once per session");
    }

    @Test
    void endOfStreamBetweenMessagesIsANormalEnd() throws Exception {
        TestClient c = backend.session();
        c.close();
        backend.awaitIdle(2);
        assertFalse(backend.exited());
        assertTrue(backend.lastSession().closed);
    }

    @Test
    void backendExitsAfterBackendMaxSessions() throws Exception {
        backend.settings.maxSessions = "2";
        for (int i = 0; i < 2; i++) {
            try (TestClient c = backend.session()) {
                c.send(TestClient.terminate());
                assertNull(c.read());
            }
        }
        assertEquals(0, backend.exitStatus());
        assertEquals(2, backend.loop.sessionsServed());
    }

    @Test
    void backendsExitAtSessionCountsSpreadOverTheLastQuarterOfTheLimit() {
        assertEquals(2, BackendLoop.sessionLimit(2, 77), "small limits are exact");
        java.util.Set<Long> limits = new java.util.HashSet<>();
        for (long pid = 1000; pid < 1100; pid++) {
            long limit = BackendLoop.sessionLimit(100_000, pid);
            assertTrue(limit > 75_000 - 1 && limit <= 100_000, "limit " + limit);
            limits.add(limit);
        }
        assertTrue(limits.size() > 90, "consecutive pids must get different limits: " + limits.size());
    }

    @Test
    void unknownMessageTypeIsFatalAndTheBackendExits() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(new byte[] {0, 0, 0, 0, 4});
            List<Msg> m = c.readToEnd();
            assertEquals(1, m.size());
            assertError(m.getFirst(), "FATAL", "08P01", "invalid frontend message type 0");
        }
        assertEquals(1, backend.exitStatus());
        assertTrue(backend.lastSession().closed);
    }

    @Test
    void badLengthsAreFatal() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(payload().int8('Q').int32(3).bytes());
            assertError(c.readToEnd().getFirst(), "FATAL", "08P01", "invalid message length");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void oversizedSmallMessageIsFatal() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(payload().int8('S').int32(20_000).bytes());
            assertError(c.readToEnd().getFirst(), "FATAL", "08P01", "invalid message length");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void truncatedMessageBodyIsFatal() throws Exception {
        try (TestClient c = backend.session()) {
            // A Bind whose parameter length runs past the end of the message.
            c.send(frame('B', payload().str("").str("").int16(0).int16(1).int32(100).raw(new byte[3]).bytes()));
            assertError(c.readToEnd().getFirst(), "FATAL", "08P01", "invalid message format");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void endOfStreamInsideAMessageEndsWithoutReuse() throws Exception {
        TestClient c = backend.session();
        c.send(payload().int8('Q').int32(100).raw("sel".getBytes()).bytes());
        c.close();
        assertEquals(0, backend.exitStatus());
        assertTrue(backend.lastSession().closed);
    }

    @Test
    void invalidUtf8InAQueryIsFatal() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(frame('Q', payload().raw(new byte[] {'s', (byte) 0xff, 'x'}).int8(0).bytes()));
            Msg m = c.readToEnd().getFirst();
            assertError(m, "FATAL", "08P01", "invalid message format");
            assertEquals("invalid byte sequence for encoding \"UTF8\": 0xff 0x78", m.fields().get('D'));
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void startupWithoutUserIsFatal() throws Exception {
        try (TestClient c = backend.connect(Map.of("database", "db"))) {
            List<Msg> m = c.readToEnd();
            assertEquals(1, m.size());
            assertError(m.getFirst(), "FATAL", "28000", "no PostgreSQL user name specified in startup packet");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void unsupportedProtocolVersionIsFatal() throws Exception {
        try (TestClient c = backend.connect(TestClient.startupPacket(2 << 16, Map.of("user", "a")))) {
            assertError(c.readToEnd().getFirst(), "FATAL", "0A000",
                    "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void newerMinorVersionIsNegotiatedDown() throws Exception {
        try (TestClient c = backend.connect(TestClient.startupPacket((3 << 16) | 2,
                Map.of("user", "a", "_pq_.compression", "on")))) {
            List<Msg> m = c.readUntil('Z');
            assertEquals('v', m.getFirst().type());
            ByteBuffer b = ByteBuffer.wrap(m.getFirst().body());
            assertEquals(3 << 16, b.getInt());
            assertEquals(1, b.getInt());
            assertEquals('R', m.get(1).type());
        }
    }

    @Test
    void openSessionFailureIsFatal() throws Exception {
        backend.engine.openFailure = DatabaseException.error("3D000", "database \"nope\" does not exist");
        try (TestClient c = backend.connect()) {
            List<Msg> m = c.readToEnd();
            assertEquals(1, m.size());
            assertError(m.getFirst(), "FATAL", "3D000", "database \"nope\" does not exist");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void engineFatalEndsTheSession() throws Exception {
        try (TestClient c = backend.session()) {
            c.query("fatal");
            assertError(c.readToEnd().getFirst(), "FATAL", "3D000", "gone");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void functionCallIsNotSupported() throws Exception {
        try (TestClient c = backend.session()) {
            c.send(frame('F', payload().int32(1).int16(0).int16(0).int16(0).bytes()));
            List<Msg> m = c.readUntil('Z');
            assertError(m.getFirst(), "ERROR", "0A000", "fastpath function calls are not supported");
            c.send(frame('d', new byte[] {1, 2}), frame('c', new byte[0]));
            c.query("select 1");
            assertEquals("TDCZ", c.typesUntilReady(), "COPY messages outside COPY are ignored");
        }
    }

    @Test
    void activityIsReportedToTheProcSlot() throws Exception {
        try (TestClient c = backend.session()) {
            c.query("begin");
            c.readUntil('Z');
            c.query("fail");
            c.readUntil('Z');
            c.send(parse("", "select 2"), bind("", ""), execute("", 0), sync());
            c.readUntil('Z');
            c.query("commit");
            c.readUntil('Z');
        }
        backend.awaitIdle(2);
        assertEquals(List.of("begin:db:alice:test", "idle",
                "active:begin", "xact:start", "idle in transaction",
                "active:fail", "idle in transaction (aborted)",
                "active:select 2", "idle in transaction (aborted)",
                "active:commit", "idle", "xact:none",
                "end"), backend.procs.slot.snapshot());
    }

    @Test
    void reloadRequestIsHandledBeforeTheNextCommand() throws Exception {
        try (TestClient c = backend.session()) {
            backend.interrupts.requestReload();
            assertEquals(0, backend.settings.reloads.get());
            c.query("select 1");
            c.readUntil('Z');
            assertEquals(1, backend.settings.reloads.get());
        }
    }

    @Test
    void largeQueryAndLargeResultCrossTheBufferSize() throws Exception {
        try (TestClient c = backend.session()) {
            String big = "x".repeat(200_000);
            c.send(parse("big", "select " + big), sync());
            assertEquals("1Z", c.typesUntilReady());
            assertEquals("parse:big:select " + big + ":0", backend.lastSession().calls.getFirst());
        }
    }

    private static String types(List<Msg> messages) {
        StringBuilder b = new StringBuilder();
        messages.forEach(m -> b.append(m.type()));
        return b.toString();
    }
}
