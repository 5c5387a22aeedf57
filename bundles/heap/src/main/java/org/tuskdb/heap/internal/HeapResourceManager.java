package org.tuskdb.heap.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

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
 * Replays the heap's WAL records ({@link HeapWalRecords}, PostgreSQL's heap_redo) in the startup
 * process; registered in every worker role so that whichever process replays finds it. Redo
 * copies xids, command ids and tuple images from the record and never consults pg_xact: hint
 * bits already on a page are left as they are (those of xmin stay true; the xmax bits are
 * replaced by the logged ones). New tuples go to the logged offset number.
 */
@Component(service = ResourceManager.class)
public final class HeapResourceManager implements ResourceManager {

    @Activate
    public HeapResourceManager(@Reference(name = "process", target = "(!(tusk.role=postmaster))") ProcessContext process) {
    }

    /** For tests. */
    HeapResourceManager() {
    }

    @Override
    public int id() {
        return ResourceManagerIds.HEAP;
    }

    @Override
    public String name() {
        return "Heap";
    }

    @Override
    public void redo(WalRecord record, RedoContext ctx) {
        int info = record.info();
        switch (info & HeapWalRecords.OPMASK) {
            case HeapWalRecords.INSERT -> redoInsert(record, ctx, (info & HeapWalRecords.INIT_PAGE) != 0);
            case HeapWalRecords.DELETE -> redoDelete(record, ctx);
            case HeapWalRecords.UPDATE -> redoUpdate(record, ctx, (info & HeapWalRecords.INIT_PAGE) != 0);
            case HeapWalRecords.LOCK -> redoLock(record, ctx);
            case HeapWalRecords.PRUNE -> redoPrune(record, ctx);
            case HeapWalRecords.MULTI_INSERT -> redoMultiInsert(record, ctx, (info & HeapWalRecords.INIT_PAGE) != 0);
            default -> throw new IllegalStateException("heap redo: unknown info " + info + " at " + record.lsn());
        }
    }

    @Override
    public String describe(WalRecord record) {
        StringBuilder s = new StringBuilder(name()).append(' ').append(HeapWalRecords.name(record.info()));
        if (record.hasBlock(0)) {
            s.append(" blk ").append(record.block(0).block()).append(" rel ").append(record.block(0).rel());
        }
        if (record.hasBlock(1)) {
            s.append(" old blk ").append(record.block(1).block());
        }
        return s.toString();
    }

    private static void redoInsert(WalRecord record, RedoContext ctx, boolean init) {
        redoNewTuples(record, ctx, init, page -> {
            ByteBuffer d = part(record.blockData(0));
            int off = Short.toUnsignedInt(d.getShort(0));
            place(page, MemorySegment.ofBuffer(d.slice(2, d.limit() - 2)), off, record);
        });
    }

    private static void redoMultiInsert(WalRecord record, RedoContext ctx, boolean init) {
        redoNewTuples(record, ctx, init, page -> {
            ByteBuffer m = part(record.data());
            int cid = m.getInt(0);
            int count = Short.toUnsignedInt(m.getShort(4));
            ByteBuffer d = part(record.blockData(0));
            long block = record.block(0).block();
            MemorySegment data = MemorySegment.ofBuffer(d);
            MemorySegment image = MemorySegment.ofArray(new byte[HeapAccessService.MAX_ITEM_SIZE]);
            int at = 0;
            for (int k = 0; k < count; k++) {
                int off = Short.toUnsignedInt(d.getShort(at));
                int len = Short.toUnsignedInt(d.getShort(at + 2));
                TupleHeader.initialize(image, 0, record.xid(), cid, 0);
                TupleHeader.setCtid(image, 0, block, off);
                MemorySegment.copy(data, at + HeapWalRecords.MULTI_TUPLE_HEADER, image, TupleHeader.SIZE, len);
                place(page, image.asSlice(0, TupleHeader.SIZE + len), off, record);
                at += HeapWalRecords.MULTI_TUPLE_HEADER + len;
            }
        });
    }

    /** Block 0 of an insert record: read (or, with INIT_PAGE, initialized), {@code apply}, LSN, dirty. */
    private static void redoNewTuples(WalRecord record, RedoContext ctx, boolean init,
                                      java.util.function.Consumer<MemorySegment> apply) {
        RedoBuffer b = init ? ctx.initBuffer(0) : ctx.readBuffer(0);
        BufferPool buffers = ctx.buffers();
        try {
            if (b.action() == Action.NEEDS_REDO) {
                MemorySegment page = buffers.page(b.buffer());
                if (init) {
                    PageLayout.initialize(page, 0);
                }
                apply.accept(page);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            if (b.valid()) {
                buffers.unlockAndRelease(b.buffer());
            }
        }
    }

    private static void redoDelete(WalRecord record, RedoContext ctx) {
        ByteBuffer m = part(record.data());
        int off = Short.toUnsignedInt(m.getShort(0));
        int bits = Short.toUnsignedInt(m.getShort(2));
        int cmax = m.getInt(4);
        long xmax = m.getLong(8);
        RedoBuffer b = ctx.readBuffer(0);
        BufferPool buffers = ctx.buffers();
        try {
            if (b.action() == Action.NEEDS_REDO) {
                MemorySegment page = buffers.page(b.buffer());
                long t = tuple(page, off, record);
                TupleHeader.setXmaxAndBits(page, t, xmax, bits);
                TupleHeader.setCmax(page, t, cmax);
                HeapPrune.setPrunable(page, true);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            if (b.valid()) {
                buffers.unlockAndRelease(b.buffer());
            }
        }
    }

    private static void redoLock(WalRecord record, RedoContext ctx) {
        ByteBuffer m = part(record.data());
        int off = Short.toUnsignedInt(m.getShort(0));
        int bits = Short.toUnsignedInt(m.getShort(2));
        long xmax = m.getLong(8);
        RedoBuffer b = ctx.readBuffer(0);
        BufferPool buffers = ctx.buffers();
        try {
            if (b.action() == Action.NEEDS_REDO) {
                MemorySegment page = buffers.page(b.buffer());
                TupleHeader.setXmaxAndBits(page, tuple(page, off, record), xmax, bits);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            if (b.valid()) {
                buffers.unlockAndRelease(b.buffer());
            }
        }
    }

    private static void redoPrune(WalRecord record, RedoContext ctx) {
        ByteBuffer m = part(record.data());
        int redirects = Short.toUnsignedInt(m.getShort(0));
        int dead = Short.toUnsignedInt(m.getShort(2));
        int unused = Short.toUnsignedInt(m.getShort(4));
        int at = 6;
        int[] r = new int[2 * redirects];
        for (int i = 0; i < r.length; i++, at += 2) {
            r[i] = Short.toUnsignedInt(m.getShort(at));
        }
        int[] d = new int[dead];
        for (int i = 0; i < dead; i++, at += 2) {
            d[i] = Short.toUnsignedInt(m.getShort(at));
        }
        int[] u = new int[unused];
        for (int i = 0; i < unused; i++, at += 2) {
            u[i] = Short.toUnsignedInt(m.getShort(at));
        }
        RedoBuffer b = ctx.readBuffer(0);
        BufferPool buffers = ctx.buffers();
        try {
            if (b.action() == Action.NEEDS_REDO) {
                MemorySegment page = buffers.page(b.buffer());
                HeapPrune.apply(page, r, redirects, d, dead, u, unused);
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            if (b.valid()) {
                buffers.unlockAndRelease(b.buffer());
            }
        }
    }

    /** Block 0 is the new version's page, block 1 (if present) the old version's. */
    private static void redoUpdate(WalRecord record, RedoContext ctx, boolean init) {
        ByteBuffer m = part(record.data());
        int oldOff = Short.toUnsignedInt(m.getShort(0));
        int newOff = Short.toUnsignedInt(m.getShort(2));
        int oldBits = Short.toUnsignedInt(m.getShort(4));
        int cmax = m.getInt(8);
        long xmax = m.getLong(16);
        long newBlock = record.block(0).block();
        boolean samePage = !record.hasBlock(1);
        BufferPool buffers = ctx.buffers();

        if (!samePage) {
            RedoBuffer old = ctx.readBuffer(1);
            try {
                if (old.action() == Action.NEEDS_REDO) {
                    MemorySegment page = buffers.page(old.buffer());
                    markOld(page, tuple(page, oldOff, record), xmax, oldBits, cmax, newBlock, newOff);
                    PageLayout.setLsn(page, record.endLsn());
                    buffers.markDirty(old.buffer());
                }
            } finally {
                if (old.valid()) {
                    buffers.unlockAndRelease(old.buffer());
                }
            }
        }

        RedoBuffer b = init ? ctx.initBuffer(0) : ctx.readBuffer(0);
        try {
            if (b.action() == Action.NEEDS_REDO) {
                MemorySegment page = buffers.page(b.buffer());
                if (init) {
                    PageLayout.initialize(page, 0);
                }
                place(page, MemorySegment.ofBuffer(part(record.blockData(0))), newOff, record);
                if (samePage) {
                    markOld(page, tuple(page, oldOff, record), xmax, oldBits, cmax, newBlock, newOff);
                }
                PageLayout.setLsn(page, record.endLsn());
                buffers.markDirty(b.buffer());
            }
        } finally {
            if (b.valid()) {
                buffers.unlockAndRelease(b.buffer());
            }
        }
    }

    private static void markOld(MemorySegment page, long t, long xmax, int bits, int cmax, long newBlock, int newOff) {
        TupleHeader.setXmaxAndBits(page, t, xmax, bits);
        TupleHeader.setCmax(page, t, cmax);
        TupleHeader.setCtid(page, t, newBlock, newOff);
        HeapPrune.setPrunable(page, true);
    }

    private static void place(MemorySegment page, MemorySegment image, int off, WalRecord record) {
        if (!PageLayout.addItemAt(page, image, off)) {
            throw new IllegalStateException("heap redo: tuple does not fit at offset " + off
                    + " (record at " + record.lsn() + ")");
        }
    }

    private static long tuple(MemorySegment page, int off, WalRecord record) {
        long t = HeapAccessService.normalItemStart(page, off);
        if (t < 0) {
            throw new IllegalStateException("heap redo: no tuple at offset " + off + " (record at " + record.lsn() + ")");
        }
        return t;
    }

    /** A record part from index 0, in our byte order. */
    private static ByteBuffer part(ByteBuffer b) {
        return HeapWalRecords.view(b.slice());
    }
}
