package org.tuskdb.logger.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts the bytes read from the log pipe into lines and gives each line the standard prefix when
 * it lacks one.
 *
 * <p>Lines from Tusk's SLF4J provider arrive whole (each was one write of at most PIPE_BUF bytes)
 * and start with {@code yyyy-MM-dd HH:mm:ss.SSS UTC [pid] }; they pass through untouched. Anything
 * else is raw output of some JVM (a crash report, an uncaught exception, a library printing to
 * System.out): it gets {@code <now> UTC [unknown] stderr LOG jvm: } so that every line of the log
 * files has the same shape. A read may end in the middle of a line; the rest is kept until the
 * next read. A "line" without a newline longer than {@link #MAX_PENDING} is cut there.
 */
final class LineAssembler {
    static final int MAX_PENDING = 64 * 1024;
    private static final byte[] RAW_TAIL = " [unknown] stderr LOG jvm: ".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /**
     * Appends the complete lines in {@code bytes[0, length)} (with pending bytes before them) to
     * {@code out}, prefixed where needed.
     *
     * @param timestamp the {@code yyyy-MM-dd HH:mm:ss.SSS UTC} text for raw lines
     */
    void accept(byte[] bytes, int length, String timestamp, ByteArrayOutputStream out) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                if (pending.size() > 0) {
                    pending.write(bytes, start, i - start);
                    byte[] line = pending.toByteArray();
                    pending.reset();
                    emit(line, 0, line.length, timestamp, out);
                } else {
                    emit(bytes, start, i - start, timestamp, out);
                }
                start = i + 1;
            }
        }
        pending.write(bytes, start, length - start);
        if (pending.size() > MAX_PENDING) {
            byte[] line = pending.toByteArray();
            pending.reset();
            emit(line, 0, line.length, timestamp, out);
        }
    }

    private static void emit(byte[] b, int off, int len, String timestamp, ByteArrayOutputStream out) {
        if (!hasStandardPrefix(b, off, len)) {
            out.writeBytes(timestamp.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(RAW_TAIL);
        }
        out.write(b, off, len);
        out.write('\n');
    }

    /** {@code dddd-dd-dd dd:dd:dd.ddd UTC [} followed by a digit. */
    static boolean hasStandardPrefix(byte[] b, int off, int len) {
        String shape = "dddd-dd-dd dd:dd:dd.ddd UTC [d";
        if (len < shape.length()) {
            return false;
        }
        for (int i = 0; i < shape.length(); i++) {
            char want = shape.charAt(i);
            byte got = b[off + i];
            if (want == 'd' ? got < '0' || got > '9' : got != want) {
                return false;
            }
        }
        return true;
    }
}
