package org.tuskdb.api.wal;

import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;

/**
 * What replay gives a resource manager's redo (PostgreSQL's XLogReadBufferForRedo). The redo
 * pattern, for each block the record names:
 * <pre>
 *   RedoBuffer b = ctx.readBuffer(0);
 *   if (b.action() == Action.NEEDS_REDO) { change b's page; PageLayout.setLsn(page, record.endLsn());
 *                                           ctx.buffers().markDirty(b.buffer()); }
 *   if (b.valid()) ctx.buffers().unlockAndRelease(b.buffer());
 * </pre>
 */
public interface RedoContext {
    enum Action {
        /** The page is older than the record: apply the change. */
        NEEDS_REDO,
        /** The record's full-page image was restored: nothing to do. */
        RESTORED,
        /** The page already has the change (its LSN is at or past the record's end). */
        DONE,
        /** The relation's file is gone (dropped later in the WAL): skip; buffer is invalid. */
        NOT_FOUND
    }

    /** A block's buffer for redo: pinned and exclusively locked unless NOT_FOUND (-1). */
    record RedoBuffer(Action action, int buffer) {
        public boolean valid() {
            return buffer >= 0;
        }
    }

    /** The block's buffer: restored from the record's image if it has one, else read. */
    RedoBuffer readBuffer(int blockId);

    /** For a WILL_INIT block: a zeroed page, pinned and exclusively locked; NOT_FOUND never. */
    RedoBuffer initBuffer(int blockId);

    BufferPool buffers();

    RelationStorage storage();
}
