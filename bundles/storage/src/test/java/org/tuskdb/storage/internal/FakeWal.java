package org.tuskdb.storage.internal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.wal.WalRecord;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/** Records inserted records in memory; nothing else. */
final class FakeWal implements WriteAheadLog {
    record Inserted(int rmgr, int info, byte[] bytes) implements WalRecord {
        public long lsn() { return 0; }
        public long endLsn() { return 0; }
        public long xid() { return 0; }
        public int blockCount() { return 0; }
        public boolean hasBlock(int blockId) { return false; }
        public BlockReference block(int blockId) { throw new IllegalArgumentException(); }
        public boolean hasImage(int blockId) { return false; }
        public ByteBuffer blockData(int blockId) { return ByteBuffer.allocate(0); }
        public ByteBuffer data() { return ByteBuffer.wrap(bytes).asReadOnlyBuffer(); }
    }

    final List<Inserted> records = new ArrayList<>();

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        return new WalRecordBuilder() {
            private byte[] data = new byte[0];
            public WalRecordBuilder xid(long xid) { return this; }
            public WalRecordBuilder registerBuffer(int id, BlockReference b, MemorySegment p, int f) { return this; }
            public WalRecordBuilder blockData(int blockId, byte[] d) { return this; }
            public WalRecordBuilder data(byte[] d) { return data(d, 0, d.length); }
            public WalRecordBuilder data(byte[] d, int offset, int length) {
                byte[] all = java.util.Arrays.copyOf(data, data.length + length);
                System.arraycopy(d, offset, all, data.length, length);
                data = all;
                return this;
            }
            public long insert() {
                records.add(new Inserted(rmgr, info, data));
                return records.size() * 100L;
            }
        };
    }

    public long insertPosition() { return records.size() * 100L; }
    public long flushedPosition() { return insertPosition(); }
    public void flush(long upTo) { }
    public void awaitCommit(long commitEnd, boolean synchronous) { }
    public long redoPointer() { return 0; }
    public boolean inRecovery() { return false; }
    public Status status() { return null; }
}
