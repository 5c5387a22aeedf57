package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.WalRecord;

/**
 * Replay of one record onto a fake pool, as the wal bundle's redo loop does: full-page images
 * are restored first (page LSN = the record's end), and readBuffer then answers RESTORED.
 */
final class FakeRedoContext implements RedoContext {
    private final FakeBufferPool buffers;
    private final WalRecord record;

    FakeRedoContext(FakeBufferPool buffers, WalRecord record) {
        this.buffers = buffers;
        this.record = record;
        for (int i = 0; i < record.blockCount(); i++) {
            if (record.hasBlock(i) && record.hasImage(i)) {
                int buf = buffers.readZeroed(record.block(i));
                MemorySegment page = buffers.page(buf);
                MemorySegment.copy(MemorySegment.ofArray(((RecordingWal.Recorded) record).images()[i]), 0, page, 0, PageLayout.PAGE_SIZE);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(buf);
                buffers.unlockAndRelease(buf);
            }
        }
    }

    @Override
    public RedoBuffer readBuffer(int blockId) {
        BlockReference ref = record.block(blockId);
        buffers.ensureSize(ref.rel(), ref.block() + 1);
        int buf = buffers.read(ref);
        buffers.lockExclusive(buf);
        if (record.hasImage(blockId)) {
            return new RedoBuffer(Action.RESTORED, buf);
        }
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
