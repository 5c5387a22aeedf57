package org.tuskdb.shmem.sync;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Two mappings of one file, standing for two processes that attach the same segment. */
final class SyncTestSegments implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final MemorySegment first;
    final MemorySegment second;

    SyncTestSegments(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            first = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
            second = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
        }
    }

    MemorySegment mapping(int i) {
        return i % 2 == 0 ? first : second;
    }

    @Override
    public void close() {
        arena.close();
    }
}
