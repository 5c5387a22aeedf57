package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.btree.internal.BtreeFixture.INDEX;
import static org.tuskdb.btree.internal.BtreeFixture.ORDER;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.btree.internal.BtreeFixture.E;

class BtreeInsertScanTest {
    private final BtreeFixture f = new BtreeFixture();

    /** Keys from a small alphabet with random lengths: many shared prefixes and duplicates. */
    static byte[] randomKey(Random r) {
        byte[] k = new byte[1 + r.nextInt(12)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i == 0 ? r.nextInt(256) : 0x7e + r.nextInt(4)); // crosses the signed/unsigned line
        }
        return k;
    }

    private TreeSet<E> insertRandom(int n, long seed) {
        Random r = new Random(seed);
        TreeSet<E> model = new TreeSet<>(ORDER);
        for (int i = 0; i < n; i++) {
            byte[] k = randomKey(r);
            f.am.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
            model.add(new E(k, BtreeFixture.tid(i).pack()));
        }
        return model;
    }

    @Test
    void hundredThousandRandomKeysScanInModelOrderBothWays() {
        f.am.create(INDEX);
        TreeSet<E> model = insertRandom(100_000, 42);
        List<E> expected = new ArrayList<>(model);
        assertEquals(expected, f.all(ScanDirection.FORWARD));
        List<E> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, f.all(ScanDirection.BACKWARD));
        assertEquals(expected, f.checkStructure(false));
        Btree.Meta m = new Btree(f.buffers, f.wal).meta(INDEX);
        assertTrue(m.level() >= 2, "a three-level tree at least, got level " + m.level());
        assertEquals(0, f.buffers.pins(), "no pin leaked");
    }

    @Test
    void ascendingInsertsLeaveLeavesNearlyFull() {
        f.am.create(INDEX);
        for (int i = 0; i < 50_000; i++) {
            f.am.insert(INDEX, intKey(i), BtreeFixture.tid(i), UniqueCheck.NONE, null);
        }
        // 50k items of 12 (8 + 4) bytes, aligned 16, + 4 item id: ~400 per full page
        long pages = f.am.blockCount(INDEX);
        assertTrue(pages < 50_000 / 350 + 10, "fillfactor split on ascending inserts, got " + pages + " pages");
        assertEquals(50_000, f.checkStructure(false).size());
    }

    static byte[] intKey(int v) {
        int x = v ^ 0x8000_0000;
        return new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x};
    }

    @Test
    void duplicatesComeBackInTidOrder() {
        f.am.create(INDEX);
        byte[] k = {1, 2, 3};
        List<E> expected = new ArrayList<>();
        Random r = new Random(1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, r);
        for (int i : order) {
            f.am.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
        }
        f.am.insert(INDEX, new byte[] {1, 2}, BtreeFixture.tid(5000), UniqueCheck.NONE, null);
        f.am.insert(INDEX, new byte[] {1, 2, 3, 0}, BtreeFixture.tid(5001), UniqueCheck.NONE, null);
        for (int i = 0; i < 3000; i++) {
            expected.add(new E(k, BtreeFixture.tid(i).pack()));
        }
        assertEquals(expected, f.scan(ScanBound.inclusive(k), ScanBound.inclusive(k), ScanDirection.FORWARD));
        List<E> back = f.scan(ScanBound.inclusive(k), ScanBound.inclusive(k), ScanDirection.BACKWARD);
        java.util.Collections.reverse(back);
        assertEquals(expected, back);
        assertEquals(3002, f.checkStructure(false).size());
    }

    @Test
    void boundsAndPrefixesMatchTheModelInBothDirections() {
        f.am.create(INDEX);
        TreeSet<E> model = insertRandom(10_000, 7);
        Random r = new Random(99);
        for (int round = 0; round < 150; round++) {
            ScanBound lo = randomBound(r);
            ScanBound hi = randomBound(r);
            List<E> expected = new ArrayList<>();
            for (E e : model) {
                if (within(e.key(), lo, true) && within(e.key(), hi, false)) {
                    expected.add(e);
                }
            }
            assertEquals(expected, f.scan(lo, hi, ScanDirection.FORWARD), "forward " + show(lo) + " .. " + show(hi));
            List<E> back = f.scan(lo, hi, ScanDirection.BACKWARD);
            java.util.Collections.reverse(back);
            assertEquals(expected, back, "backward " + show(lo) + " .. " + show(hi));
        }
    }

    private static ScanBound randomBound(Random r) {
        int kind = r.nextInt(5);
        if (kind == 0) {
            return ScanBound.UNBOUNDED;
        }
        byte[] k = Arrays.copyOf(randomKey(r), 1 + r.nextInt(3));
        return new ScanBound(k, r.nextBoolean(), kind >= 3);
    }

    private static String show(ScanBound b) {
        return b.unbounded() ? "-" : Arrays.toString(b.key()) + (b.inclusive() ? "i" : "x") + (b.prefix() ? "p" : "");
    }

    /** The model's idea of a bound: compare the key (its prefix in prefix mode) with the bound. */
    static boolean within(byte[] key, ScanBound b, boolean isLower) {
        if (b.unbounded()) {
            return true;
        }
        byte[] k = b.prefix() && key.length > b.key().length ? Arrays.copyOf(key, b.key().length) : key;
        int c = Arrays.compareUnsigned(k, b.key());
        if (isLower) {
            return b.inclusive() ? c >= 0 : c > 0;
        }
        return b.inclusive() ? c <= 0 : c < 0;
    }

    @Test
    void restartedScanGivesTheNewRange() {
        f.am.create(BtreeFixture.INDEX);
        TreeSet<E> model = insertRandom(5000, 13);
        Random r = new Random(4);
        for (ScanDirection dir : ScanDirection.values()) {
            try (org.tuskdb.api.index.IndexScan s = f.am.scan(INDEX, ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, dir)) {
                for (int round = 0; round < 20; round++) {
                    byte[] k = {(byte) r.nextInt(256)};
                    s.restart(ScanBound.prefixInclusive(k), ScanBound.prefixInclusive(k));
                    List<E> got = new ArrayList<>();
                    while (s.next()) {
                        got.add(new E(s.key(), s.packedTid()));
                    }
                    List<E> expected = new ArrayList<>();
                    for (E e : model) {
                        if (e.key()[0] == k[0]) {
                            expected.add(e);
                        }
                    }
                    if (dir == ScanDirection.BACKWARD) {
                        java.util.Collections.reverse(expected);
                    }
                    assertEquals(expected, got, dir + " restart on " + k[0]);
                }
            }
        }
    }

    @Test
    void emptyIndexScansNothing() {
        f.am.create(INDEX);
        assertEquals(List.of(), f.all(ScanDirection.FORWARD));
        assertEquals(List.of(), f.all(ScanDirection.BACKWARD));
        assertEquals(List.of(), f.scan(ScanBound.inclusive(new byte[] {1}), ScanBound.UNBOUNDED, ScanDirection.FORWARD));
    }

    @Test
    void maxAndMinAreTheFirstEntryOfABackwardAndForwardScan() {
        f.am.create(INDEX);
        TreeSet<E> model = insertRandom(5000, 3);
        assertEquals(model.first(), f.all(ScanDirection.FORWARD).get(0));
        assertEquals(model.last(), f.all(ScanDirection.BACKWARD).get(0));
    }

    @Test
    void tooLongKeyIsProgramLimitExceeded() {
        f.am.create(INDEX);
        f.am.insert(INDEX, new byte[f.am.maxKeySize()], BtreeFixture.tid(1), UniqueCheck.NONE, null);
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> f.am.insert(INDEX, new byte[f.am.maxKeySize() + 1], BtreeFixture.tid(2), UniqueCheck.NONE, null));
        assertEquals("54000", e.sqlState());
    }

    @Test
    void maximumSizeKeysSplitAtEveryLevel() {
        f.am.create(INDEX);
        Random r = new Random(5);
        TreeSet<E> model = new TreeSet<>(ORDER);
        for (int i = 0; i < 600; i++) {
            byte[] k = new byte[f.am.maxKeySize() - r.nextInt(50)];
            r.nextBytes(k);
            f.am.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
            model.add(new E(k, BtreeFixture.tid(i).pack()));
        }
        assertEquals(new ArrayList<>(model), f.all(ScanDirection.FORWARD));
        assertEquals(new ArrayList<>(model), f.checkStructure(false));
    }

    @Test
    void bottomUpBuildGivesTheSameEntriesAndTakesInsertsAfterwards() {
        f.am.create(INDEX);
        Random r = new Random(11);
        TreeSet<E> model = new TreeSet<>(ORDER);
        try (IndexBuild b = f.am.build(INDEX, null)) {
            for (int i = 0; i < 30_000; i++) {
                byte[] k = randomKey(r);
                b.add(k, BtreeFixture.tid(i));
                model.add(new E(k, BtreeFixture.tid(i).pack()));
            }
            assertEquals(30_000, b.finish());
        }
        assertEquals(new ArrayList<>(model), f.checkStructure(false));
        assertEquals(new ArrayList<>(model), f.all(ScanDirection.FORWARD));
        for (int i = 30_000; i < 40_000; i++) {
            byte[] k = randomKey(r);
            f.am.insert(INDEX, k, BtreeFixture.tid(i), UniqueCheck.NONE, null);
            model.add(new E(k, BtreeFixture.tid(i).pack()));
        }
        assertEquals(new ArrayList<>(model), f.checkStructure(false));
        List<E> back = f.all(ScanDirection.BACKWARD);
        java.util.Collections.reverse(back);
        assertEquals(new ArrayList<>(model), back);
    }

    @Test
    void buildOfNothingLeavesAnEmptyIndex() {
        f.am.create(INDEX);
        try (IndexBuild b = f.am.build(INDEX, null)) {
            assertEquals(0, b.finish());
        }
        assertEquals(List.of(), f.all(ScanDirection.FORWARD));
        f.am.insert(INDEX, new byte[] {1}, BtreeFixture.tid(1), UniqueCheck.NONE, null);
        assertEquals(1, f.all(ScanDirection.FORWARD).size());
    }
}
