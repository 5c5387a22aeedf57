package org.tuskdb.wal.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.WalRecordBuilder;

class RecoveryTest {
    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final Fakes.Storage storage = new Fakes.Storage();
    final Fakes.Pool pool = new Fakes.Pool(storage);
    final Fakes.Participant xact = new Fakes.Participant("transam", 100, calls, "next-xid-42".getBytes());
    final Fakes.Participant buffers = new Fakes.Participant("bufferpool", 500, calls, null);
    final List<CheckpointParticipant> participants = List.of(buffers, xact); // deliberately unordered
    final Fakes.ByteRmgr heap = new Fakes.ByteRmgr(10);
    final Map<Integer, ResourceManager> rmgrs = Map.of(0, new XlogResourceManager(), 10, heap);

    static final RelFileLocator REL = new RelFileLocator(5, 16384);
    static final BlockReference B0 = new BlockReference(REL, ForkNumber.MAIN, 0);

    Recovery.Outcome recover(TestWal wal, WalEngine e) throws Exception {
        return wal.recover(e, participants, id -> {
            ResourceManager rm = rmgrs.get(id);
            if (rm == null) {
                throw DatabaseException.fatal("XX000", "resource manager with ID " + id + " is not registered");
            }
            return rm;
        }, pool, storage);
    }

    @Test
    void aFreshDataDirectoryGetsItsFirstSegmentAndCheckpoint() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            Recovery.Outcome o = recover(wal, e);
            assertTrue(o.fresh());
            assertTrue(Files.exists(dir.resolve("pg_wal/000000010000000000000001")));
            assertEquals(WalFiles.SEGMENT_SIZE, Files.size(dir.resolve("pg_wal/000000010000000000000001")));
            ControlFile.Data c = ControlFile.read(ControlFile.path(dir));
            assertEquals(ControlFile.STATE_IN_PRODUCTION, c.state());
            assertEquals(WalFiles.segmentStart(1), c.checkpointLsn());
            assertNull(xact.startState);
            assertEquals(List.of("transam.startRecovery", "bufferpool.startRecovery", "transam.endRecovery",
                    "bufferpool.endRecovery", "transam.checkpoint", "bufferpool.checkpoint"), calls);
            assertEquals(e.insertPosition(), e.flushedPosition());
            assertFalse(e.state() == WalRegion.STATE_RECOVERY);
        }
    }

    @Test
    void replayAfterACrashRestoresImagesSkipsDoneAndRedoesTheRest() throws Exception {
        TestWal wal = new TestWal(dir, 16, TestWal.fast());
        WalEngine e = wal.engine(0);
        recover(wal, e);
        // Block 0: first change after the checkpoint -> image. Then two plain changes.
        MemorySegment page = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
        PageLayout.initialize(page, 0);
        page.set(ValueLayout.JAVA_BYTE, 100, (byte) 1);
        long l1 = e.record(10, 0).registerBuffer(0, B0, page, WalRecordBuilder.STANDARD).data(new byte[] {1}).insert();
        PageLayout.setLsn(page, l1);
        page.set(ValueLayout.JAVA_BYTE, 100, (byte) 2);
        long l2 = e.record(10, 0).xid(77).registerBuffer(0, B0, page, WalRecordBuilder.STANDARD).data(new byte[] {2}).insert();
        PageLayout.setLsn(page, l2);
        // Block 1 initialized by its record (WILL_INIT): no image, redo rebuilds it.
        BlockReference b1 = new BlockReference(REL, ForkNumber.MAIN, 1);
        MemorySegment p1 = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
        PageLayout.initialize(p1, 0);
        e.record(10, 1).xid(78).registerBuffer(0, b1, p1, WalRecordBuilder.WILL_INIT).data(new byte[] {5}).insert();
        // A block of a relation that does not exist any more.
        BlockReference gone = new BlockReference(new RelFileLocator(5, 99999), ForkNumber.MAIN, 3);
        MemorySegment p2 = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
        PageLayout.initialize(p2, 0);
        PageLayout.setLsn(p2, Long.MAX_VALUE / 2); // past the redo pointer: no image
        e.record(10, 0).registerBuffer(0, gone, p2, WalRecordBuilder.STANDARD).data(new byte[] {6}).insert();
        long end = e.record(10, 0).data(new byte[] {7}).insert();
        e.flush(end);
        storage.create(REL, ForkNumber.MAIN, false);
        // kill -9: the region is gone, the files stay.
        calls.clear();
        wal = wal.crash();
        e = wal.engine(1);
        Recovery.Outcome o = recover(wal, e);
        assertTrue(o.replayed());
        assertEquals(6, o.records(), "the end-of-bootstrap checkpoint record and five records");
        assertEquals(78, o.highestXid());
        assertEquals(end, o.end());
        assertEquals(List.of("RESTORED:1", "NEEDS_REDO:2", "NEEDS_REDO:5", "NOT_FOUND:6", "nob:7"), heap.log);
        MemorySegment redone = pool.pageOf(B0);
        assertEquals(2, redone.get(ValueLayout.JAVA_BYTE, 100));
        assertEquals(l2, PageLayout.lsn(redone));
        assertEquals(5, pool.pageOf(b1).get(ValueLayout.JAVA_BYTE, 100));
        assertEquals(0, pool.pins, "every buffer released");
        assertEquals(0, pool.locks, "every lock released");
        assertArrayEquals("next-xid-42".getBytes(), xact.startState);
        assertEquals(end, xact.end.endLsn());
        assertEquals(6, xact.end.replayed());
        assertEquals(List.of("transam.startRecovery", "bufferpool.startRecovery", "transam.endRecovery",
                "bufferpool.endRecovery", "transam.checkpoint", "bufferpool.checkpoint"), calls);
        ControlFile.Data c = ControlFile.read(ControlFile.path(dir));
        assertEquals(ControlFile.STATE_IN_PRODUCTION, c.state());
        assertEquals(end, c.checkpointLsn(), "end-of-recovery checkpoint right after the replayed WAL");

        // Replaying again from that checkpoint: the record before it is DONE on pages already redone.
        heap.log.clear();
        pool.flushAll();
        wal = wal.crash();
        Recovery.Outcome again = recover(wal, wal.engine(2));
        assertEquals(1, again.records(), "only the end-of-recovery checkpoint record");
        assertTrue(heap.log.isEmpty());
        wal.close();
    }

    @Test
    void pagesAlreadyPastARecordAreDone() throws Exception {
        TestWal wal = new TestWal(dir, 16, TestWal.fast());
        WalEngine e = wal.engine(0);
        recover(wal, e);
        storage.create(REL, ForkNumber.MAIN, false);
        MemorySegment page = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
        PageLayout.initialize(page, 0);
        PageLayout.setLsn(page, Long.MAX_VALUE / 2);
        long end = e.record(10, 0).registerBuffer(0, B0, page, WalRecordBuilder.STANDARD).data(new byte[] {3}).insert();
        e.flush(end);
        PageLayout.setLsn(page, end + 8);
        storage.write(REL, ForkNumber.MAIN, 0, page); // the page reached disk after the record
        wal = wal.crash();
        recover(wal, wal.engine(1));
        assertEquals(List.of("DONE:3"), heap.log);
        assertEquals(0, pool.pins);
        wal.close();
    }

    @Test
    void aTornTailEndsReplayAndIsZeroedForLater() throws Exception {
        TestWal wal = new TestWal(dir, 16, TestWal.fast());
        WalEngine e = wal.engine(0);
        recover(wal, e);
        e.record(10, 0).data(new byte[] {1}).insert();
        long goodEnd = e.record(10, 0).data(new byte[] {2}).insert();
        long tornEnd = e.record(10, 0).data(new byte[2000]).insert();
        e.record(10, 0).data(new byte[] {4}).insert(); // a complete record after the torn one
        e.flush(e.insertPosition());
        Path seg = dir.resolve("pg_wal").resolve(WalFiles.segmentName(1));
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[500]).put(0, (byte) 0x5A).put(499, (byte) 0x5A), goodEnd - WalFiles.segmentStart(1) + 1000); // tear record 3
        }
        wal = wal.crash();
        e = wal.engine(1);
        Recovery.Outcome o = recover(wal, e);
        assertEquals(goodEnd, o.end());
        assertEquals(List.of("nob:1", "nob:2"), heap.log);
        // The complete record behind the torn one has been zeroed away.
        byte[] tail = new byte[64];
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(tail), tornEnd - WalFiles.segmentStart(1));
        }
        assertArrayEquals(new byte[64], tail);
        wal.close();
    }

    @Test
    void aCleanShutdownReplaysNothing() throws Exception {
        TestWal wal = new TestWal(dir, 16, TestWal.fast());
        WalEngine e = wal.engine(0);
        recover(wal, e);
        e.record(10, 0).data(new byte[] {1}).insert();
        new CheckpointRunner(e, dir, () -> participants).run(CheckpointRecord.INFO_SHUTDOWN, "shutdown");
        ControlFile.Data c = ControlFile.read(ControlFile.path(dir));
        assertEquals(ControlFile.STATE_SHUT_DOWN, c.state());
        assertEquals(c.checkpointLsn(), c.redoLsn(), "a shutdown checkpoint's redo is itself");
        wal = wal.crash();
        e = wal.engine(1);
        Recovery.Outcome o = recover(wal, e);
        assertFalse(o.replayed());
        assertTrue(heap.log.isEmpty());
        assertEquals(ControlFile.STATE_IN_PRODUCTION, ControlFile.read(ControlFile.path(dir)).state());
        assertTrue(e.insertPosition() > c.checkpointLsn());
        e.record(10, 0).data(new byte[] {9}).insert(); // the WAL is writable again
        wal.close();
    }

    @Test
    void anUnknownResourceManagerFailsStartupNamingIt() throws Exception {
        TestWal wal = new TestWal(dir, 16, TestWal.fast());
        WalEngine e = wal.engine(0);
        recover(wal, e);
        e.flush(e.record(42, 0).data(new byte[] {1}).insert());
        wal = wal.crash();
        TestWal w2 = wal;
        DatabaseException ex = assertThrows(DatabaseException.class, () -> recover(w2, w2.engine(1)));
        assertTrue(ex.getMessage().contains("42"), ex.getMessage());
        wal.close();
    }

    @Test
    void aDamagedControlFileStopsStartup() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            recover(wal, wal.engine(0));
        }
        Path control = ControlFile.path(dir);
        byte[] bytes = Files.readAllBytes(control);
        bytes[30] ^= 1;
        Files.write(control, bytes);
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            DatabaseException ex = assertThrows(DatabaseException.class, () -> recover(wal, wal.engine(1)));
            assertEquals("XX001", ex.sqlState());
        }
    }
}
