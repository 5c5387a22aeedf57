package org.tuskdb.wal.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.shmem.sync.Atomics;

class CheckpointTest {
    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final Fakes.Storage storage = new Fakes.Storage();
    final Fakes.Pool pool = new Fakes.Pool(storage);
    final Fakes.Participant xact = new Fakes.Participant("transam", 100, calls, new byte[] {1, 2});
    final List<CheckpointParticipant> participants = List.of(xact);
    final Map<Integer, ResourceManager> rmgrs = Map.of(0, new XlogResourceManager(), 10, new Fakes.ByteRmgr(10));

    private WalEngine started(TestWal wal) throws Exception {
        WalEngine e = wal.engine(0);
        wal.recover(e, participants, rmgrs::get, pool, storage);
        return e;
    }

    private static void fill(WalEngine e, long bytes) {
        long until = e.insertPosition() + bytes;
        byte[] data = new byte[60_000];
        while (e.insertPosition() < until) {
            e.record(10, 0).data(data).insert();
        }
        e.flush(e.insertPosition());
    }

    @Test
    void aCheckpointRemovesSegmentsBeforeItsRedoPoint() throws Exception {
        try (TestWal wal = new TestWal(dir, 64, TestWal.fast().withSizes(1024, 32))) { // keep 2 segments
            WalEngine e = started(wal);
            fill(e, 4L * WalFiles.SEGMENT_SIZE);
            WalFiles files = e.files();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), files.list());
            long redoBefore = e.redoPointer();
            xact.onCheckpoint = () -> assertTrue(e.redoPointer() > redoBefore, "redo pointer moved before participants ran");
            CheckpointRunner.Result r = new CheckpointRunner(e, dir, () -> participants).run(CheckpointRecord.INFO_ONLINE, "test");
            assertEquals(e.redoPointer(), r.redo());
            long keep = WalFiles.segno(r.redo());
            assertEquals(5, keep);
            List<Long> left = files.list();
            assertTrue(left.stream().noneMatch(s -> s < keep), "old segments gone: " + left);
            assertEquals(1, r.recycled(), "one recycled to keep min_wal_size");
            assertEquals(3, r.removed());
            assertEquals(List.of(5L, 6L), left);
            ControlFile.Data c = ControlFile.read(ControlFile.path(dir));
            assertEquals(r.lsn(), c.checkpointLsn());
            assertEquals(r.redo(), c.redoLsn());
            assertEquals(r.lsn(), e.region().get(java.lang.foreign.ValueLayout.JAVA_LONG, WalRegion.LAST_CKPT_LSN));
            xact.onCheckpoint = () -> { };
            // The recycled segment is written into without trouble and recovery reads across it.
            fill(e, WalFiles.SEGMENT_SIZE + 1000);
            long end = e.insertPosition();
            try (TestWal again = wal.crash()) {
                Recovery.Outcome o = again.recover(again.engine(1), participants, rmgrs::get, pool, storage);
                assertEquals(end, o.end());
                assertArrayEquals(new byte[] {1, 2}, xact.startState);
            }
        }
    }

    @Test
    void requestedCheckpointsAreRunByTheLoopAndCounted() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = started(wal);
            CheckpointerLoop loop = new CheckpointerLoop(e, new CheckpointRunner(e, dir, () -> participants), () -> 17);
            Atomics.setLongRelease(e.region(), WalRegion.CHECKPOINTER_PID, 1);
            Thread t = new Thread(loop::run);
            t.start();
            try {
                e.record(10, 0).data(new byte[] {1}).insert();
                long before = ControlFile.read(ControlFile.path(dir)).checkpointLsn();
                CheckpointRequests.request(e.region(), true);
                long after = ControlFile.read(ControlFile.path(dir)).checkpointLsn();
                assertTrue(after > before, "a new checkpoint is in pg_control when the request returns");
                CheckpointRequests.request(e.region(), true);
                Checkpointer.Counts c = CheckpointRequests.counts(e.region());
                assertEquals(2, c.requested());
                assertEquals(0, c.timed());
                assertEquals(17, c.buffersWritten());
                assertTrue(c.lastCompletedMillis() > 0);
                // shutdown: the shutdown checkpoint, pg_control "shut down"
                loop.requestShutdown();
                t.join(5000);
                assertFalse(t.isAlive());
                ControlFile.Data d = ControlFile.read(ControlFile.path(dir));
                assertEquals(ControlFile.STATE_SHUT_DOWN, d.state());
                assertEquals(d.checkpointLsn(), d.redoLsn());
            } finally {
                loop.stop();
                t.join(5000);
            }
        }
    }

    @Test
    void aFailingParticipantFailsTheRequest() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = started(wal);
            xact.onCheckpoint = () -> { throw new IllegalStateException("disk full"); };
            CheckpointerLoop loop = new CheckpointerLoop(e, new CheckpointRunner(e, dir, () -> participants), () -> 0);
            Thread t = new Thread(loop::run);
            t.start();
            try {
                var ex = assertThrows(org.tuskdb.api.DatabaseException.class,
                        () -> CheckpointRequests.request(e.region(), true));
                assertEquals("XX000", ex.sqlState());
            } finally {
                loop.stop();
                t.join(5000);
            }
        }
    }

    @Test
    void walGrowthPastMaxWalSizeRequestsACheckpoint() throws Exception {
        try (TestWal wal = new TestWal(dir, 64, TestWal.fast().withSizes(16, 32))) {
            WalEngine e = started(wal);
            fill(e, WalFiles.SEGMENT_SIZE + 100_000);
            int bits = Atomics.getIntAcquire(e.region(), WalRegion.CKPT_REQUEST);
            assertEquals(WalRegion.REQUEST_SIZE, bits & WalRegion.REQUEST_SIZE);
            assertTrue(Files.exists(dir.resolve("pg_wal").resolve(WalFiles.segmentName(2))));
        }
    }
}
