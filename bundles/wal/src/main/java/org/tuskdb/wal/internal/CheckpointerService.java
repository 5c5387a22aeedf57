package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.wal.Checkpointer;

/**
 * {@link Checkpointer} in every process, the postmaster included (the shell's tusk:checkpoint):
 * requests go to the checkpointer process through region "wal" (see {@link CheckpointRequests}).
 * The region is looked up per call, as the postmaster re-creates the segment after a crash.
 */
@Component(service = Checkpointer.class)
public final class CheckpointerService implements Checkpointer {
    @Reference
    private SharedMemory sharedMemory;

    private MemorySegment region() {
        try {
            return sharedMemory.region(WalRegion.NAME);
        } catch (RuntimeException e) {
            throw new DatabaseException("55000", "the WAL is not available: " + e.getMessage());
        }
    }

    @Override
    public void requestCheckpoint(boolean wait) {
        CheckpointRequests.request(region(), wait);
    }

    @Override
    public Counts counts() {
        MemorySegment r;
        try {
            r = sharedMemory.region(WalRegion.NAME);
        } catch (RuntimeException e) {
            return new Counts(0, 0, 0, 0);
        }
        return CheckpointRequests.counts(r);
    }
}
