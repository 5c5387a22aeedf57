package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.ORDER;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.btree.internal.BtreeFixture.E;

class BtreeRedoTest {
    private static final RelFileLocator BUILT = new RelFileLocator(RelFileLocator.POSTGRES_DB_OID, 16391);
    private final BtreeFixture f = new BtreeFixture();
    private final BtreeResourceManager rmgr = new BtreeResourceManager();

    /** An insert: the entry and the index of the first WAL record it wrote. */
    private record Op(E entry, int firstRecord) {
    }

    private final List<Op> ops = new ArrayList<>();

    private void workload(int n, long seed) {
        workload(n, seed, false);
    }

    /** Wide keys (about 200 bytes) make a tree of four levels from a few thousand entries. */
    static byte[] key(Random r, boolean wide) {
        byte[] k = BtreeInsertScanTest.randomKey(r);
        return wide ? java.util.Arrays.copyOf(k, 190 + k.length) : k;
    }

    private void workload(int n, long seed, boolean wide) {
        f.am.create(INDEX);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            byte[] k = key(r, wide);
            int before = f.wal.records().size();
            f.am.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
            ops.add(new Op(new E(k, BtreeFixture.tid(i).pack()), before));
        }
    }

    private void buildOther() {
        f.am.create(BUILT);
        Random r = new Random(3);
        try (IndexBuild b = f.am.build(BUILT, null)) {
            for (int i = 0; i < 20_000; i++) {
                b.add(BtreeInsertScanTest.randomKey(r), BtreeFixture.tid(i));
            }
            b.finish();
        }
    }

    private FakeBufferPool replay(FakeBufferPool target, List<RecordingWal.Recorded> records) {
        for (RecordingWal.Recorded rec : records) {
            assertEquals(ResourceManagerIds.BTREE, rec.rmgr());
            rmgr.redo(rec, new FakeRedoContext(target, rec));
            assertTrue(rmgr.describe(rec).startsWith("Btree "), rmgr.describe(rec));
        }
        assertEquals(0, target.pins(), "redo releases every buffer");
        return target;
    }

    private void assertSamePages(FakeBufferPool a, FakeBufferPool b, RelFileLocator rel) {
        long n = a.blockCount(rel, Btree.MAIN);
        assertEquals(n, b.blockCount(rel, Btree.MAIN), "blocks of " + rel);
        for (long blk = 0; blk < n; blk++) {
            MemorySegment pa = a.pageOf(rel, blk);
            MemorySegment pb = b.pageOf(rel, blk);
            assertEquals(-1, pa.mismatch(pb), "page " + blk + " of " + rel + " differs after redo");
        }
    }

    @Test
    void replayOntoEmptyPagesRebuildsEveryPageExactly() {
        workload(30_000, 17);
        buildOther();
        List<RecordingWal.Recorded> records = f.wal.records();
        assertTrue(records.stream().anyMatch(r -> r.info() == BtreeWalRecords.SPLIT));
        assertTrue(records.stream().filter(r -> r.info() == BtreeWalRecords.NEWROOT).count() >= 2, "root grew");
        assertTrue(records.stream().anyMatch(r -> r.info() == BtreeWalRecords.NEWPAGE));
        FakeBufferPool replayed = replay(new FakeBufferPool(), records);
        assertSamePages(f.buffers, replayed, INDEX);
        assertSamePages(f.buffers, replayed, BUILT);
        BtreeFixture g = new BtreeFixture(replayed, new RecordingWal());
        assertEquals(f.all(ScanDirection.FORWARD), g.all(ScanDirection.FORWARD));
        assertEquals(f.all(ScanDirection.BACKWARD), g.all(ScanDirection.BACKWARD));

        // replaying again (a crash during recovery) changes nothing
        replay(replayed, records);
        assertSamePages(f.buffers, replayed, INDEX);
        assertSamePages(f.buffers, replayed, BUILT);
    }

    /**
     * A crash after any record: recovery replays a prefix of the WAL. The tree then holds
     * exactly the entries whose first record is in the prefix, is well formed (an interrupted
     * split leaves only a missing downlink), and takes new inserts, which finish the
     * interrupted splits they pass.
     */
    @Test
    void crashAfterAnyRecordRecoversAWorkingTree() {
        crashAndRecover(12_000, 23, false);
    }

    /** The same with a tall tree, cutting right after splits of internal pages. */
    @Test
    void crashBetweenAnInternalSplitAndItsDownlinkRecovers() {
        crashAndRecover(4_000, 29, true);
    }

    private void crashAndRecover(int n, long seed, boolean wide) {
        workload(n, seed, wide);
        List<RecordingWal.Recorded> records = f.wal.records();
        assertTrue(!wide || new Btree(f.buffers, f.wal).meta(INDEX).level() >= 2, "a tall tree");
        List<Integer> cuts = new ArrayList<>();
        Random r0 = new Random(9);
        for (int i = 0; i < records.size(); i++) {
            RecordingWal.Recorded rec = records.get(i);
            if (rec.info() != BtreeWalRecords.SPLIT) {
                continue;
            }
            int level = Short.toUnsignedInt(rec.blockData(0).order(java.nio.ByteOrder.nativeOrder()).getShort(8));
            boolean pick = wide ? level > 0 && cuts.size() < 4 : cuts.isEmpty() || cuts.size() < 6 && r0.nextInt(4) == 0;
            if (pick) {
                // split done, downlink (or new root) not yet logged; the first split is the root's
                cuts.add(i + 1);
            }
        }
        assertTrue(!cuts.isEmpty());
        Random r = new Random(5);
        for (int i = 0; i < 2; i++) {
            cuts.add(1 + r.nextInt(records.size() - 1));
        }
        cuts.add(records.size());
        for (int cut : cuts) {
            FakeBufferPool pool = replay(new FakeBufferPool(), records.subList(0, cut));
            BtreeFixture g = new BtreeFixture(pool, new RecordingWal());
            TreeSet<E> expected = new TreeSet<>(ORDER);
            for (Op op : ops) {
                if (op.firstRecord() < cut) {
                    expected.add(op.entry());
                }
            }
            assertEquals(new ArrayList<>(expected), g.checkStructure(true), "entries after a crash at record " + cut);
            assertEquals(new ArrayList<>(expected), g.all(ScanDirection.FORWARD));
            boolean afterSplit = records.get(cut - 1).info() == BtreeWalRecords.SPLIT;
            assertEquals(afterSplit ? 1 : 0, g.incompleteSplits(), "interrupted splits after a crash at " + cut);
            // go on working: the rest of the workload and more
            Random more = new Random(cut);
            for (int i = 0; i < (wide ? 3_000 : 8_000); i++) {
                byte[] k = key(more, wide);
                g.am.insert(INDEX, k, BtreeFixture.tid(100_000 + i), UniqueCheck.NONE, null);
                expected.add(new E(k, BtreeFixture.tid(100_000 + i).pack()));
            }
            assertEquals(new ArrayList<>(expected), g.checkStructure(false), "interrupted splits finished after crash at " + cut);
            List<E> back = g.all(ScanDirection.BACKWARD);
            java.util.Collections.reverse(back);
            assertEquals(new ArrayList<>(expected), back);
        }
    }

    /**
     * Torn pages: a checkpoint, more work, then a crash that leaves every page changed since the
     * checkpoint unreadable (zeroed). Each such page's first change after the checkpoint logged a
     * full-page image (or rebuilt it whole, WILL_INIT), so replay from the checkpoint restores
     * every page exactly.
     */
    @Test
    void pagesTornAfterACheckpointAreRestoredFromFullPageImages() {
        workload(8000, 31);
        f.wal.redoPointer = f.wal.insertPosition(); // the checkpoint
        FakeBufferPool disk = f.buffers.copy();
        int from = f.wal.records().size();
        Random r = new Random(2);
        for (int i = 0; i < 8000; i++) {
            f.am.insert(INDEX, BtreeInsertScanTest.randomKey(r), BtreeFixture.tid(50_000 + i), UniqueCheck.NONE, null);
        }
        List<RecordingWal.Recorded> after = f.wal.records().subList(from, f.wal.records().size());
        assertTrue(after.stream().anyMatch(rec -> rec.hasImage(0)), "full-page images were logged");
        int torn = 0;
        for (long blk = 0; blk < disk.blockCount(INDEX, Btree.MAIN); blk++) {
            MemorySegment p = disk.pageOf(INDEX, blk);
            if (org.tuskdb.api.storage.PageLayout.lsn(f.buffers.pageOf(INDEX, blk)) > f.wal.redoPointer) {
                p.fill((byte) 0);
                torn++;
            }
        }
        assertTrue(torn > 10, "pages changed after the checkpoint: " + torn);
        replay(disk, after);
        assertSamePages(f.buffers, disk, INDEX);
    }

    @Test
    void describeNamesEveryRecordType() {
        workload(3000, 1);
        buildOther();
        Set<String> seen = new HashSet<>();
        for (RecordingWal.Recorded rec : f.wal.records()) {
            seen.add(rmgr.describe(rec).split(" ")[1]);
        }
        assertEquals(Set.of("INSERT_LEAF", "INSERT_UPPER", "SPLIT", "NEWROOT", "META", "NEWPAGE"), seen);
    }
}
