package org.tuskdb.bufferpool.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The buffer pool in every worker process. Also registered under its own (private) class so the
 * bgwriter and the checkpoint participant of this bundle reach the internals they need.
 * The WAL is optional and dynamic: absent, every page counts as WAL-flushed.
 */
@Component(service = {BufferPool.class, BufferPoolService.class})
public final class BufferPoolService implements BufferPool {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile WriteAheadLog wal;

    private final SharedBuffers buffers;

    @Activate
    public BufferPoolService(
            @Reference(name = "process",
                    target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
            ProcessContext process,
            @Reference(name = "sharedMemory") SharedMemory sharedMemory,
            @Reference(name = "storage") RelationStorage storage) {
        MemorySegment region = sharedMemory.region(BufferPoolLayout.REGION_NAME);
        this.buffers = new SharedBuffers(region, storage, () -> wal, process.slot());
    }

    SharedBuffers buffers() {
        return buffers;
    }

    @Override
    public int read(BlockReference block) {
        return buffers.read(block);
    }

    @Override
    public int readZeroed(BlockReference block) {
        return buffers.readZeroed(block);
    }

    @Override
    public int extend(RelFileLocator rel, ForkNumber fork) {
        return buffers.extend(rel, fork);
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        return buffers.blockCount(rel, fork);
    }

    @Override
    public MemorySegment page(int buffer) {
        return buffers.page(buffer);
    }

    @Override
    public BlockReference blockOf(int buffer) {
        return buffers.blockOf(buffer);
    }

    @Override
    public void lockShared(int buffer) {
        buffers.lockShared(buffer);
    }

    @Override
    public void lockExclusive(int buffer) {
        buffers.lockExclusive(buffer);
    }

    @Override
    public boolean tryLockExclusive(int buffer) {
        return buffers.tryLockExclusive(buffer);
    }

    @Override
    public void unlock(int buffer) {
        buffers.unlock(buffer);
    }

    @Override
    public void markDirty(int buffer) {
        buffers.markDirty(buffer);
    }

    @Override
    public void markDirtyHint(int buffer) {
        buffers.markDirtyHint(buffer);
    }

    @Override
    public void release(int buffer) {
        buffers.release(buffer);
    }

    @Override
    public void unlockAndRelease(int buffer) {
        buffers.unlock(buffer);
        buffers.release(buffer);
    }

    @Override
    public void dropRelation(RelFileLocator rel) {
        buffers.dropRelation(rel);
    }

    @Override
    public void dropDatabase(int dbOid) {
        buffers.dropDatabase(dbOid);
    }

    @Override
    public int flushAll() {
        return buffers.flushAll();
    }

    @Override
    public Stats stats() {
        return buffers.stats();
    }
}
