package org.tuskdb.sql.internal.sequence;

import java.lang.foreign.MemorySegment;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * Sequence states in block 0 of the sequence's main fork, through the shared buffer pool (the
 * buffer rules of BufferPool apply: exclusive content lock to change, WAL record then page LSN).
 */
public final class BufferSequenceStorage implements SequenceStorage {
    private final BufferPool buffers;
    private final WriteAheadLog wal;

    public BufferSequenceStorage(BufferPool buffers, WriteAheadLog wal) {
        this.buffers = buffers;
        this.wal = wal;
    }

    @Override
    public void initialize(RelFileLocator rel, SequenceState state) {
        int buf = buffers.extend(rel, ForkNumber.MAIN);
        long lsn;
        try {
            MemorySegment page = buffers.page(buf);
            SequenceWal.initPage(page, state);
            buffers.markDirty(buf);
            lsn = log(buf, page, state);
        } finally {
            buffers.unlockAndRelease(buf);
        }
        wal.flush(lsn);
    }

    private long log(int buf, MemorySegment page, SequenceState logged) {
        BlockReference ref = buffers.blockOf(buf);
        long lsn = wal.record(ResourceManagerIds.SEQUENCE, SequenceWal.LOG)
            .registerBuffer(0, ref, page, WalRecordBuilder.WILL_INIT)
            .data(logged.encode())
            .insert();
        PageLayout.setLsn(page, lsn);
        return lsn;
    }

    @Override
    public SequenceState read(RelFileLocator rel) {
        int buf = buffers.read(rel, ForkNumber.MAIN, 0);
        try {
            buffers.lockShared(buf);
            try {
                return SequenceWal.read(buffers.page(buf));
            } finally {
                buffers.unlock(buf);
            }
        } finally {
            buffers.release(buf);
        }
    }

    @Override
    public SequenceState modify(RelFileLocator rel, Modifier modifier) {
        int buf = buffers.read(rel, ForkNumber.MAIN, 0);
        long lsn = 0;
        SequenceState result;
        try {
            buffers.lockExclusive(buf);
            try {
                MemorySegment page = buffers.page(buf);
                SequenceState current = SequenceWal.read(page);
                Change c = modifier.apply(current, PageLayout.lsn(page) <= wal.redoPointer());
                // critical section: nothing below throws until the LSN is set
                buffers.markDirty(buf);
                if (c.logged() != null) {
                    lsn = log(buf, page, c.logged());
                }
                SequenceWal.write(page, c.page());
                result = c.page();
            } finally {
                buffers.unlock(buf);
            }
        } finally {
            buffers.release(buf);
        }
        if (lsn != 0) {
            wal.flush(lsn);
        }
        return result;
    }
}
