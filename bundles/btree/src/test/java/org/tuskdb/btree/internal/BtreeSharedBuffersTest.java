package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.ORDER;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.btree.internal.BtreeFixture.E;
import org.tuskdb.bufferpool.internal.SharedPoolForTests;

/**
 * The B-tree on the real shared buffer pool (a mapped file, two simulated processes) and real
 * files, with far fewer buffers than index pages: pages are evicted, written (checksummed) and
 * read back all the time, while a second process scans. After flushAll a third pool over a new
 * segment (a restart) reads the same index from the files.
 */
class BtreeSharedBuffersTest {
    private static final RelFileLocator BUILT = new RelFileLocator(RelFileLocator.POSTGRES_DB_OID, 16391);

    @TempDir
    Path dir;

    private static List<E> scan(IndexAccess am, RelFileLocator rel, ScanDirection dir) {
        List<E> out = new ArrayList<>();
        try (IndexScan s = am.scan(rel, ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, dir)) {
            while (s.next()) {
                out.add(new E(s.key(), s.packedTid()));
            }
        }
        if (dir == ScanDirection.BACKWARD) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    @Test
    void indexLivesThroughEvictionAcrossProcessesAndARestart() throws Exception {
        FileStorage storage = new FileStorage(dir.resolve("data"));
        RecordingWal wal = new RecordingWal();
        TreeSet<E> model = new TreeSet<>(ORDER);
        TreeSet<E> built = new TreeSet<>(ORDER);
        try (Arena arena = Arena.ofShared()) {
            BufferPool[] pools = SharedPoolForTests.create(arena, dir.resolve("segment"), 24, 2, storage, wal);
            BtreeAccessService writer = new BtreeAccessService(null, pools[0], wal, storage);
            BtreeAccessService reader = new BtreeAccessService(null, pools[1], wal, storage);
            writer.create(INDEX);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread scanner = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        List<E> s = scan(reader, INDEX, ScanDirection.BACKWARD);
                        for (int i = 1; i < s.size(); i++) {
                            assertTrue(ORDER.compare(s.get(i - 1), s.get(i)) < 0, "order");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            scanner.start();
            Random r = new Random(4);
            try {
                for (int i = 0; i < 20_000; i++) {
                    byte[] k = BtreeInsertScanTest.randomKey(r);
                    writer.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
                    model.add(new E(k, BtreeFixture.tid(i).pack()));
                }
            } finally {
                stop.set(true);
                scanner.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertTrue(writer.blockCount(INDEX) > 48, "more index pages than buffers");
            assertEquals(new ArrayList<>(model), scan(reader, INDEX, ScanDirection.FORWARD));
            assertEquals(new ArrayList<>(model), scan(writer, INDEX, ScanDirection.BACKWARD));

            reader.create(BUILT);
            try (IndexBuild b = reader.build(BUILT, null)) {
                for (int i = 0; i < 20_000; i++) {
                    byte[] k = BtreeInsertScanTest.randomKey(r);
                    b.add(k, BtreeFixture.tid(i));
                    built.add(new E(k, BtreeFixture.tid(i).pack()));
                }
                b.finish();
            }
            assertEquals(new ArrayList<>(built), scan(writer, BUILT, ScanDirection.FORWARD));
            pools[0].flushAll();
        }
        try (Arena arena = Arena.ofShared()) {
            BufferPool[] pools = SharedPoolForTests.create(arena, dir.resolve("segment2"), 24, 1, storage, wal);
            BtreeAccessService restarted = new BtreeAccessService(null, pools[0], wal, storage);
            assertEquals(new ArrayList<>(model), scan(restarted, INDEX, ScanDirection.FORWARD));
            assertEquals(new ArrayList<>(built), scan(restarted, BUILT, ScanDirection.BACKWARD));
        }
    }
}
