package org.tuskdb.wal.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.WalRecordBuilder;

class WalInsertTest {
    static final long START = WalFiles.segmentStart(1);

    @TempDir
    Path dir;

    private static byte[] payload(int seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void recordsReadBackAcrossRingWrapPagesAndSegments() throws Exception {
        try (TestWal wal = new TestWal(dir, 8, TestWal.fast())) { // 64 KiB ring: wraps constantly
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            List<Integer> sizes = new ArrayList<>();
            long total = 0;
            int i = 0;
            Random r = new Random(1);
            while (total < WalFiles.SEGMENT_SIZE + 3_000_000L) {
                int size = i % 97 == 0 ? 200_000 + r.nextInt(100_000) : r.nextInt(3000); // some larger than the ring
                sizes.add(size);
                long end = e.record(10, i & 0xFF).xid(i).data(payload(i, size)).insert();
                total = end - START;
                i++;
            }
            e.flush(e.insertPosition());
            assertEquals(e.insertPosition(), e.flushedPosition());
            assertTrue(WalFiles.segno(e.insertPosition()) >= 2, "crossed into the next segment");

            try (WalReader reader = wal.reader(START)) {
                long prevEnd = START;
                for (int k = 0; k < sizes.size(); k++) {
                    DecodedRecord rec = reader.next();
                    assertNotNull(rec, "record " + k + ": " + reader.endReason());
                    assertEquals(prevEnd, rec.lsn());
                    assertEquals(k & 0xFF, rec.info());
                    assertEquals(k, rec.xid());
                    ByteBuffer data = rec.data();
                    byte[] got = new byte[data.remaining()];
                    data.get(got);
                    assertArrayEquals(payload(k, sizes.get(k)), got, "payload of record " + k);
                    prevEnd = rec.endLsn();
                }
                assertNull(reader.next());
                assertEquals(e.insertPosition(), reader.endOfValid());
            }
        }
    }

    @Test
    void concurrentInsertersProduceOneValidChain() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e0 = wal.engine(0);
            e0.startAt(START, 0, START);
            int threads = 8;
            int perThread = 3000;
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                WalEngine e = t % 2 == 0 ? e0 : wal.engine(t); // two "processes"
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        for (int n = 0; n < perThread; n++) {
                            byte[] data = ByteBuffer.allocate(8 + (n % 50) * 13).putInt(id).putInt(n).array();
                            long end = e.record(10, 0).xid(id).data(data).insert();
                            if (n % 100 == 0) {
                                e.flush(end);
                            }
                        }
                    } catch (Throwable x) {
                        failure.compareAndSet(null, x);
                    }
                });
                th.start();
                ts.add(th);
            }
            go.countDown();
            for (Thread th : ts) {
                th.join();
            }
            assertNull(failure.get());
            e0.flush(e0.insertPosition());
            int[] next = new int[threads];
            int count = 0;
            try (WalReader reader = wal.reader(START)) {
                DecodedRecord rec;
                while ((rec = reader.next()) != null) {
                    ByteBuffer d = rec.data();
                    int t = d.getInt();
                    int n = d.getInt();
                    assertEquals(next[t], n, "thread " + t + " records in order");
                    next[t]++;
                    count++;
                }
                assertEquals(e0.insertPosition(), reader.endOfValid(), reader.endReason());
            }
            assertEquals(threads * perThread, count);
        }
    }

    @Test
    void tornOrCorruptRecordEndsTheWal() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            long[] starts = new long[10];
            for (int i = 0; i < 10; i++) {
                starts[i] = e.insertPosition();
                e.record(10, 0).data(payload(i, 500)).insert();
            }
            e.flush(e.insertPosition());
            flipBits(wal, starts[7] - START + 200, 0x40); // in the middle of record 7's data
            try (WalReader reader = wal.reader(START)) {
                int n = 0;
                while (reader.next() != null) {
                    n++;
                }
                assertEquals(7, n);
                assertEquals(starts[7], reader.endOfValid());
                assertTrue(reader.endReason().contains("checksum"), reader.endReason());
            }
        }
    }

    /** Flips bits of one byte of segment 1 at {@code off}. */
    private static void flipBits(TestWal wal, long off, int mask) throws Exception {
        try (FileChannel ch = FileChannel.open(wal.data.resolve("pg_wal").resolve(WalFiles.segmentName(1)),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, off);
            b.put(0, (byte) (b.get(0) ^ mask)).rewind();
            ch.write(b, off);
        }
    }

    @Test
    void aRecordReadAloneIsCheckedLikeOneReadInSequence() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            long[] starts = new long[4];
            for (int i = 0; i < 4; i++) {
                starts[i] = e.insertPosition();
                e.record(10, i).data(payload(i, 300 + i)).insert();
            }
            e.flush(e.insertPosition());
            try (WalReader reader = wal.reader(starts[2])) {
                DecodedRecord r = reader.nextAlone();
                assertNotNull(r, reader.endReason());
                assertEquals(2, r.info());
                assertEquals(starts[3], reader.endOfValid());
                assertNotNull(reader.next()); // and the reader goes on from there
                assertNull(reader.next());
            }
            try (WalReader reader = wal.reader(starts[3] + 8)) {
                assertNull(reader.nextAlone()); // not a record start: stale, torn or zeros
            }
            flipBits(wal, starts[1] - START + 100, 0x01);
            try (WalReader reader = wal.reader(starts[1])) {
                assertNull(reader.nextAlone());
                assertTrue(reader.endReason().contains("checksum"), reader.endReason());
            }
        }
    }

    @Test
    void readingStopsAtZerosAndAtStaleRecordsOfARecycledSegment() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            e.record(10, 0).data(new byte[] {1}).insert();
            long end = e.record(10, 0).data(new byte[] {2}).insert();
            e.flush(end);
            try (WalReader reader = wal.reader(START)) {
                assertNotNull(reader.next());
                assertNotNull(reader.next());
                assertNull(reader.next());
                assertTrue(reader.endReason().startsWith("zeros"), reader.endReason());
            }
            // The same bytes under another segment's name (a recycled file): nothing is valid there.
            java.nio.file.Files.copy(wal.data.resolve("pg_wal").resolve(WalFiles.segmentName(1)),
                    wal.data.resolve("pg_wal").resolve(WalFiles.segmentName(5)));
            try (WalReader reader = wal.reader(WalFiles.segmentStart(5))) {
                assertNull(reader.next());
                assertTrue(reader.endReason().contains("stale"), reader.endReason());
            }
        }
    }

    @Test
    void fullPageImagesFollowTheRedoPointerWithHoleCompression() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START + 4096);
            Arena arena = Arena.ofAuto();
            MemorySegment old = arena.allocate(PageLayout.PAGE_SIZE);
            PageLayout.initialize(old, 0);
            PageLayout.addItem(old, MemorySegment.ofArray(payload(3, 300)));
            PageLayout.setLsn(old, START + 100); // before the redo pointer: needs an image
            MemorySegment recent = arena.allocate(PageLayout.PAGE_SIZE);
            PageLayout.initialize(recent, 0);
            PageLayout.setLsn(recent, START + 5000); // after it: no image
            RelFileLocator rel = new RelFileLocator(5, 16384);
            BlockReference b0 = new BlockReference(rel, ForkNumber.MAIN, 0);
            BlockReference b1 = new BlockReference(rel, ForkNumber.MAIN, 1);
            BlockReference b2 = new BlockReference(rel, ForkNumber.MAIN, 2);
            BlockReference b3 = new BlockReference(rel, ForkNumber.FSM, 3);
            e.record(10, 0)
                    .registerBuffer(0, b0, old, WalRecordBuilder.STANDARD).blockData(0, new byte[] {9, 9})
                    .registerBuffer(1, b1, recent, WalRecordBuilder.STANDARD).blockData(1, new byte[] {7})
                    .registerBuffer(2, b2, old, WalRecordBuilder.WILL_INIT)
                    .registerBuffer(5, b3, recent, WalRecordBuilder.FORCE_IMAGE)
                    .data(new byte[] {1, 2, 3}).insert();
            e.flush(e.insertPosition());
            try (WalReader reader = wal.reader(START)) {
                DecodedRecord rec = reader.next();
                assertNotNull(rec, reader.endReason());
                assertEquals(6, rec.blockCount());
                assertTrue(rec.hasImage(0));
                assertEquals(0, rec.blockData(0).remaining(), "data is left out when an image is logged");
                assertFalse(rec.hasImage(1));
                assertEquals(1, rec.blockData(1).remaining());
                assertFalse(rec.hasImage(2));
                assertTrue(rec.willInit(2));
                assertTrue(rec.hasImage(5));
                assertFalse(rec.hasBlock(3));
                assertEquals(b3, rec.block(5));
                assertEquals(3, rec.data().remaining());
                MemorySegment restored = arena.allocate(PageLayout.PAGE_SIZE);
                restored.fill((byte) 0x55);
                rec.restoreImage(0, restored);
                assertEquals(-1, old.mismatch(restored));
                // The hole was left out: the record is much smaller than two pages.
                assertTrue(rec.endLsn() - rec.lsn() < PageLayout.PAGE_SIZE + 1000, "hole compressed");
            }
        }
    }

    @Test
    void aMovedRedoPointerMakesTheBuilderAddAnImage() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            e.startAt(START, 0, START);
            MemorySegment page = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
            PageLayout.initialize(page, 0);
            BlockReference b = new BlockReference(new RelFileLocator(5, 1), ForkNumber.MAIN, 0);
            long first = e.record(10, 0).registerBuffer(0, b, page, WalRecordBuilder.STANDARD).insert();
            PageLayout.setLsn(page, first); // first change after START: image taken (lsn 0 <= redo)
            long second = e.record(10, 0).registerBuffer(0, b, page, WalRecordBuilder.STANDARD).insert();
            PageLayout.setLsn(page, second);
            e.advanceRedoPointer(); // a checkpoint begins
            e.record(10, 0).registerBuffer(0, b, page, WalRecordBuilder.STANDARD).insert();
            e.flush(e.insertPosition());
            try (WalReader reader = wal.reader(START)) {
                assertTrue(reader.next().hasImage(0));
                assertFalse(reader.next().hasImage(0));
                assertTrue(reader.next().hasImage(0));
            }
        }
    }

    @Test
    void insertIsRefusedBeforeTheWalIsStarted() throws Exception {
        try (TestWal wal = new TestWal(dir, 16, TestWal.fast())) {
            WalEngine e = wal.engine(0);
            var ex = assertThrows(org.tuskdb.api.DatabaseException.class, () -> e.record(10, 0).insert());
            assertEquals("55000", ex.sqlState());
            // and the builder is usable again afterwards
            e.startAt(START, 0, START);
            assertEquals(START + 40, e.record(10, 0).insert());
            assertEquals(0, MemorySegment.ofArray(new byte[1]).get(ValueLayout.JAVA_BYTE, 0));
        }
    }
}
