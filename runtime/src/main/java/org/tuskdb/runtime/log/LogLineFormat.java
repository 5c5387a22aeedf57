package org.tuskdb.runtime.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line format every Tusk process logs in, and that the logger role expects:
 * {@code 2026-11-25 10:58:00.123 UTC [4711] backend INFO org.tuskdb.x.Y: message}.
 *
 * <p>Every physical line of a record carries the full prefix, stack-trace lines included. Lines
 * from many processes meet in one pipe, and a reader can only tell whose a line is if the line
 * itself says so; a continuation line without a prefix could belong to anyone.
 */
public final class LogLineFormat {
    private LogLineFormat() {
    }

    /** {@code 2026-11-25 10:58:00.123 UTC [pid] role LEVEL logger: } */
    public static String prefix(long epochMillis, long pid, String role, String level, String loggerName) {
        StringBuilder b = new StringBuilder(96);
        appendTimestamp(b, epochMillis);
        b.append(" [").append(pid).append("] ").append(role).append(' ').append(level).append(' ')
                .append(loggerName).append(": ");
        return b.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS UTC}, hand-formatted: DateTimeFormatter costs a worker's start time. */
    public static void appendTimestamp(StringBuilder b, long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        b.append(t.getYear()).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, (int) Math.floorMod(epochMillis, 1000), 3).append(" UTC");
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /**
     * The physical lines of one record: the message's lines, then the throwable's stack trace,
     * each with the prefix and a newline.
     */
    public static List<String> lines(String prefix, String message, Throwable thrown) {
        List<String> out = new ArrayList<>(4);
        addLines(out, prefix, message == null ? "null" : message);
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            addLines(out, prefix, trace.toString());
        }
        return out;
    }

    private static void addLines(List<String> out, String prefix, String text) {
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(prefix + text.substring(start, stop) + '\n');
            start = end + 1;
        }
        if (length == 0) {
            out.add(prefix + '\n');
        }
    }
}
