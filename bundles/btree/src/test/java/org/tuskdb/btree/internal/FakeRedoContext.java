package org.tuskdb.btree.internal;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.WalRecord;

/** Replay of one record onto a fake pool, as the wal bundle's redo loop does (no images). */
final class FakeRedoContext implements RedoContext {
    private final FakeBufferPool buffers;
    private final WalRecord record;

    FakeRedoContext(FakeBufferPool buffers, WalRecord record) {
        this.buffers = buffers;
        this.record = record;
    }

    @Override
    public RedoBuffer readBuffer(int blockId) {
        BlockReference ref = record.block(blockId);
        buffers.ensureSize(ref.rel(), ref.block() + 1);
        int buf = buffers.read(ref);
        buffers.lockExclusive(buf);
        boolean done = PageLayout.lsn(buffers.page(buf)) >= record.endLsn();
        return new RedoBuffer(done ? Action.DONE : Action.NEEDS_REDO, buf);
    }

    @Override
    public RedoBuffer initBuffer(int blockId) {
        return new RedoBuffer(Action.NEEDS_REDO, buffers.readZeroed(record.block(blockId)));
    }

    @Override
    public BufferPool buffers() {
        return buffers;
    }

    @Override
    public RelationStorage storage() {
        throw new UnsupportedOperationException();
    }
}
