package org.tuskdb.heap.internal;

import static org.tuskdb.heap.internal.HeapVisibility.HINTED;
import static org.tuskdb.heap.internal.HeapVisibility.VISIBLE;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;

import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;

/**
 * A page-at-a-time sequential scan (PostgreSQL's heapgetpage in pagemode): for each block below
 * the length seen at scan start, take the shared lock, check every normal item against the
 * snapshot, copy the visible ones out, unlock. The pin of the current page is kept until the
 * next page is read or the scan is closed. Rows added to blocks past that length are by
 * transactions the snapshot cannot see anyway (they were not committed when it was taken,
 * or the scan's own later commands).
 */
final class HeapScanImpl implements HeapScan {
    private final BufferPool buffers;
    private final HeapVisibility visibility;
    private final RelFileLocator rel;
    private final Snapshot snapshot;
    private final Transaction tx;
    private final long nblocks;
    private final ArrayList<HeapTuple> batch = new ArrayList<>();
    /** The batch's heap-only tuples (by position): their index tid is their chain's root. */
    private final java.util.BitSet heapOnly = new java.util.BitSet();
    /** The current page's roots (HeapPrune.roots), computed at the first indexTid of a heap-only tuple. */
    private int[] roots;
    private long nextBlock;
    private int position;
    private int buffer = -1;

    HeapScanImpl(BufferPool buffers, HeapVisibility visibility, RelFileLocator rel, Snapshot snapshot,
                 Transaction tx, long nblocks) {
        this.buffers = buffers;
        this.visibility = visibility;
        this.rel = rel;
        this.snapshot = snapshot;
        this.tx = tx;
        this.nblocks = nblocks;
    }

    @Override
    public HeapTuple next() {
        while (position >= batch.size()) {
            if (nextBlock >= nblocks) {
                dropPin();
                return null;
            }
            readPage(nextBlock++);
        }
        return batch.get(position++);
    }

    private void readPage(long block) {
        if (tx != null) {
            tx.interrupts().checkForInterrupts();
        }
        batch.clear();
        heapOnly.clear();
        roots = null;
        position = 0;
        dropPin();
        buffer = buffers.read(rel, ForkNumber.MAIN, block);
        buffers.lockShared(buffer);
        try {
            MemorySegment page = buffers.page(buffer);
            if (PageLayout.isNew(page)) {
                return;
            }
            int count = PageLayout.itemCount(page);
            boolean hinted = false;
            for (int off = 1; off <= count; off++) {
                int id = PageLayout.itemId(page, off);
                if (PageLayout.itemFlags(id) != PageLayout.LP_NORMAL) {
                    continue;
                }
                long t = PageLayout.itemOffset(id);
                int r = visibility.satisfiesMvcc(page, t, snapshot, tx);
                hinted |= (r & HINTED) != 0;
                if ((r & VISIBLE) != 0) {
                    if (TupleHeader.isHeapOnly(page, t)) {
                        heapOnly.set(batch.size());
                    }
                    batch.add(HeapAccessService.copy(page, off, new Tid(block, off)));
                }
            }
            if (hinted) {
                buffers.markDirtyHint(buffer);
            }
        } finally {
            buffers.unlock(buffer);
        }
    }

    /**
     * The root of the last tuple's HOT chain, read from the page (still pinned) under a new
     * shared lock: a root stays where it is while a later member of its chain lives (a prune
     * turns it into a redirect at the same item id), and the tuple is live to this snapshot.
     */
    @Override
    public Tid indexTid(HeapTuple last) {
        int at = position - 1;
        if (at < 0 || at >= batch.size() || batch.get(at) != last || !heapOnly.get(at)) {
            return last.tid();
        }
        if (roots == null) {
            buffers.lockShared(buffer);
            try {
                roots = HeapPrune.roots(buffers.page(buffer));
            } finally {
                buffers.unlock(buffer);
            }
        }
        int off = last.tid().offset();
        int root = off < roots.length ? roots[off] : 0;
        return root == 0 || root == off ? last.tid() : new Tid(last.tid().block(), root);
    }

    private void dropPin() {
        if (buffer >= 0) {
            int b = buffer;
            buffer = -1;
            buffers.release(b);
        }
    }

    @Override
    public void close() {
        dropPin();
        batch.clear();
        position = 0;
        nextBlock = nblocks;
    }
}
