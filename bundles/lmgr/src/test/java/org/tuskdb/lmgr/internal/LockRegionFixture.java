package org.tuskdb.lmgr.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A "locks" region in a file mapped twice, standing for the segment as two processes map it.
 * Each {@link ProcessLockManager} made here is a process with its own slot (pid 1000 + slot),
 * on mapping slot % 2.
 */
final class LockRegionFixture implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment first;
    private final MemorySegment second;

    LockRegionFixture(Path file, int procSlots, int maxLocksPerTransaction) throws IOException {
        LockRegionLayout layout = LockRegionLayout.forSettings(procSlots, maxLocksPerTransaction);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.truncate(layout.size);
            channel.write(java.nio.ByteBuffer.allocate(1), layout.size - 1);
            first = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.size, arena);
            second = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.size, arena);
        }
        layout.initialize(first);
    }

    MemorySegment mapping(int slot) {
        return slot % 2 == 0 ? first : second;
    }

    ProcessLockManager process(int slot, long deadlockTimeoutMillis) {
        return new ProcessLockManager(mapping(slot), slot, pid(slot), () -> deadlockTimeoutMillis);
    }

    static long pid(int slot) {
        return 1000 + slot;
    }

    /** {lock entries, proc-locks} in use in the shared table. */
    int[] inUse() {
        return new LockTable(first).entriesInUse();
    }

    @Override
    public void close() {
        arena.close();
    }
}
