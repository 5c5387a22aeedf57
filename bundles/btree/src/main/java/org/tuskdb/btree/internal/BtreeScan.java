package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * An index scan (PostgreSQL's nbtsearch.c _bt_first/_bt_next): positions on the first leaf by
 * a descent, then copies the matching entries of one leaf page at a time under its shared lock
 * and releases it (rule 4), remembering the sibling to read next. Forward it follows the saved
 * right-link: entries that a later split moves right were already copied. Backward it steps to
 * the saved left sibling and, if that page split meanwhile, moves right until the page whose
 * right-link is the page just read (PostgreSQL's _bt_walk_left).
 */
final class BtreeScan implements IndexScan {
    private final Btree tree;
    private final BufferPool buffers;
    private final RelFileLocator rel;
    private ScanBound lowerBound;
    private ScanBound upperBound;
    private SearchKey lower;
    private SearchKey upper;
    private final boolean forward;

    private long[] tids = new long[16];
    /** Each copied entry's offset on {@link #pageBlock} when it was read. */
    private int[] offs = new int[16];
    /** Indexes (into the arrays) of entries the caller found dead to everyone (killCurrent). */
    private int[] killed = new int[4];
    private int killedCount;
    /** The LSN of {@link #pageBlock} when its entries were copied. */
    private long pageLsn;
    private int[] keyOff = new int[16];
    private int[] keyLen = new int[16];
    private byte[] keyBuf = new byte[256];
    private int keyEnd;
    private int count;
    private int pos;
    private int current = -1;
    private boolean started;
    private boolean done;
    /** The page whose entries are in the arrays, and the sibling to read next. */
    private long pageBlock = BtreePage.NONE;
    private long nextBlock = BtreePage.NONE;

    BtreeScan(Btree tree, RelFileLocator rel, ScanBound lower, ScanBound upper, ScanDirection direction) {
        this.tree = tree;
        this.buffers = tree.buffers;
        this.rel = rel;
        this.forward = direction == ScanDirection.FORWARD;
        restart(lower, upper);
    }

    @Override
    public void restart(ScanBound lower, ScanBound upper) {
        applyKills();
        this.lowerBound = lower;
        this.upperBound = upper;
        this.lower = lower.unbounded() ? null : SearchKey.of(lower.key(), lower.prefix(), false);
        this.upper = upper.unbounded() ? null : SearchKey.of(upper.key(), upper.prefix(), false);
        started = false;
        done = false;
        count = 0;
        pos = 0;
        current = -1;
        pageBlock = BtreePage.NONE;
        nextBlock = BtreePage.NONE;
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            first();
        }
        for (;;) {
            if (pos < count) {
                current = pos++;
                return true;
            }
            current = -1;
            applyKills();
            if (done) {
                return false;
            }
            if (forward) {
                readRight();
            } else {
                readLeft();
            }
        }
    }

    @Override
    public Tid tid() {
        return Tid.unpack(tids[check()]);
    }

    @Override
    public long packedTid() {
        return tids[check()];
    }

    @Override
    public byte[] key() {
        int c = check();
        return Arrays.copyOfRange(keyBuf, keyOff[c], keyOff[c] + keyLen[c]);
    }

    private int check() {
        if (current < 0) {
            throw new IllegalStateException("index scan is not on an entry");
        }
        return current;
    }

    @Override
    public void killCurrent() {
        int c = check();
        if (killedCount == killed.length) {
            killed = Arrays.copyOf(killed, killedCount * 2);
        }
        killed[killedCount++] = c;
    }

    /**
     * Marks the entries the caller killed on the page they were copied from (PostgreSQL's
     * _bt_killitems), under a share lock: at the remembered offset when the page's LSN has not
     * moved since, else wherever the tid is now at or right of it (inserts only shift entries
     * right; an entry a split or a dead-entry removal moved is simply not marked — it is a hint).
     */
    private void applyKills() {
        if (killedCount == 0) {
            return;
        }
        int n = killedCount;
        killedCount = 0;
        if (pageBlock == BtreePage.NONE) {
            return;
        }
        int buf = buffers.read(rel, Btree.MAIN, pageBlock);
        buffers.lockShared(buf);
        try {
            MemorySegment page = buffers.page(buf);
            boolean same = PageLayout.lsn(page) == pageLsn;
            boolean marked = false;
            int max = BtreePage.maxOff(page);
            for (int i = 0; i < n; i++) {
                int c = killed[i];
                long tid = tids[c];
                for (int off = Math.max(offs[c], BtreePage.firstData(page)); off <= max; off++) {
                    if (BtreePage.tid(page, off) == tid) {
                        if (!BtreePage.isDead(page, off)) {
                            BtreePage.markDead(page, off);
                            marked = true;
                        }
                        break;
                    }
                    if (same) {
                        break; // the offset is exact on an unchanged page
                    }
                }
            }
            if (marked) {
                buffers.markDirtyHint(buf);
            }
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    @Override
    public void close() {
        try {
            applyKills();
        } catch (RuntimeException e) {
            // only a hint: a scan closed while its statement fails (an I/O error, say) keeps the original error
        }
        done = true;
        count = 0;
        pos = 0;
        current = -1;
    }

    private void first() {
        SearchKey sk;
        if (forward) {
            sk = lower == null ? SearchKey.MINUS_INFINITY
                    : SearchKey.of(lowerBound.key(), lowerBound.prefix(), !lowerBound.inclusive());
        } else {
            sk = upper == null ? SearchKey.PLUS_INFINITY
                    : SearchKey.of(upperBound.key(), upperBound.prefix(), upperBound.inclusive());
        }
        int buf = tree.descend(rel, sk, null);
        if (buf < 0) {
            done = true;
            return;
        }
        try {
            MemorySegment page = buffers.page(buf);
            int off = BtreePage.binarySearch(sk, page, BtreePage.firstData(page));
            if (forward) {
                readForward(buf, page, off);
            } else {
                readBackward(buf, page, off - 1);
            }
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    private void readRight() {
        int buf = buffers.read(rel, Btree.MAIN, nextBlock);
        buffers.lockShared(buf);
        try {
            MemorySegment page = buffers.page(buf);
            readForward(buf, page, BtreePage.firstData(page));
        } finally {
            buffers.unlockAndRelease(buf);
        }
    }

    private void readLeft() {
        long target = pageBlock;
        int buf = buffers.read(rel, Btree.MAIN, nextBlock);
        buffers.lockShared(buf);
        try {
            MemorySegment page = buffers.page(buf);
            while (BtreePage.next(page) != target) {
                long right = BtreePage.next(page);
                if (right == BtreePage.NONE) {
                    throw BtreePage.corrupted(rel, "no left sibling of block " + target);
                }
                buffers.unlockAndRelease(buf);
                buf = -1;
                buf = buffers.read(rel, Btree.MAIN, right);
                buffers.lockShared(buf);
                page = buffers.page(buf);
            }
            readBackward(buf, page, BtreePage.maxOff(page));
        } finally {
            if (buf >= 0) {
                buffers.unlockAndRelease(buf);
            }
        }
    }

    private void readForward(int buf, MemorySegment page, int from) {
        count = 0;
        pos = 0;
        keyEnd = 0;
        pageBlock = buffers.blockOf(buf).block();
        pageLsn = PageLayout.lsn(page);
        int max = BtreePage.maxOff(page);
        for (int off = from; off <= max; off++) {
            if (upper != null && !withinUpper(page, off)) {
                done = true;
                return;
            }
            if (!BtreePage.isDead(page, off)) {
                add(page, off);
            }
        }
        if (BtreePage.isRightmost(page) || (upper != null && !withinUpper(page, BtreePage.HIGH_KEY))) {
            done = true;
        } else {
            nextBlock = BtreePage.next(page);
        }
    }

    private void readBackward(int buf, MemorySegment page, int from) {
        count = 0;
        pos = 0;
        keyEnd = 0;
        pageBlock = buffers.blockOf(buf).block();
        pageLsn = PageLayout.lsn(page);
        int first = BtreePage.firstData(page);
        for (int off = from; off >= first; off--) {
            if (lower != null && !withinLower(page, off)) {
                done = true;
                return;
            }
            if (!BtreePage.isDead(page, off)) {
                add(page, off);
            }
        }
        if (BtreePage.isLeftmost(page)) {
            done = true;
        } else {
            nextBlock = BtreePage.prev(page);
        }
    }

    private boolean withinUpper(MemorySegment page, int off) {
        int c = BtreePage.compare(upper, page, off, BtreePage.LEAF_KEY); // sign(upper - item)
        return upperBound.inclusive() ? c >= 0 : c > 0;
    }

    private boolean withinLower(MemorySegment page, int off) {
        int c = BtreePage.compare(lower, page, off, BtreePage.LEAF_KEY); // sign(lower - item)
        return lowerBound.inclusive() ? c <= 0 : c < 0;
    }

    private void add(MemorySegment page, int off) {
        if (count == tids.length) {
            tids = Arrays.copyOf(tids, count * 2);
            offs = Arrays.copyOf(offs, count * 2);
            keyOff = Arrays.copyOf(keyOff, count * 2);
            keyLen = Arrays.copyOf(keyLen, count * 2);
        }
        long start = BtreePage.itemStart(page, off);
        int len = BtreePage.itemLength(page, off) - BtreePage.LEAF_KEY;
        if (keyEnd + len > keyBuf.length) {
            keyBuf = Arrays.copyOf(keyBuf, Math.max(keyBuf.length * 2, keyEnd + len));
        }
        tids[count] = page.get(ValueLayout.JAVA_LONG_UNALIGNED, start + BtreePage.TID);
        offs[count] = off;
        MemorySegment.copy(page, ValueLayout.JAVA_BYTE, start + BtreePage.LEAF_KEY, keyBuf, keyEnd, len);
        keyOff[count] = keyEnd;
        keyLen[count] = len;
        keyEnd += len;
        count++;
    }
}
