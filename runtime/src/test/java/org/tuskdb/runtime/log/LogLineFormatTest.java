package org.tuskdb.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLineFormatTest {
    /** Records each write() separately. */
    static final class Writes extends OutputStream {
        final List<String> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte writes break atomicity");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void prefixHasUtcTimePidRoleLevelLogger() {
        // 2026-11-25 10:58:00.123 UTC
        long millis = java.time.Instant.parse("2026-11-25T10:58:00.123Z").toEpochMilli();
        assertEquals("2026-11-25 10:58:00.123 UTC [4711] backend INFO org.tuskdb.X: ",
                LogLineFormat.prefix(millis, 4711, "backend", "INFO", "org.tuskdb.X"));
        assertEquals("2026-01-02 03:04:05.006 UTC [1] logger WARN l: ",
                LogLineFormat.prefix(java.time.Instant.parse("2026-01-02T03:04:05.006Z").toEpochMilli(), 1,
                        "logger", "WARN", "l"));
    }

    @Test
    void everyStackTraceLineCarriesThePrefix() {
        List<String> lines = LogLineFormat.lines("P: ", "two\nlines", new IllegalStateException("boom"));
        assertTrue(lines.size() > 3);
        for (String line : lines) {
            assertTrue(line.startsWith("P: ") && line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, line);
        }
        assertEquals("P: two\n", lines.get(0));
        assertEquals("P: java.lang.IllegalStateException: boom\n", lines.get(2));
    }

    @Test
    void recordThatFitsPipeBufIsOneWrite() {
        Writes out = new Writes();
        new LogSink(out).write("P: ", LogLineFormat.lines("P: ", "a\nb\nc", null));
        assertEquals(List.of("P: a\nP: b\nP: c\n"), out.writes);
    }

    @Test
    void largerRecordIsWrittenLineByLineEachAtMostPipeBuf() {
        Writes out = new Writes();
        String prefix = "2026-11-25 10:58:00.123 UTC [1] backend INFO x: ";
        String huge = "é".repeat(10_000);
        new LogSink(out).write(prefix, LogLineFormat.lines(prefix, "short\n" + huge, null));
        assertEquals(prefix + "short\n", out.writes.get(0));
        StringBuilder rebuilt = new StringBuilder();
        for (String w : out.writes.subList(1, out.writes.size())) {
            assertTrue(w.getBytes(StandardCharsets.UTF_8).length <= LogSink.PIPE_BUF);
            assertTrue(w.startsWith(prefix) && w.endsWith("\n"));
            rebuilt.append(w, prefix.length(), w.length() - 1);
        }
        assertEquals(huge, rebuilt.toString());
    }

    @Test
    void loggerDropsRecordsBelowThresholdAndFormatsArguments() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TuskLogger logger = new TuskLogger("t", new LogSink(bytes), new LogOrigin(9), Level.INFO);
        logger.debug("hidden");
        logger.info("x={} y={}", 1, "two");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("] launcher INFO t: x=1 y=two\n") || text.contains(" INFO t: x=1 y=two\n"), text);
        assertTrue(!text.contains("hidden"));
    }

    @Test
    void postgresLevelNamesMapToSlf4jThresholds() {
        assertEquals(Level.WARN, LogLevels.threshold("warning"));
        assertEquals(Level.DEBUG, LogLevels.threshold("debug1"));
        assertEquals(Level.ERROR, LogLevels.threshold("FATAL"));
        assertEquals(Level.INFO, LogLevels.threshold(null));
    }
}
