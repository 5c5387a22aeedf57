package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The B-tree's hot paths over the in-memory fakes: a point lookup by a 4-byte key in a built
 * index of 1M entries (three levels), and an insert of a random key. The fake pool's map lookup
 * and the fake WAL stand in for the real ones, so the numbers are for the tree's own work.
 * JMH annotations for the lead's benchmark wiring; {@link #main} gives a rough number without
 * the JMH annotation processor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BtreeBenchmark {
    static final int ENTRIES = 1_000_000;
    private BtreeAccessService am;
    private final Random random = new Random(1);
    private int next = ENTRIES;

    /** A WAL that only hands out positions. */
    static final class NullWal implements WriteAheadLog {
        private long position = 8;

        @Override
        public WalRecordBuilder record(int rmgr, int info) {
            return new WalRecordBuilder() {
                @Override public WalRecordBuilder xid(long xid) { return this; }
                @Override public WalRecordBuilder registerBuffer(int id, BlockReference b, MemorySegment p, int f) { return this; }
                @Override public WalRecordBuilder blockData(int id, byte[] d) { return this; }
                @Override public WalRecordBuilder data(byte[] d) { return this; }
                @Override public WalRecordBuilder data(byte[] d, int o, int l) { return this; }
                @Override public long insert() { return position += 64; }
            };
        }

        @Override public long insertPosition() { return position; }
        @Override public long flushedPosition() { return position; }
        @Override public void flush(long upTo) { }
        @Override public void awaitCommit(long commitEnd, boolean synchronous) { }
        @Override public long redoPointer() { return 0; }
        @Override public boolean inRecovery() { return false; }
        @Override public Status status() { return new Status(position, position, "", 0, 0, 0, "null"); }
    }

    @Setup
    public void setup() {
        am = new BtreeAccessService(null, new FakeBufferPool(), new NullWal(), new FakeStorage());
        am.create(BtreeFixture.INDEX);
        try (IndexBuild b = am.build(BtreeFixture.INDEX, null)) {
            for (int i = 0; i < ENTRIES; i++) {
                b.add(BtreeInsertScanTest.intKey(i * 2), BtreeFixture.tid(i));
            }
            b.finish();
        }
    }

    @Benchmark
    public long pointLookup() {
        byte[] k = BtreeInsertScanTest.intKey(random.nextInt(ENTRIES) * 2);
        ScanBound b = ScanBound.inclusive(k);
        try (IndexScan s = am.scan(BtreeFixture.INDEX, b, b, ScanDirection.FORWARD)) {
            return s.next() ? s.packedTid() : -1;
        }
    }

    @Benchmark
    public void insertRandomKey() {
        am.insert(BtreeFixture.INDEX, BtreeInsertScanTest.intKey(random.nextInt()), new Tid(next / 100 + 1, next % 100 + 1),
                UniqueCheck.NONE, null);
        next++;
    }

    public static void main(String[] args) {
        BtreeBenchmark b = new BtreeBenchmark();
        b.setup();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = 200_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += b.pointLookup();
            }
            long mid = System.nanoTime();
            for (int i = 0; i < n; i++) {
                b.insertRandomKey();
            }
            long end = System.nanoTime();
            System.out.printf("point lookup %.0f ns, insert %.0f ns%n", (double) (mid - start) / n, (double) (end - mid) / n);
        }
        System.out.println(sink == 0 ? "?" : "");
    }
}
