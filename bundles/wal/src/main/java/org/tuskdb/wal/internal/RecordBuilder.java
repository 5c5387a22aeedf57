package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.RecordFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.wal.WalRecordBuilder;

/**
 * One record being assembled (XLogBeginInsert ... XLogInsert). Reused per thread by
 * {@link WalEngine#record}: nothing here is allocated per record once the buffers have grown.
 *
 * <p>{@link #assemble} lays out everything but the images in {@code scratch} and computes the
 * CRC of the body; the engine then reserves space, calls {@link #finishHeader} and copies
 * {@code scratch} and the image parts (straight from the registered pages, which the caller
 * holds locked) into the WAL buffers.
 */
final class RecordBuilder implements WalRecordBuilder {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final WalEngine engine;

    int rmgr;
    int info;
    long xid;
    private int registered;
    private final BlockReference[] refs = new BlockReference[MAX_BLOCKS];
    final MemorySegment[] pages = new MemorySegment[MAX_BLOCKS];
    private final int[] flags = new int[MAX_BLOCKS];
    private final byte[][] blockData = new byte[MAX_BLOCKS][];
    private byte[] main = new byte[256];
    private int mainLength;
    boolean active;

    // The assembled record.
    byte[] scratch = new byte[1024];
    MemorySegment scratchSegment = MemorySegment.ofArray(scratch);
    int scratchLength;
    int totalLength;
    /** Block ids with an image, in header order, and their holes. */
    final int[] imageBlocks = new int[MAX_BLOCKS];
    int imageCount;
    final int[] holeOffset = new int[MAX_BLOCKS];
    final int[] holeLength = new int[MAX_BLOCKS];
    /** Some block got no image only because its LSN is past the redo pointer used. */
    boolean redoSensitive;
    private final CRC32C crc = new CRC32C();
    /** Where the last inserted record started (for the checkpoint, which needs its own LSN). */
    long lastStart;

    RecordBuilder(WalEngine engine) {
        this.engine = engine;
    }

    void begin(int rmgr, int info) {
        if (rmgr < 0 || rmgr > 255 || info < 0 || info > 255) {
            throw new IllegalArgumentException("bad rmgr/info " + rmgr + "/" + info);
        }
        this.rmgr = rmgr;
        this.info = info;
        this.xid = 0;
        this.mainLength = 0;
        this.active = true;
    }

    @Override
    public WalRecordBuilder xid(long xid) {
        this.xid = xid;
        return this;
    }

    @Override
    public WalRecordBuilder registerBuffer(int blockId, BlockReference block, MemorySegment page, int flags) {
        if (blockId < 0 || blockId >= MAX_BLOCKS) {
            throw new IllegalArgumentException("block id " + blockId + " out of range 0-31");
        }
        if ((registered & (1 << blockId)) != 0) {
            throw new IllegalStateException("block id " + blockId + " registered twice");
        }
        if (page.byteSize() < PageLayout.PAGE_SIZE) {
            throw new IllegalArgumentException("page of " + page.byteSize() + " bytes");
        }
        registered |= 1 << blockId;
        refs[blockId] = block;
        pages[blockId] = page;
        this.flags[blockId] = flags;
        blockData[blockId] = null;
        return this;
    }

    @Override
    public WalRecordBuilder blockData(int blockId, byte[] data) {
        if (blockId < 0 || blockId >= MAX_BLOCKS || (registered & (1 << blockId)) == 0) {
            throw new IllegalStateException("block id " + blockId + " is not registered");
        }
        blockData[blockId] = data;
        return this;
    }

    @Override
    public WalRecordBuilder data(byte[] data) {
        return data(data, 0, data.length);
    }

    @Override
    public WalRecordBuilder data(byte[] data, int offset, int length) {
        if (mainLength + length > main.length) {
            main = Arrays.copyOf(main, Math.max(main.length * 2, mainLength + length));
        }
        System.arraycopy(data, offset, main, mainLength, length);
        mainLength += length;
        return this;
    }

    @Override
    public long insert() {
        if (!active) {
            throw new IllegalStateException("record already inserted");
        }
        try {
            while (true) {
                long redo = engine.redoPointer();
                assemble(redo, engine.settings().fullPageWrites());
                long end = engine.insert(this, redo);
                if (end >= 0) {
                    return end;
                }
                // A checkpoint moved the redo pointer between assembling and reserving: some
                // page may need an image now. Assemble again (PostgreSQL does the same).
            }
        } finally {
            finish();
        }
    }

    private void finish() {
        active = false;
        for (int bits = registered; bits != 0; bits &= bits - 1) {
            int id = Integer.numberOfTrailingZeros(bits);
            refs[id] = null;
            pages[id] = null;
            blockData[id] = null;
        }
        registered = 0;
    }

    /** Lays out the record for a redo pointer and computes the CRC of its body. */
    void assemble(long redo, boolean fullPageWrites) {
        int blocks = Integer.bitCount(registered);
        long body = 0;
        long images = 0;
        imageCount = 0;
        redoSensitive = false;
        for (int bits = registered; bits != 0; bits &= bits - 1) {
            int id = Integer.numberOfTrailingZeros(bits);
            int f = flags[id];
            boolean image = (f & FORCE_IMAGE) != 0
                    || fullPageWrites && (f & WILL_INIT) == 0 && PageLayout.lsn(pages[id]) <= redo;
            if (image) {
                imageBlocks[imageCount++] = id;
                computeHole(id);
                images += PageLayout.PAGE_SIZE - holeLength[id];
            } else {
                if (fullPageWrites && (f & WILL_INIT) == 0) {
                    redoSensitive = true;
                }
                holeOffset[id] = 0;
                holeLength[id] = 0;
                if (blockData[id] != null) {
                    body += blockData[id].length;
                }
            }
        }
        long head = HEADER_SIZE + (long) BLOCK_HEADER_SIZE * blocks;
        long total = head + body + mainLength + images;
        if (total > MAX_RECORD) {
            throw new DatabaseException(SqlState.PROGRAM_LIMIT_EXCEEDED, "WAL record would be " + total
                    + " bytes, more than the maximum of " + MAX_RECORD);
        }
        int inScratch = (int) (head + body + mainLength);
        if (inScratch > scratch.length) {
            scratch = new byte[Math.max(inScratch, scratch.length * 2)];
            scratchSegment = MemorySegment.ofArray(scratch);
        }
        // Plain byte-array views (bounds-checked stores, no segment access checks): the header
        // fields go straight into the scratch array.
        byte[] s = scratch;
        LE_INT.set(s, TOTAL_LENGTH, (int) total);
        LE_INT.set(s, CRC, 0);
        LE_LONG.set(s, XID, xid);
        s[RMGR] = (byte) rmgr;
        s[INFO] = (byte) info;
        s[BLOCK_COUNT] = (byte) blocks;
        s[BLOCK_COUNT + 1] = 0;
        LE_INT.set(s, MAIN_LENGTH, mainLength);
        int h = HEADER_SIZE;
        int d = (int) head;
        for (int bits = registered; bits != 0; bits &= bits - 1) {
            int id = Integer.numberOfTrailingZeros(bits);
            boolean image = holeLength[id] != 0 || isImage(id);
            byte[] data = image ? null : blockData[id];
            BlockReference ref = refs[id];
            int f = (image ? BF_IMAGE : 0) | (data != null ? BF_DATA : 0) | ((flags[id] & WILL_INIT) != 0 ? BF_WILL_INIT : 0);
            s[h + B_ID] = (byte) id;
            s[h + B_FLAGS] = (byte) f;
            s[h + B_FORK] = (byte) ref.fork().ordinal();
            s[h + B_FORK + 1] = 0;
            LE_INT.set(s, h + B_DB, ref.rel().dbOid());
            LE_LONG.set(s, h + B_REL, ref.rel().relNumber());
            LE_INT.set(s, h + B_BLOCK, (int) ref.block());
            LE_SHORT.set(s, h + B_HOLE_OFFSET, (short) holeOffset[id]);
            LE_SHORT.set(s, h + B_HOLE_LENGTH, (short) holeLength[id]);
            LE_INT.set(s, h + B_DATA_LENGTH, data == null ? 0 : data.length);
            h += BLOCK_HEADER_SIZE;
            if (data != null) {
                System.arraycopy(data, 0, scratch, d, data.length);
                d += data.length;
            }
        }
        System.arraycopy(main, 0, scratch, d, mainLength);
        scratchLength = d + mainLength;
        totalLength = (int) total;

        crc.reset();
        crc.update(scratch, HEADER_SIZE, scratchLength - HEADER_SIZE);
        for (int i = 0; i < imageCount; i++) {
            int id = imageBlocks[i];
            MemorySegment page = pages[id];
            int ho = holeOffset[id];
            int hl = holeLength[id];
            if (hl == 0) {
                crc.update(page.asSlice(0, PageLayout.PAGE_SIZE).asByteBuffer());
            } else {
                crc.update(page.asSlice(0, ho).asByteBuffer());
                crc.update(page.asSlice(ho + hl, PageLayout.PAGE_SIZE - ho - hl).asByteBuffer());
            }
        }
    }

    private boolean isImage(int id) {
        for (int i = 0; i < imageCount; i++) {
            if (imageBlocks[i] == id) {
                return true;
            }
        }
        return false;
    }

    private void computeHole(int id) {
        holeOffset[id] = 0;
        holeLength[id] = 0;
        if ((flags[id] & STANDARD) == 0) {
            return;
        }
        MemorySegment page = pages[id];
        if (PageLayout.isNew(page)) {
            return;
        }
        int lower = PageLayout.lower(page);
        int upper = PageLayout.upper(page);
        if (lower >= PageLayout.HEADER_SIZE && lower < upper && upper <= PageLayout.PAGE_SIZE) {
            holeOffset[id] = lower;
            holeLength[id] = upper - lower;
        }
    }

    /** Once the record has a position: its LSN and back link, and the CRC over the header. */
    void finishHeader(long start, long prev) {
        byte[] s = scratch;
        LE_LONG.set(s, LSN, start);
        LE_LONG.set(s, PREV, prev);
        crc.update(s, 0, CRC);
        crc.update(s, LSN, HEADER_SIZE - LSN);
        LE_INT.set(s, CRC, (int) crc.getValue());
        lastStart = start;
    }
}
