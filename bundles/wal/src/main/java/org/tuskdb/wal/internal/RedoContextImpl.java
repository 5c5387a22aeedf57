package org.tuskdb.wal.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.RedoContext;

/**
 * PostgreSQL's XLogReadBufferForRedo for one record at a time. Full-page images are restored by
 * {@link #restoreImages} before the resource manager runs; for such a block readBuffer then
 * answers RESTORED. A block of a fork whose file is missing, or past its end, is NOT_FOUND (the
 * relation was dropped or truncated later in the WAL; PostgreSQL ignores those blocks too).
 * Known fork lengths are cached during replay and forgotten after every SMGR record (create,
 * unlink, truncate change them).
 */
final class RedoContextImpl implements RedoContext {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedoContextImpl.class);
    private record Fork(RelFileLocator rel, ForkNumber fork) {
    }

    private final Supplier<BufferPool> pool;
    private final Supplier<RelationStorage> storage;
    private final Map<Fork, Long> knownBlocks = new HashMap<>();
    private DecodedRecord record;
    /** The last fork looked up in knownBlocks and what it held then (null key: none). */
    private Fork memoKey;
    private Long memoKnown;

    RedoContextImpl(Supplier<BufferPool> pool, Supplier<RelationStorage> storage) {
        this.pool = pool;
        this.storage = storage;
    }

    void setRecord(DecodedRecord record) {
        this.record = record;
    }

    /** After records that create, remove or truncate files. */
    void forgetSizes() {
        memoKey = null;
        knownBlocks.clear();
    }

    /** Restores every full-page image of the record (and sets the page LSN to the record's end). */
    int restoreImages(DecodedRecord rec) {
        int restored = 0;
        for (int i = 0; i < rec.headerCount(); i++) {
            int id = rec.blockIdAt(i);
            if (!rec.hasImage(id)) {
                continue;
            }
            BlockReference ref = rec.block(id);
            ensureFile(ref);
            BufferPool bp = pool.get();
            int buf = bp.readZeroed(ref);
            try {
                var page = bp.page(buf);
                rec.restoreImage(id, page);
                PageLayout.setLsn(page, rec.endLsn());
                bp.markDirty(buf);
            } finally {
                bp.unlockAndRelease(buf);
            }
            noteBlock(ref);
            restored++;
        }
        return restored;
    }

    @Override
    public RedoBuffer readBuffer(int blockId) {
        BlockReference ref = record.block(blockId);
        BufferPool bp = pool.get();
        if (record.hasImage(blockId)) {
            int buf = bp.read(ref);
            bp.lockExclusive(buf);
            return new RedoBuffer(Action.RESTORED, buf);
        }
        if (!exists(ref)) {
            LOG.debug("redo: {} block {} not found (no file, or past its end)", ref.rel(), ref.block());
            return new RedoBuffer(Action.NOT_FOUND, -1);
        }
        int buf = bp.read(ref);
        bp.lockExclusive(buf);
        var page = bp.page(buf);
        if (PageLayout.isNew(page) && !existsFresh(ref)) {
            bp.unlockAndRelease(buf);
            LOG.debug("redo: {} block {} is new and past the end of its file", ref.rel(), ref.block());
            return new RedoBuffer(Action.NOT_FOUND, -1);
        }
        if (PageLayout.lsn(page) >= record.endLsn()) {
            LOG.debug("redo: {} block {} already has the change (page LSN {})", ref.rel(), ref.block(),
                    org.tuskdb.api.wal.Lsn.format(PageLayout.lsn(page)));
            return new RedoBuffer(Action.DONE, buf);
        }
        return new RedoBuffer(Action.NEEDS_REDO, buf);
    }

    @Override
    public RedoBuffer initBuffer(int blockId) {
        BlockReference ref = record.block(blockId);
        ensureFile(ref);
        int buf = pool.get().readZeroed(ref);
        noteBlock(ref);
        return new RedoBuffer(Action.NEEDS_REDO, buf);
    }

    @Override
    public BufferPool buffers() {
        return pool.get();
    }

    @Override
    public RelationStorage storage() {
        return storage.get();
    }

    private void ensureFile(BlockReference ref) {
        Fork f = new Fork(ref.rel(), ref.fork());
        if (!knownBlocks.containsKey(f)) {
            RelationStorage st = storage.get();
            if (!st.exists(ref.rel(), ref.fork())) {
                // The relation may be dropped later in the WAL; create it so the block has a
                // home (PostgreSQL does the same), the later unlink removes it again.
                st.create(ref.rel(), ref.fork(), false);
            }
            memoKey = null;
            knownBlocks.put(f, length(ref));
        }
    }

    private void noteBlock(BlockReference ref) {
        memoKey = null;
        knownBlocks.merge(new Fork(ref.rel(), ref.fork()), ref.block() + 1, Math::max);
    }

    private boolean exists(BlockReference ref) {
        // Consecutive records mostly touch the same fork: a one-entry memo of the last lookup
        // (forgotten whenever the map changes) saves the key and the hash lookup.
        if (memoKey == null || memoKey.fork() != ref.fork()
                || memoKey.rel() != ref.rel() && !memoKey.rel().equals(ref.rel())) {
            memoKey = new Fork(ref.rel(), ref.fork());
            memoKnown = knownBlocks.get(memoKey);
        }
        Long known = memoKnown;
        if (known != null && ref.block() < known) {
            return true;
        }
        return existsFresh(ref);
    }

    private boolean existsFresh(BlockReference ref) {
        Fork f = new Fork(ref.rel(), ref.fork());
        RelationStorage st = storage.get();
        memoKey = null;
        if (!st.exists(ref.rel(), ref.fork())) {
            knownBlocks.remove(f);
            return false;
        }
        long n = Math.max(length(ref), knownBlocks.getOrDefault(f, 0L));
        knownBlocks.put(f, n);
        return ref.block() < n;
    }

    private long length(BlockReference ref) {
        long onDisk = storage.get().blockCount(ref.rel(), ref.fork());
        long inPool;
        try {
            inPool = pool.get().blockCount(ref.rel(), ref.fork());
        } catch (RuntimeException e) {
            inPool = 0;
        }
        return Math.max(onDisk, inPool);
    }
}
