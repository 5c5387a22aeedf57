package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.wal.WalRecord;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * A WAL that keeps every inserted record in memory, for inspection and replay. Full-page
 * images as the wal bundle takes them: for a block not WILL_INIT whose page LSN is at or before
 * {@link #redoPointer} (set it to simulate a checkpoint), the record carries a copy of the page
 * instead of the block's data.
 */
final class RecordingWal implements WriteAheadLog {
    static final int MAX_BLOCKS = 32;

    record Recorded(long lsn, long endLsn, int rmgr, int info, long xid, BlockReference[] blocks, int[] flags,
                    byte[][] blockBytes, byte[] mainData, byte[][] images) implements WalRecord {
        @Override
        public int blockCount() {
            int n = 0;
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i] != null) {
                    n = i + 1;
                }
            }
            return n;
        }

        @Override
        public boolean hasBlock(int blockId) {
            return blockId < blocks.length && blocks[blockId] != null;
        }

        @Override
        public BlockReference block(int blockId) {
            return blocks[blockId];
        }

        @Override
        public boolean hasImage(int blockId) {
            return images[blockId] != null;
        }

        @Override
        public ByteBuffer blockData(int blockId) {
            byte[] b = blockBytes[blockId];
            return ByteBuffer.wrap(b == null ? new byte[0] : b).asReadOnlyBuffer();
        }

        @Override
        public ByteBuffer data() {
            return ByteBuffer.wrap(mainData).asReadOnlyBuffer();
        }
    }

    private final List<Recorded> records = new ArrayList<>();
    private long position = 8;
    volatile long redoPointer;

    synchronized List<Recorded> records() {
        return List.copyOf(records);
    }

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        return new WalRecordBuilder() {
            private long xid;
            private final BlockReference[] blocks = new BlockReference[MAX_BLOCKS];
            private final int[] flags = new int[MAX_BLOCKS];
            private final byte[][] blockData = new byte[MAX_BLOCKS][];
            private byte[] data = new byte[0];
            private final MemorySegment[] pages = new MemorySegment[MAX_BLOCKS];

            @Override
            public WalRecordBuilder xid(long x) {
                xid = x;
                return this;
            }

            @Override
            public WalRecordBuilder registerBuffer(int blockId, BlockReference block, MemorySegment page, int f) {
                blocks[blockId] = block;
                flags[blockId] = f;
                pages[blockId] = page;
                return this;
            }

            @Override
            public WalRecordBuilder blockData(int blockId, byte[] d) {
                blockData[blockId] = d.clone();
                return this;
            }

            @Override
            public WalRecordBuilder data(byte[] d) {
                return data(d, 0, d.length);
            }

            @Override
            public WalRecordBuilder data(byte[] d, int offset, int length) {
                byte[] n = Arrays.copyOf(data, data.length + length);
                System.arraycopy(d, offset, n, data.length, length);
                data = n;
                return this;
            }

            @Override
            public long insert() {
                byte[][] images = new byte[MAX_BLOCKS][];
                for (int i = 0; i < MAX_BLOCKS; i++) {
                    if (blocks[i] != null && (flags[i] & WalRecordBuilder.WILL_INIT) == 0
                            && org.tuskdb.api.storage.PageLayout.lsn(pages[i]) <= redoPointer) {
                        images[i] = pages[i].toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                        blockData[i] = null;
                    }
                }
                synchronized (RecordingWal.this) {
                    long size = 24 + data.length;
                    for (byte[] b : blockData) {
                        size += b == null ? 0 : b.length + 8;
                    }
                    long start = position;
                    position = (start + size + 7) & -8L;
                    records.add(new Recorded(start, position, rmgr, info, xid, blocks, flags, blockData, data, images));
                    return position;
                }
            }
        };
    }

    @Override
    public synchronized long insertPosition() {
        return position;
    }

    @Override
    public synchronized long flushedPosition() {
        return position;
    }

    @Override
    public void flush(long upTo) {
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
    }

    @Override
    public long redoPointer() {
        return redoPointer;
    }

    @Override
    public boolean inRecovery() {
        return false;
    }

    @Override
    public Status status() {
        return new Status(position, position, "", 0, 0, 0, "test");
    }
}
