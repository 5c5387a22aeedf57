package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.RecordFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.WalRecord;

/**
 * A record read back, as views of the reader's buffer (valid until the reader moves on). One
 * instance is reused for every record of a replay.
 */
final class DecodedRecord implements WalRecord {
    private static final ForkNumber[] FORKS = ForkNumber.values();
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private MemorySegment rec;
    private long lsn;
    private long endLsn;
    private int rmgr;
    private int info;
    private long xid;
    private int blockCount;
    private int present;
    private final int[] order = new int[MAX_BLOCKS];
    private int headers;
    private final int[] flags = new int[MAX_BLOCKS];
    private final int[] fork = new int[MAX_BLOCKS];
    private final int[] db = new int[MAX_BLOCKS];
    private final long[] rel = new long[MAX_BLOCKS];
    private final long[] block = new long[MAX_BLOCKS];
    private final int[] holeOffset = new int[MAX_BLOCKS];
    private final int[] holeLength = new int[MAX_BLOCKS];
    private final int[] dataOffset = new int[MAX_BLOCKS];
    private final int[] dataLength = new int[MAX_BLOCKS];
    private final int[] imageOffset = new int[MAX_BLOCKS];
    private int mainOffset;
    private int mainLength;
    private final BlockReference[] refs = new BlockReference[MAX_BLOCKS];
    /** The block reference made last (of this or an earlier record): immutable, so shared. */
    private BlockReference lastRef;

    /** Parses a record whose length and CRC were checked; false when its layout is inconsistent. */
    boolean decode(MemorySegment rec, long lsn, int totalLength) {
        this.rec = rec;
        this.lsn = lsn;
        this.endLsn = lsn + align(totalLength);
        rmgr = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, RMGR));
        info = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, INFO));
        xid = rec.get(LONG, XID);
        headers = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, BLOCK_COUNT));
        mainLength = rec.get(INT, MAIN_LENGTH);
        present = 0;
        blockCount = 0;
        if (headers > MAX_BLOCKS || mainLength < 0) {
            return false;
        }
        long off = HEADER_SIZE + (long) headers * BLOCK_HEADER_SIZE;
        if (off > totalLength) {
            return false;
        }
        long h = HEADER_SIZE;
        for (int i = 0; i < headers; i++, h += BLOCK_HEADER_SIZE) {
            int id = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, h + B_ID));
            if (id >= MAX_BLOCKS || (present & (1 << id)) != 0) {
                return false;
            }
            present |= 1 << id;
            order[i] = id;
            flags[id] = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, h + B_FLAGS));
            fork[id] = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, h + B_FORK));
            db[id] = rec.get(INT, h + B_DB);
            rel[id] = rec.get(LONG, h + B_REL);
            block[id] = Integer.toUnsignedLong(rec.get(INT, h + B_BLOCK));
            holeOffset[id] = Short.toUnsignedInt(rec.get(SHORT, h + B_HOLE_OFFSET));
            holeLength[id] = Short.toUnsignedInt(rec.get(SHORT, h + B_HOLE_LENGTH));
            dataLength[id] = rec.get(INT, h + B_DATA_LENGTH);
            refs[id] = null;
            if (fork[id] >= FORKS.length || dataLength[id] < 0 || rel[id] <= 0 || db[id] < 0
                    || holeOffset[id] + holeLength[id] > PageLayout.PAGE_SIZE) {
                return false;
            }
            blockCount = Math.max(blockCount, id + 1);
        }
        for (int i = 0; i < headers; i++) {
            int id = order[i];
            dataOffset[id] = (int) off;
            off += dataLength[id];
        }
        mainOffset = (int) off;
        off += mainLength;
        for (int i = 0; i < headers; i++) {
            int id = order[i];
            imageOffset[id] = (int) off;
            if ((flags[id] & BF_IMAGE) != 0) {
                off += PageLayout.PAGE_SIZE - holeLength[id];
            }
        }
        return off == totalLength;
    }

    @Override
    public long lsn() {
        return lsn;
    }

    @Override
    public long endLsn() {
        return endLsn;
    }

    @Override
    public int rmgr() {
        return rmgr;
    }

    @Override
    public int info() {
        return info;
    }

    @Override
    public long xid() {
        return xid;
    }

    @Override
    public int blockCount() {
        return blockCount;
    }

    @Override
    public boolean hasBlock(int blockId) {
        return blockId >= 0 && blockId < MAX_BLOCKS && (present & (1 << blockId)) != 0;
    }

    private void check(int blockId) {
        if (!hasBlock(blockId)) {
            throw new IllegalArgumentException("record at " + org.tuskdb.api.wal.Lsn.format(lsn)
                    + " has no block " + blockId);
        }
    }

    @Override
    public BlockReference block(int blockId) {
        check(blockId);
        BlockReference r = refs[blockId];
        if (r == null) {
            // Consecutive records mostly change the same block: reuse the last reference made.
            r = lastRef;
            if (r == null || r.block() != block[blockId] || r.fork().ordinal() != fork[blockId]
                    || r.rel().relNumber() != rel[blockId] || r.rel().dbOid() != db[blockId]) {
                r = new BlockReference(new RelFileLocator(db[blockId], rel[blockId]), FORKS[fork[blockId]], block[blockId]);
                lastRef = r;
            }
            refs[blockId] = r;
        }
        return r;
    }

    @Override
    public boolean hasImage(int blockId) {
        check(blockId);
        return (flags[blockId] & BF_IMAGE) != 0;
    }

    boolean willInit(int blockId) {
        check(blockId);
        return (flags[blockId] & BF_WILL_INIT) != 0;
    }

    @Override
    public ByteBuffer blockData(int blockId) {
        check(blockId);
        if (dataLength[blockId] == 0) {
            return EMPTY.duplicate();
        }
        return rec.asSlice(dataOffset[blockId], dataLength[blockId]).asByteBuffer().asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer data() {
        if (mainLength == 0) {
            return EMPTY.duplicate();
        }
        return rec.asSlice(mainOffset, mainLength).asByteBuffer().asReadOnlyBuffer();
    }

    /** Copies the block's image into {@code page} (8 KiB), zeroing its hole. */
    void restoreImage(int blockId, MemorySegment page) {
        if (!hasImage(blockId)) {
            throw new IllegalStateException("block " + blockId + " has no image");
        }
        int ho = holeOffset[blockId];
        int hl = holeLength[blockId];
        int src = imageOffset[blockId];
        if (hl == 0) {
            MemorySegment.copy(rec, src, page, 0, PageLayout.PAGE_SIZE);
        } else {
            MemorySegment.copy(rec, src, page, 0, ho);
            page.asSlice(ho, hl).fill((byte) 0);
            MemorySegment.copy(rec, src + ho, page, ho + hl, PageLayout.PAGE_SIZE - ho - hl);
        }
    }

    /** Block ids in the order their headers appear. */
    int headerCount() {
        return headers;
    }

    int blockIdAt(int index) {
        return order[index];
    }
}
