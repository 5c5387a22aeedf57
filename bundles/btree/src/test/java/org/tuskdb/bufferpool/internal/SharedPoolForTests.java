package org.tuskdb.bufferpool.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The btree bundle's tests use the real shared buffer pool: a "bufferpool" region in a file
 * mapped once per simulated process, each with its own SharedBuffers (as bufferpool's own
 * TwoProcesses does). Lives in the bufferpool's package only to reach its region sizing.
 */
public final class SharedPoolForTests {
    private SharedPoolForTests() {
    }

    /** {@code processes} pools over one freshly initialized region of {@code nbuffers} buffers. */
    public static BufferPool[] create(Arena arena, Path segment, int nbuffers, int processes, RelationStorage storage,
                                      WriteAheadLog wal) throws IOException {
        long size = SharedBuffers.regionSize(nbuffers, processes);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), size - 1);
            BufferPool[] pools = new BufferPool[processes];
            for (int i = 0; i < processes; i++) {
                MemorySegment region = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
                if (i == 0) {
                    SharedBuffers.initialize(region, nbuffers, processes);
                }
                pools[i] = new SharedBuffers(region, storage, () -> wal, i);
            }
            return pools;
        }
    }
}
