package org.tuskdb.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;

class RelationFilesTest {
    private static final RelFileLocator REL = new RelFileLocator(5, 16384);

    @TempDir
    Path data;
    @TempDir
    Path shm;

    private Arena arena;
    private MemorySegment first;
    private MemorySegment second;
    private final AtomicBoolean fsync = new AtomicBoolean(true);
    private final FakeWal wal = new FakeWal();

    /** The "storage" region mapped twice: two processes. */
    @BeforeEach
    void mapRegion() throws IOException {
        arena = Arena.ofShared();
        long size = PendingSyncLayout.regionSize(16);
        try (FileChannel ch = FileChannel.open(shm.resolve("segment"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
            first = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            second = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        }
        PendingSyncs.initialize(first, 16);
    }

    @AfterEach
    void unmap() {
        arena.close();
    }

    private RelationFiles process(MemorySegment region) {
        return new RelationFiles(data, new PendingSyncs(region), () -> wal, fsync::get, 4);
    }

    private MemorySegment page(Arena a, int fill) {
        MemorySegment page = a.allocate(PageLayout.PAGE_SIZE, 4096);
        page.fill((byte) fill);
        return page;
    }

    @Test
    void writtenBlocksReadBackAndBlocksPastTheEndAreZeros() {
        RelationFiles files = process(first);
        files.create(REL, ForkNumber.MAIN, false);
        assertTrue(Files.exists(data.resolve("base/5/16384")));
        assertEquals(0, files.blockCount(REL, ForkNumber.MAIN));
        try (Arena a = Arena.ofConfined()) {
            files.write(REL, ForkNumber.MAIN, 2, page(a, 7));
            assertEquals(3, files.blockCount(REL, ForkNumber.MAIN));
            MemorySegment in = page(a, 1);
            process(second).read(REL, ForkNumber.MAIN, 2, in);
            assertEquals(7, in.get(ValueLayout.JAVA_BYTE, 8191));
            files.read(REL, ForkNumber.MAIN, 0, in);
            assertEquals(0, in.get(ValueLayout.JAVA_BYTE, 100), "hole reads as zeros");
            in.fill((byte) 1);
            files.read(REL, ForkNumber.MAIN, 9, in);
            assertArrayEquals(new byte[PageLayout.PAGE_SIZE], in.toArray(ValueLayout.JAVA_BYTE), "past EOF: zeros");
        }
    }

    @Test
    void aMissingFileIs58P01WithPostgresMessage() {
        RelationFiles files = process(first);
        try (Arena a = Arena.ofConfined()) {
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> files.read(REL, ForkNumber.MAIN, 0, page(a, 0)));
            assertEquals("58P01", e.sqlState());
            assertEquals("could not open file \"base/5/16384\": No such file or directory", e.getMessage());
            assertThrows(DatabaseException.class, () -> files.write(REL, ForkNumber.MAIN, 0, page(a, 0)));
        }
        assertEquals(0, files.blockCount(REL, ForkNumber.MAIN));
        assertFalse(files.exists(REL, ForkNumber.MAIN));
    }

    @Test
    void syncPendingSyncsEachWrittenFileOnceAndClearsTheSet() {
        RelationFiles a = process(first);
        RelationFiles b = process(second);
        RelFileLocator other = new RelFileLocator(5, 16385);
        a.create(REL, ForkNumber.MAIN, false);
        a.create(other, ForkNumber.FSM, false);
        assertEquals(4, a.syncPending(), "two files, base/ and base/5 (created)");
        try (Arena arena = Arena.ofConfined()) {
            a.write(REL, ForkNumber.MAIN, 0, page(arena, 3));
            b.write(REL, ForkNumber.MAIN, 1, page(arena, 3));
            b.write(other, ForkNumber.FSM, 0, page(arena, 3));
        }
        assertEquals(2, b.syncPending(), "registered by two processes, synced once");
        assertEquals(0, a.syncPending());
        try (Arena arena = Arena.ofConfined()) {
            a.write(REL, ForkNumber.MAIN, 0, page(arena, 4)); // new cycle: registers again
        }
        assertEquals(1, a.syncPending());
    }

    @Test
    void fsyncOffTakesTheSetWithoutSyncing() {
        RelationFiles a = process(first);
        a.create(REL, ForkNumber.MAIN, false);
        fsync.set(false);
        assertEquals(0, a.syncPending());
        fsync.set(true);
        assertEquals(0, a.syncPending(), "the set was cleared");
    }

    @Test
    void aFullSetFallsBackToSyncingEverything() {
        RelationFiles a = process(first);
        a.syncPending();
        for (int i = 1; i <= 20; i++) {
            a.create(new RelFileLocator(5, 20000 + i), ForkNumber.MAIN, false);
        }
        assertEquals(20, a.syncPending(), "every file under base/ synced after the overflow");
        assertEquals(0, a.syncPending());
    }

    @Test
    void unlinkRemovesEveryForkAndOtherProcessesDropTheirDescriptors() {
        RelationFiles a = process(first);
        RelationFiles b = process(second);
        a.create(REL, ForkNumber.MAIN, false);
        a.create(REL, ForkNumber.VM, false);
        try (Arena arena = Arena.ofConfined()) {
            b.write(REL, ForkNumber.MAIN, 0, page(arena, 5));
            assertEquals(1, b.openFiles());
            a.unlink(REL, false);
            assertFalse(Files.exists(data.resolve("base/5/16384")));
            assertFalse(Files.exists(data.resolve("base/5/16384_vm")));
            assertEquals("58P01", assertThrows(DatabaseException.class,
                    () -> b.write(REL, ForkNumber.MAIN, 0, page(arena, 5))).sqlState(),
                    "b must not write into the removed inode through its cached descriptor");
            a.unlink(REL, false); // missing: no error
        }
        a.syncPending(); // entries of removed files are skipped, not errors
    }

    @Test
    void createAndUnlinkAreWalLoggedAndRedoIsIdempotent() {
        RelationFiles a = process(first);
        a.create(REL, ForkNumber.MAIN, true);
        a.unlink(REL, true);
        assertEquals(2, wal.records.size());
        assertEquals(ResourceManagerIds.SMGR, wal.records.get(0).rmgr());
        assertEquals(SmgrRecords.CREATE, wal.records.get(0).info());
        assertEquals(SmgrRecords.UNLINK, wal.records.get(1).info());

        SmgrResourceManager rm = new SmgrResourceManager(a, null);
        rm.redo(wal.records.get(0), null);
        rm.redo(wal.records.get(0), null);
        assertTrue(a.exists(REL, ForkNumber.MAIN));
        assertEquals("CREATE base/5/16384", rm.describe(wal.records.get(0)));
        rm.redo(wal.records.get(1), null);
        rm.redo(wal.records.get(1), null);
        assertFalse(a.exists(REL, ForkNumber.MAIN));
    }

    @Test
    void copyAndDropOfADatabaseAreWalLoggedAndRedoRepeatsThem() throws IOException {
        RelationFiles a = process(first);
        RelationFiles b = process(second);
        a.create(REL, ForkNumber.MAIN, false);
        MemorySegment written = page(arena, 7);
        a.write(REL, ForkNumber.MAIN, 0, written);
        RelFileLocator copy = new RelFileLocator(16390, REL.relNumber());
        b.read(REL, ForkNumber.MAIN, 0, page(arena, 0)); // b has a descriptor of the source cached
        a.copyDatabase(5, 16390, true);
        MemorySegment read = page(arena, 0);
        b.read(copy, ForkNumber.MAIN, 0, read);
        assertEquals(-1, read.mismatch(written));
        assertEquals(PageLayout.PAGE_SIZE, a.databaseSize(16390));
        assertEquals(-1, a.databaseSize(16391));
        assertEquals(SmgrRecords.DBASE_CREATE, wal.records.get(0).info());

        // a crash left a partial copy: redo makes it exact again
        Path dir = data.resolve("base/16390");
        Files.delete(dir.resolve("16384"));
        Files.write(dir.resolve("99999"), new byte[] {1});
        SmgrResourceManager rm = new SmgrResourceManager(a, null);
        rm.redo(wal.records.get(0), null);
        assertEquals("DBASE_CREATE copy base/5 to base/16390", rm.describe(wal.records.get(0)));
        assertFalse(Files.exists(dir.resolve("99999")));
        read = page(arena, 0);
        b.read(copy, ForkNumber.MAIN, 0, read);
        assertEquals(-1, read.mismatch(written));

        a.dropDatabase(16390, true);
        assertFalse(Files.exists(dir));
        assertEquals(SmgrRecords.DBASE_DROP, wal.records.get(1).info());
        assertThrows(DatabaseException.class, () -> b.read(copy, ForkNumber.MAIN, 0, page(arena, 0)),
            "the other process's descriptor of the removed file is gone");
        rm.redo(wal.records.get(0), null);
        assertTrue(Files.exists(dir.resolve("16384")));
        rm.redo(wal.records.get(1), null);
        rm.redo(wal.records.get(1), null);
        assertFalse(Files.exists(dir));
        assertTrue(a.exists(REL, ForkNumber.MAIN), "the source stays");
    }

    @Test
    void truncateShortensAndItsRedoSkipsAMissingFile() {
        RelationFiles a = process(first);
        a.create(REL, ForkNumber.MAIN, false);
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < 5; i++) {
                a.write(REL, ForkNumber.MAIN, i, page(arena, i));
            }
        }
        SmgrResourceManager rm = new SmgrResourceManager(a, null);
        rm.redo(new FakeWal.Inserted(ResourceManagerIds.SMGR, SmgrRecords.TRUNCATE,
                SmgrRecords.truncate(REL, ForkNumber.MAIN, 2)), null);
        assertEquals(2, a.blockCount(REL, ForkNumber.MAIN));
        a.unlink(REL, false);
        rm.redo(new FakeWal.Inserted(ResourceManagerIds.SMGR, SmgrRecords.TRUNCATE,
                SmgrRecords.truncate(REL, ForkNumber.MAIN, 1)), null);
        assertFalse(a.exists(REL, ForkNumber.MAIN));
    }

    @Test
    void theDescriptorCacheIsBounded() {
        RelationFiles a = process(first);
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 1; i <= 10; i++) {
                RelFileLocator rel = new RelFileLocator(5, 30000 + i);
                a.create(rel, ForkNumber.MAIN, false);
                a.write(rel, ForkNumber.MAIN, 0, page(arena, i));
            }
            assertEquals(4, a.openFiles());
            MemorySegment in = page(arena, 0);
            a.read(new RelFileLocator(5, 30001), ForkNumber.MAIN, 0, in);
            assertEquals(1, in.get(ValueLayout.JAVA_BYTE, 0), "an evicted descriptor is reopened");
        }
    }
}
