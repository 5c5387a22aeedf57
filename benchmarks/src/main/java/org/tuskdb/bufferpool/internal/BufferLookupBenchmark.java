package org.tuskdb.bufferpool.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * The buffer hit path (PostgreSQL's ReadBuffer of a resident page + ReleaseBuffer): mapping
 * lookup under a shared partition lock, pin CAS, unpin CAS; with and without the content lock.
 * 1024 resident pages of a 2048-buffer pool, visited in a fixed pseudo-random order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BufferLookupBenchmark {
    private static final RelFileLocator REL = new RelFileLocator(5, 16384);
    private static final int PAGES = 1024;

    private Path dir;
    private TwoProcesses procs;
    private SharedBuffers pool;
    private BlockReference[] blocks;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tusk-bufferpool-bench");
        procs = new TwoProcesses(dir, 2048, false);
        procs.storage.create(REL, ForkNumber.MAIN, false);
        pool = procs.first;
        blocks = new BlockReference[PAGES];
        for (int i = 0; i < PAGES; i++) {
            int b = pool.extend(REL, ForkNumber.MAIN);
            PageLayout.initialize(pool.page(b), 0);
            pool.markDirty(b);
            pool.unlockAndRelease(b);
            blocks[(int) ((i * 0x9E3779B1L) & (PAGES - 1))] = new BlockReference(REL, ForkNumber.MAIN, i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        procs.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private BlockReference nextBlock() {
        BlockReference ref = blocks[next];
        next = (next + 1) & (PAGES - 1);
        return ref;
    }

    @Benchmark
    public int readAndRelease() {
        int b = pool.read(nextBlock());
        pool.release(b);
        return b;
    }

    @Benchmark
    public long readLockSharedRelease() {
        int b = pool.read(nextBlock());
        pool.lockShared(b);
        MemorySegment page = pool.page(b);
        long lsn = PageLayout.lsn(page);
        pool.unlockAndRelease(b);
        return lsn;
    }

    /** Runs the benchmark without the JMH runner's annotation processing (quick look). */
    public static void main(String[] args) throws Exception {
        BufferLookupBenchmark bench = new BufferLookupBenchmark();
        bench.setUp();
        try {
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                int n = 5_000_000;
                long sink = 0;
                for (int i = 0; i < n; i++) {
                    sink += bench.readAndRelease();
                }
                long mid = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += bench.readLockSharedRelease();
                }
                long end = System.nanoTime();
                System.out.printf("read+release %.1f ns, read+lockShared+unlock+release %.1f ns (%d)%n",
                        (mid - start) / (double) n, (end - mid) / (double) n, sink & 1);
            }
        } finally {
            bench.tearDown();
        }
    }
}
