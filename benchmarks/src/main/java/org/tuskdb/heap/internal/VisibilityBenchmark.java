package org.tuskdb.heap.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
import org.tuskdb.api.storage.PageLayout;

/**
 * The hot path of every scan: HeapTupleSatisfiesMVCC on a page of tuples whose xmin is hinted
 * committed and whose xmax is invalid (the common case once a table has been read once).
 * JMH annotations for the lead's benchmark wiring; {@link #main} gives a rough number without
 * the JMH annotation processor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VisibilityBenchmark {
    private HeapVisibility visibility;
    private FakeTransactions.FakeSnapshot snapshot;
    private FakeTransactions.FakeTransaction tx;
    private MemorySegment page;
    private long[] tuples;

    @Setup
    public void setup() {
        FakeBufferPool buffers = new FakeBufferPool();
        FakeTransactions txm = new FakeTransactions(buffers);
        visibility = new HeapVisibility(txm, new RecordingWal());
        FakeTransactions.FakeTransaction loader = txm.begin();
        long xid = loader.xid();
        page = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE, 8);
        PageLayout.initialize(page, 0);
        MemorySegment image = MemorySegment.ofArray(new byte[TupleHeader.SIZE + 60]);
        TupleHeader.initialize(image, 0, xid, 0, TupleHeader.XMIN_COMMITTED);
        int n = 0;
        while (PageLayout.addItem(page, image) != 0) {
            n++;
        }
        tuples = new long[n];
        for (int i = 0; i < n; i++) {
            tuples[i] = HeapAccessService.itemStart(page, i + 1);
        }
        loader.commit(true);
        tx = txm.begin();
        txm.begin().xid(); // someone running: the snapshot is not trivial
        snapshot = tx.snapshot();
    }

    /** One page's worth of checks; divide by {@link #tuplesPerPage()} for one check. */
    @Benchmark
    public int checkPageOfHintedTuples() {
        int visible = 0;
        for (long t : tuples) {
            visible += visibility.satisfiesMvcc(page, t, snapshot, tx) & HeapVisibility.VISIBLE;
        }
        return visible;
    }

    public int tuplesPerPage() {
        return tuples.length;
    }

    public static void main(String[] args) {
        VisibilityBenchmark b = new VisibilityBenchmark();
        b.setup();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int iterations = 200_000;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += b.checkPageOfHintedTuples();
            }
            long ns = System.nanoTime() - start;
            System.out.printf("%.2f ns per check (%d tuples per page)%n",
                    (double) ns / iterations / b.tuplesPerPage(), b.tuplesPerPage());
        }
        System.out.println(sink == 0 ? "?" : "");
    }
}
