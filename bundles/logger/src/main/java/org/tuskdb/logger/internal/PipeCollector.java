package org.tuskdb.logger.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.LongSupplier;

/**
 * The logger's loop: read what the pipe holds, cut it into lines, write them to the current
 * file. Returns at end of input (the channel closed under it by {@link LogCollector}, or in tests
 * the writer side closed); never while the postmaster lives, since it holds the pipe open.
 */
final class PipeCollector {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LineAssembler lines = new LineAssembler();
    private final LogFileWriter writer;
    private final LongSupplier clock;

    PipeCollector(LogFileWriter writer, LongSupplier clock) {
        this.writer = writer;
        this.clock = clock;
    }

    void run(ReadableByteChannel pipe) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024 + 4096);
        while (pipe.read(buffer) >= 0) {
            lines.accept(buffer.array(), buffer.position(), TIMESTAMP.format(Instant.ofEpochMilli(clock.getAsLong())), batch);
            buffer.clear();
            if (batch.size() > 0) {
                writer.write(batch.toByteArray(), 0, batch.size());
                batch.reset();
            }
        }
    }
}
