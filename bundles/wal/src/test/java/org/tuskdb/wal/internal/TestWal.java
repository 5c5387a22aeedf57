package org.tuskdb.wal.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tuskdb.api.wal.CheckpointParticipant;

/**
 * A WAL over a real shared mapping of a file (as the segment is), in a temp directory: the
 * region, an engine per "process" (each with its own WalFiles), and the data directory.
 */
final class TestWal implements AutoCloseable {
    final Path data;
    final Arena arena = Arena.ofShared();
    final MemorySegment region;
    volatile WalSettings settings;
    private final List<WalEngine> engines = new ArrayList<>();

    TestWal(Path data, int ringPages, WalSettings settings) throws IOException {
        this.data = data;
        this.settings = settings;
        Path file = data.resolve("segment.shm");
        Files.createDirectories(data);
        long size = WalRegion.size(ringPages);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
            region = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        }
        WalRegion.initialize(region, ringPages);
    }

    static WalSettings fast() {
        return WalSettings.DEFAULT.withFsync(false);
    }

    /** A new engine, as a new process attaching would have. */
    WalEngine engine(int slot) {
        WalEngine e = new WalEngine(region, new WalFiles(data.resolve("pg_wal")), () -> settings, slot,
                (message, cause) -> { throw new AssertionError(message, cause); });
        engines.add(e);
        return e;
    }

    /** Runs recovery (or bootstrap) as the startup process would. */
    Recovery.Outcome recover(WalEngine engine, List<CheckpointParticipant> participants,
                             java.util.function.IntFunction<org.tuskdb.api.wal.ResourceManager> rmgrs,
                             Fakes.Pool pool, Fakes.Storage storage) throws IOException {
        Supplier<List<CheckpointParticipant>> ps = () -> participants;
        return new Recovery(data, engine, ps, rmgrs, () -> pool, () -> storage).run();
    }

    /** A crash: a fresh region (the postmaster re-creates the segment), same files. */
    TestWal crash() throws IOException {
        int pages = (int) (WalRegion.ringSize(region) / WalRegion.PAGE);
        close();
        return new TestWal(data, pages, settings);
    }

    WalReader reader(long start) {
        return new WalReader(new WalFiles(data.resolve("pg_wal")), start);
    }

    @Override
    public void close() {
        for (WalEngine e : engines) {
            try {
                e.files().close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        engines.clear();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
