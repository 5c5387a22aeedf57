package org.tuskdb.transam.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.XidStatus;

/**
 * The visibility hot path: taking a snapshot with {@code running} other transactions in the
 * table, asking it about an xid, and a pg_xact lookup of a committed xid (resident page).
 * Wired into the JMH run by the benchmarks module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SnapshotBenchmark {
    @Param({"8", "100"})
    public int running;

    private Path directory;
    private TestServer server;
    private TransactionManagerImpl reader;
    private XidSnapshot snapshot;
    private long committed;
    private long probe;
    private final List<Transaction> writers = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("transam-bench");
        server = new TestServer(directory, running + 2, 16);
        FakeWal wal = new FakeWal();
        Transaction c = server.process(0, wal).begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        committed = c.xid();
        c.commit(false);
        for (int slot = 2; slot < running + 2; slot++) {
            Transaction w = server.process(slot, wal).begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
            w.xid();
            writers.add(w);
        }
        reader = server.process(1, wal);
        snapshot = server.transam(wal).procs.snapshot(1, 0);
        probe = writers.get(writers.size() / 2).topXid();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        writers.forEach(Transaction::abort);
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public XidSnapshot takeSnapshot() {
        return reader.transam().procs.snapshot(1, 0);
    }

    @Benchmark
    public boolean isInProgressRunning() {
        return snapshot.isInProgress(probe);
    }

    @Benchmark
    public boolean isInProgressCommitted() {
        return snapshot.isInProgress(committed);
    }

    @Benchmark
    public XidStatus clogStatusCommitted() {
        return reader.status(committed);
    }
}
