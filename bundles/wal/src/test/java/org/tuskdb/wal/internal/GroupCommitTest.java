package org.tuskdb.wal.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    static final long START = WalFiles.segmentStart(1);

    @TempDir
    Path dir;

    @Test
    void eightCommittersShareFsyncs() throws Exception {
        long fsyncs = run(0);
        assertTrue(fsyncs < 320 / 2, fsyncs + " fsyncs for 320 commits");
    }

    @Test
    void onADiskWithTwoMillisecondFsyncsOneFsyncServesManyCommits() throws Exception {
        long fsyncs = run(2_000_000);
        assertTrue(fsyncs < 320 / 3, fsyncs + " fsyncs for 320 commits");
    }

    private long run(long extraSyncNanos) throws Exception {
        try (TestWal wal = new TestWal(dir, 64, WalSettings.DEFAULT)) { // fsync on: real fdatasync
            WalEngine e0 = wal.engine(0);
            e0.startAt(START, 0, START);
            int threads = 8;
            int commits = 40;
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                WalEngine engine = wal.engine(t);
                engine.files().extraSyncNanos = extraSyncNanos;
                EngineWal w = new EngineWal(engine);
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        for (int n = 0; n < commits; n++) {
                            long end = w.record(1, 0).xid(n).data(new byte[48]).insert();
                            w.awaitCommit(end, true);
                            assertTrue(w.flushedPosition() >= end, "durable when acknowledged");
                        }
                    } catch (Throwable x) {
                        failure.compareAndSet(null, x);
                    }
                });
                th.start();
                ts.add(th);
            }
            EngineWal single = new EngineWal(e0);
            long t0 = System.nanoTime();
            for (int n = 0; n < 50; n++) {
                single.awaitCommit(single.record(1, 0).data(new byte[48]).insert(), true);
            }
            System.out.printf("one committer: %.1f us per commit%n", (System.nanoTime() - t0) / 50 / 1e3);
            long before = e0.fsyncs();
            t0 = System.nanoTime();
            go.countDown();
            for (Thread th : ts) {
                th.join();
            }
            assertNull(failure.get());
            long fsyncs = e0.fsyncs() - before;
            int total = threads * commits;
            System.out.printf("group commit: %d commits, %d fsyncs, %.1f us per commit%n", total, fsyncs,
                    (System.nanoTime() - t0) / total / 1e3);
            assertTrue(fsyncs > 0);
            return fsyncs;
        }
    }

    @Test
    void asynchronousCommitLeavesTheFlushToTheWalWriter() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, WalSettings.DEFAULT)) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            EngineWal w = new EngineWal(e);
            long end = w.record(1, 0).data(new byte[8]).insert();
            w.awaitCommit(end, false);
            assertTrue(w.flushedPosition() < end, "not flushed by the committer");
            assertTrue(org.tuskdb.shmem.sync.Latch.isSet(e.region(), WalRegion.WALWRITER_LATCH), "walwriter woken");
            assertEquals(0, e.fsyncs());
        }
    }

    @Test
    void fsyncOffWritesWithoutSyncing() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            long end = e.record(1, 0).data(new byte[8]).insert();
            e.flush(end);
            assertEquals(end, e.flushedPosition());
            assertEquals(0, e.fsyncs());
            assertEquals(1, e.writes());
        }
    }
}
