package org.tuskdb.sql.internal.sequence;

import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;

/**
 * Replays sequence records (PostgreSQL's seq_redo): the page is rebuilt from nothing with the
 * logged state. Registered in every worker role, like the heap's, so the startup process finds it.
 */
@Component(service = ResourceManager.class)
public final class SequenceResourceManager implements ResourceManager {

    @Activate
    public SequenceResourceManager(@Reference(name = "process", target = "(!(tusk.role=postmaster))")
                                   ProcessContext process) {
    }

    SequenceResourceManager() {
    }

    @Override
    public int id() {
        return ResourceManagerIds.SEQUENCE;
    }

    @Override
    public String name() {
        return "Sequence";
    }

    @Override
    public void redo(WalRecord record, RedoContext ctx) {
        if (record.info() != SequenceWal.LOG) {
            throw new IllegalStateException("sequence redo: unknown info " + record.info() + " at " + record.lsn());
        }
        ByteBuffer d = record.data().duplicate();
        SequenceState state = SequenceState.decode(d);
        RedoContext.RedoBuffer b = ctx.initBuffer(0);
        BufferPool buffers = ctx.buffers();
        if (!b.valid()) {
            return;
        }
        try {
            if (b.action() == RedoContext.Action.NEEDS_REDO) {
                var page = buffers.page(b.buffer());
                SequenceWal.initPage(page, state);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            buffers.unlockAndRelease(b.buffer());
        }
    }

    @Override
    public String describe(WalRecord record) {
        SequenceState s = SequenceState.decode(record.data().duplicate());
        return "Sequence log rel " + (record.hasBlock(0) ? record.block(0).rel() : "?") + " last_value "
            + s.lastValue() + " is_called " + s.isCalled();
    }
}
