package org.tuskdb.bufferpool.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.wal.WriteAheadLog;

/**
 * A "bufferpool" region in a file mapped twice: two processes, each with its own SharedBuffers
 * (private refcounts, page slices) over the same shared state, and one storage over real files.
 */
final class TwoProcesses implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final FileStorage storage;
    final RecordingWal wal = new RecordingWal(events);
    final MemorySegment firstRegion;
    final SharedBuffers first;
    final SharedBuffers second;

    TwoProcesses(Path dir, int nbuffers, boolean withWal) throws IOException {
        storage = new FileStorage(dir.resolve("data"), events);
        long size = SharedBuffers.regionSize(nbuffers, 4);
        try (FileChannel ch = FileChannel.open(dir.resolve("segment"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), size - 1);
            firstRegion = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            SharedBuffers.initialize(firstRegion, nbuffers, 4);
            MemorySegment secondRegion = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            WriteAheadLog log = withWal ? wal : null;
            first = new SharedBuffers(firstRegion, storage, () -> log, 0);
            second = new SharedBuffers(secondRegion, storage, () -> log, 1);
        }
    }

    SharedBuffers process(int i) {
        return i % 2 == 0 ? first : second;
    }

    @Override
    public void close() {
        arena.close();
    }
}
