package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.RedoContext.Action;
import org.tuskdb.api.wal.RedoContext.RedoBuffer;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;

/**
 * Replays the B-tree's WAL records ({@link BtreeWalRecords}, PostgreSQL's nbtxlog.c) in the
 * startup process; registered in every worker role (like the heap's) so whichever process
 * replays finds it. Pages a record rebuilds whole (WILL_INIT) are rebuilt from the logged
 * {@link PageImage}, exactly as the original change built them; in-place changes (inserts,
 * sibling links, cleared flags) are applied only when the page is older than the record.
 * Every page a record names stays locked until all of them are done, so a reader sees a split
 * whole (for hot standby later).
 */
@Component(service = ResourceManager.class)
public final class BtreeResourceManager implements ResourceManager {

    @Activate
    public BtreeResourceManager(@Reference(name = "process", target = "(!(tusk.role=postmaster))") ProcessContext process) {
    }

    /** For tests. */
    BtreeResourceManager() {
    }

    @Override
    public int id() {
        return ResourceManagerIds.BTREE;
    }

    @Override
    public String name() {
        return "Btree";
    }

    @Override
    public String describe(WalRecord record) {
        StringBuilder s = new StringBuilder(name()).append(' ').append(BtreeWalRecords.name(record.info()));
        for (int i = 0; i < record.blockCount(); i++) {
            if (record.hasBlock(i)) {
                s.append(" blk#").append(i).append(' ').append(record.block(i).block());
            }
        }
        if (record.hasBlock(0)) {
            s.append(" rel ").append(record.block(0).rel());
        }
        return s.toString();
    }

    @Override
    public void redo(WalRecord record, RedoContext ctx) {
        int[] held = new int[4];
        int n = 0;
        BufferPool buffers = ctx.buffers();
        try {
            switch (record.info()) {
                case BtreeWalRecords.INSERT_LEAF, BtreeWalRecords.INSERT_UPPER -> {
                    RedoBuffer b = ctx.readBuffer(0);
                    held[n++] = b.buffer();
                    if (b.action() == Action.NEEDS_REDO) {
                        MemorySegment d = part(record, 0);
                        int off = Short.toUnsignedInt(d.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
                        BtreePage.insertItemAt(buffers.page(b.buffer()), off, d.asSlice(2));
                        done(buffers, b, record);
                    }
                    if (record.hasBlock(1)) {
                        held[n++] = clearFlag(ctx, record, 1);
                    }
                }
                case BtreeWalRecords.SPLIT -> {
                    held[n++] = rebuild(ctx, record, 0);
                    held[n++] = rebuild(ctx, record, 1);
                    if (record.hasBlock(2)) {
                        RedoBuffer b = ctx.readBuffer(2);
                        held[n++] = b.buffer();
                        if (b.action() == Action.NEEDS_REDO) {
                            BtreePage.setPrev(buffers.page(b.buffer()), record.block(1).block());
                            done(buffers, b, record);
                        }
                    }
                    if (record.hasBlock(3)) {
                        held[n++] = clearFlag(ctx, record, 3);
                    }
                }
                case BtreeWalRecords.NEWROOT -> {
                    held[n++] = rebuild(ctx, record, 0);
                    if (record.hasBlock(1)) {
                        held[n++] = clearFlag(ctx, record, 1);
                    }
                    held[n++] = meta(ctx, record, 2);
                }
                case BtreeWalRecords.META -> held[n++] = meta(ctx, record, 0);
                case BtreeWalRecords.NEWPAGE -> held[n++] = rebuild(ctx, record, 0);
                default -> throw new IllegalStateException("btree redo: unknown info " + record.info() + " at " + record.lsn());
            }
        } finally {
            for (int i = 0; i < n; i++) {
                if (held[i] >= 0) {
                    buffers.unlockAndRelease(held[i]);
                }
            }
        }
    }

    private static int rebuild(RedoContext ctx, WalRecord record, int blockId) {
        RedoBuffer b = ctx.initBuffer(blockId);
        PageImage.apply(ctx.buffers().page(b.buffer()), part(record, blockId));
        done(ctx.buffers(), b, record);
        return b.buffer();
    }

    private static int meta(RedoContext ctx, WalRecord record, int blockId) {
        RedoBuffer b = ctx.initBuffer(blockId);
        MemorySegment d = part(record, blockId);
        BtreePage.initMeta(ctx.buffers().page(b.buffer()), BtreePage.block(d.get(ValueLayout.JAVA_INT_UNALIGNED, 0)),
                d.get(ValueLayout.JAVA_INT_UNALIGNED, 4));
        done(ctx.buffers(), b, record);
        return b.buffer();
    }

    private static int clearFlag(RedoContext ctx, WalRecord record, int blockId) {
        RedoBuffer b = ctx.readBuffer(blockId);
        if (b.action() == Action.NEEDS_REDO) {
            Btree.clearIncompleteSplit(ctx.buffers().page(b.buffer()));
            done(ctx.buffers(), b, record);
        }
        return b.buffer();
    }

    private static void done(BufferPool buffers, RedoBuffer b, WalRecord record) {
        PageLayout.setLsn(buffers.page(b.buffer()), record.endLsn());
        buffers.markDirty(b.buffer());
    }

    private static MemorySegment part(WalRecord record, int blockId) {
        return MemorySegment.ofBuffer(record.blockData(blockId).slice());
    }
}
