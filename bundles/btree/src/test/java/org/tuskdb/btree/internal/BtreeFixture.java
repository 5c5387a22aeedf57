package org.tuskdb.btree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

/** The B-tree over the fakes, with a model entry type, scans into lists and a structure check. */
final class BtreeFixture {
    static final RelFileLocator INDEX = new RelFileLocator(RelFileLocator.POSTGRES_DB_OID, 16390);

    /** One index entry as the model holds it. */
    record E(byte[] key, long tid) {
        @Override
        public boolean equals(Object o) {
            return o instanceof E e && Arrays.equals(key, e.key) && tid == e.tid;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + Long.hashCode(tid);
        }

        @Override
        public String toString() {
            return Arrays.toString(key) + "@" + Tid.unpack(tid);
        }
    }

    static final Comparator<E> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key, b.key);
        return c != 0 ? c : Long.compare(a.tid, b.tid);
    };

    final FakeBufferPool buffers;
    final RecordingWal wal;
    final FakeStorage storage = new FakeStorage();
    final BtreeAccessService am;

    BtreeFixture() {
        this(new FakeBufferPool(), new RecordingWal());
    }

    BtreeFixture(FakeBufferPool buffers, RecordingWal wal) {
        this.buffers = buffers;
        this.wal = wal;
        this.am = new BtreeAccessService(null, buffers, wal, storage);
    }

    static Tid tid(int n) {
        return new Tid(n / 100 + 1, n % 100 + 1);
    }

    List<E> scan(ScanBound lower, ScanBound upper, ScanDirection dir) {
        List<E> out = new ArrayList<>();
        try (IndexScan s = am.scan(INDEX, lower, upper, dir)) {
            while (s.next()) {
                assertEquals(Tid.unpack(s.packedTid()), s.tid());
                out.add(new E(s.key(), s.packedTid()));
            }
            assertTrue(!s.next(), "a finished scan stays finished");
        }
        return out;
    }

    List<E> all(ScanDirection dir) {
        return scan(ScanBound.UNBOUNDED, ScanBound.UNBOUNDED, dir);
    }

    /**
     * Walks every level left to right and checks the structure: levels, sibling links both
     * ways, (key, tid) order within pages and across them, high keys bounding their pages, no
     * INCOMPLETE_SPLIT left unless allowed. Returns the leaf entries in order.
     */
    List<E> checkStructure(boolean allowIncomplete) {
        Btree.Meta m = new Btree(buffers, wal).meta(INDEX);
        List<E> leaves = new ArrayList<>();
        if (m.root() == BtreePage.NONE) {
            return leaves;
        }
        MemorySegment root = page(m.root());
        assertEquals(m.level(), BtreePage.level(root), "root level");
        assertTrue(BtreePage.isLeftmost(root) && (allowIncomplete || BtreePage.isRightmost(root)), "root alone on its level");
        long leftmost = m.root();
        for (int level = m.level(); level >= 0; level--) {
            long prev = BtreePage.NONE;
            byte[] prevItem = null;
            int prevKs = 0;
            long blk = leftmost;
            long nextLeftmost = -1;
            while (blk != BtreePage.NONE) {
                MemorySegment p = page(blk);
                assertEquals(level, BtreePage.level(p), "level of block " + blk);
                assertEquals(level == 0, BtreePage.isLeaf(p));
                assertEquals(prev, BtreePage.prev(p), "left link of block " + blk);
                if (!allowIncomplete) {
                    assertEquals(0, BtreePage.flags(p) & BtreePage.INCOMPLETE_SPLIT, "incomplete split at " + blk);
                }
                int ks = BtreePage.keyStart(p);
                int first = BtreePage.firstData(p);
                if (level > 0 && nextLeftmost < 0) {
                    nextLeftmost = BtreePage.child(p, first);
                }
                for (int off = first; off <= BtreePage.maxOff(p); off++) {
                    boolean minusInf = level > 0 && off == first;
                    byte[] item = BtreePage.itemBytes(p, off);
                    if (!minusInf && prevItem != null) {
                        assertTrue(cmp(prevItem, prevKs, item, ks) < 0 || (off == first && cmp(prevItem, prevKs, item, ks) <= 0),
                                "order at block " + blk + " offset " + off);
                    }
                    if (!minusInf) {
                        prevItem = item;
                        prevKs = ks;
                    }
                    if (level == 0) {
                        leaves.add(new E(BtreePage.key(p, off), BtreePage.tid(p, off)));
                    }
                }
                if (!BtreePage.isRightmost(p)) {
                    byte[] hk = BtreePage.itemBytes(p, BtreePage.HIGH_KEY);
                    if (prevItem != null && BtreePage.maxOff(p) >= first) {
                        assertTrue(cmp(prevItem, prevKs, hk, ks) < 0, "high key bounds block " + blk);
                    }
                    prevItem = hk;
                    prevKs = ks;
                }
                prev = blk;
                blk = BtreePage.next(p);
            }
            leftmost = nextLeftmost;
        }
        return leaves;
    }

    private static int cmp(byte[] a, int aks, byte[] b, int bks) {
        int c = Arrays.compareUnsigned(a, aks, a.length, b, bks, b.length);
        if (c != 0) {
            return c;
        }
        return Long.compare(MemorySegment.ofArray(a).get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0),
                MemorySegment.ofArray(b).get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    /** Pages of the index flagged INCOMPLETE_SPLIT. */
    int incompleteSplits() {
        int n = 0;
        for (long blk = 1; blk < buffers.blockCount(INDEX, Btree.MAIN); blk++) {
            MemorySegment p = buffers.pageOf(INDEX, blk);
            if (p != null && !PageLayout.isNew(p) && (BtreePage.flags(p) & BtreePage.INCOMPLETE_SPLIT) != 0) {
                n++;
            }
        }
        return n;
    }

    MemorySegment page(long blk) {
        MemorySegment p = buffers.pageOf(INDEX, blk);
        assertTrue(p != null && !PageLayout.isNew(p), "block " + blk + " exists");
        return p;
    }
}
