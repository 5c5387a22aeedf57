package org.tuskdb.wal.internal;

import java.lang.foreign.Arena;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.WalRecordBuilder;

/**
 * The WAL insert path (assemble, CRC, reserve, copy; written out by the inserters themselves
 * when the ring is full, fsync off): a heap-insert-sized record with one block reference and
 * 100 bytes of data, and a commit-sized record without blocks. The lead wires JMH; run e.g.
 * {@code java -cp <test classpath> org.openjdk.jmh.Main WalInsertBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WalInsertBenchmark {
    private Path dir;
    private TestWal wal;
    private WalEngine engine;
    private MemorySegment page;
    private final BlockReference block = new BlockReference(new RelFileLocator(5, 16384), ForkNumber.MAIN, 7);
    private final byte[] tuple = new byte[100];
    private final byte[] commit = new byte[16];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("wal-bench");
        wal = new TestWal(dir, 512, TestWal.fast());
        engine = wal.engine(0);
        engine.startAt(WalFiles.segmentStart(1), 0, WalFiles.segmentStart(1));
        page = Arena.ofShared().allocate(PageLayout.PAGE_SIZE);
        PageLayout.initialize(page, 0);
        PageLayout.setLsn(page, Long.MAX_VALUE / 2); // past the redo pointer: no full-page image
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        wal.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long heapInsertRecord() {
        return engine.record(10, 0).xid(1234).registerBuffer(0, block, page, WalRecordBuilder.STANDARD)
                .blockData(0, tuple).data(commit, 0, 4).insert();
    }

    @Benchmark
    @Threads(4)
    public long heapInsertRecordFourThreads() {
        return heapInsertRecord();
    }

    @Benchmark
    public long commitRecord() {
        return engine.record(1, 0).xid(1234).data(commit).insert();
    }
}
