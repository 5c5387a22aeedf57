package org.tuskdb.transam.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One "server incarnation" for tests: a transam region in a file (each {@link #transam} maps it
 * again, like another process attaching the segment) over a data directory whose pg_xact
 * outlives the incarnation. A restart is a new TestServer on the same data directory.
 */
final class TestServer implements AutoCloseable {
    private static int incarnations;

    final Path dataDirectory;
    final TransamLayout layout;
    private final Path file;
    private final Arena arena = Arena.ofShared();
    private final List<Transam> opened = new ArrayList<>();

    TestServer(Path dataDirectory, int procSlots, int clogSlots) throws IOException {
        this.dataDirectory = dataDirectory;
        this.layout = new TransamLayout(procSlots, clogSlots);
        synchronized (TestServer.class) {
            this.file = dataDirectory.resolve("segment-" + (++incarnations));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.truncate(layout.size);
        }
        layout.initialize(map());
    }

    TestServer(Path dataDirectory) throws IOException {
        this(dataDirectory, 8, 8);
    }

    MemorySegment map() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.size, arena);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Transam transam(FakeWal wal) {
        Transam t = new Transam(map(), dataDirectory, wal, true);
        opened.add(t);
        return t;
    }

    /** A process in ProcArray slot {@code slot}, without a lock manager. */
    TransactionManagerImpl process(int slot, FakeWal wal) {
        return new TransactionManagerImpl(transam(wal), slot, () -> null);
    }

    @Override
    public synchronized void close() throws IOException {
        opened.forEach(Transam::close);
        arena.close();
        Files.deleteIfExists(file);
    }
}
