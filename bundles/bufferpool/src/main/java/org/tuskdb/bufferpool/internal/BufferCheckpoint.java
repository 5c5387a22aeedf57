package org.tuskdb.bufferpool.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.wal.CheckpointParticipant;

/** The checkpoint's buffer sync (order 500, after transaction status at 100). */
@Component(service = CheckpointParticipant.class)
public final class BufferCheckpoint implements CheckpointParticipant {
    @Reference
    BufferPoolService pool;

    @Override
    public String name() {
        return "buffers";
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public void checkpoint(long redoLsn) {
        pool.flushAll();
    }
}
