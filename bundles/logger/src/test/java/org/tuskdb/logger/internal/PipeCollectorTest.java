package org.tuskdb.logger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeCollectorTest {
    @TempDir
    Path data;

    /** Through a real FIFO, as in the server: two writers, one reader, then end of input. */
    @Test
    void linesFromAFifoReachTheLogFileWholeAndPrefixed() throws Exception {
        Path fifo = data.resolve(".pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        long now = java.time.Instant.parse("2026-11-18T08:26:40Z").toEpochMilli();
        LogFileWriter writer = new LogFileWriter(data.resolve("log"), null, () -> now, () -> Rotation.DEFAULT);
        String standard = "2026-11-25 10:58:00.123 UTC [1] backend INFO x: from slf4j\n";
        Thread producer = new Thread(() -> {
            try (OutputStream a = Files.newOutputStream(fifo, StandardOpenOption.WRITE);
                 OutputStream b = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                a.write(standard.getBytes(StandardCharsets.UTF_8));
                b.write("raw jvm output\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        producer.start();
        try (FileChannel in = FileChannel.open(fifo, StandardOpenOption.READ)) {
            new PipeCollector(writer, () -> now).run(in);
        }
        producer.join();
        writer.close();
        List<String> lines = Files.readAllLines(writer.currentFile());
        assertEquals(List.of(standard.strip(), "2026-11-18 08:26:40.000 UTC [unknown] stderr LOG jvm: raw jvm output"),
                lines);
    }
}
