package org.tuskdb.transam.internal;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.wal.WalRecord;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/** A WAL that keeps records in a list, with increasing LSNs; flush and awaitCommit are recorded. */
final class FakeWal implements WriteAheadLog {
    record Rec(long lsn, long endLsn, int rmgr, int info, long xid, byte[] bytes) implements WalRecord {
        @Override public int blockCount() { return 0; }
        @Override public boolean hasBlock(int blockId) { return false; }
        @Override public BlockReference block(int blockId) { throw new IllegalArgumentException(); }
        @Override public boolean hasImage(int blockId) { return false; }
        @Override public ByteBuffer blockData(int blockId) { return ByteBuffer.allocate(0); }
        @Override public ByteBuffer data() { return ByteBuffer.wrap(bytes).asReadOnlyBuffer(); }
    }

    final List<Rec> records = new ArrayList<>();
    final List<long[]> commitWaits = new ArrayList<>();
    final List<Long> flushRequests = new ArrayList<>();
    private long insert = 100;
    private long flushed = 100;

    @Override
    public synchronized WalRecordBuilder record(int rmgr, int info) {
        return new WalRecordBuilder() {
            private long xid;
            private final ByteArrayOutputStream data = new ByteArrayOutputStream();

            @Override public WalRecordBuilder xid(long x) { xid = x; return this; }
            @Override public WalRecordBuilder registerBuffer(int blockId, BlockReference block, MemorySegment page, int flags) { return this; }
            @Override public WalRecordBuilder blockData(int blockId, byte[] d) { return this; }
            @Override public WalRecordBuilder data(byte[] d) { data.writeBytes(d); return this; }
            @Override public WalRecordBuilder data(byte[] d, int offset, int length) { data.write(d, offset, length); return this; }

            @Override
            public long insert() {
                synchronized (FakeWal.this) {
                    byte[] bytes = data.toByteArray();
                    long start = insert;
                    insert += 24 + bytes.length;
                    records.add(new Rec(start, insert, rmgr, info, xid, bytes));
                    return insert;
                }
            }
        };
    }

    synchronized List<Rec> records(int info) {
        return records.stream().filter(r -> r.info() == info).toList();
    }

    @Override public synchronized long insertPosition() { return insert; }
    @Override public synchronized long flushedPosition() { return flushed; }

    @Override
    public synchronized void flush(long upTo) {
        flushRequests.add(upTo);
        flushed = Math.max(flushed, Math.min(upTo, insert));
    }

    /** When set, awaitCommit waits for it first (a committer slow to get its commit durable). */
    volatile java.util.concurrent.CountDownLatch commitGate;

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
        java.util.concurrent.CountDownLatch gate = commitGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        recordCommitWait(commitEnd, synchronous);
    }

    private synchronized void recordCommitWait(long commitEnd, boolean synchronous) {
        commitWaits.add(new long[] {commitEnd, synchronous ? 1 : 0});
        if (synchronous) {
            flush(commitEnd);
        }
    }

    @Override public long redoPointer() { return 0; }
    @Override public boolean inRecovery() { return false; }
    @Override public Status status() { return new Status(insert, flushed, "000000010000000000000001", 0, 0, 0, "fake"); }
}
