package org.tuskdb.heap.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.api.storage.PageLayout;

/**
 * Page pruning (PostgreSQL's heap_page_prune without HOT, and PageRepairFragmentation): versions
 * dead to everyone ({@link HeapVisibility#deadToAll}) lose their storage, their item ids stay as
 * {@code LP_DEAD} (zero offset and length) because index entries may still point at them, and
 * the live tuples are packed against the end of the page. README rule 14.
 *
 * <p>The same {@link #apply} runs for the original change and at redo, so both produce the same
 * layout: live items are placed from the page's end downwards in item-id order, and the hole
 * between the item ids and the tuples is zeroed.
 */
final class HeapPrune {
    /**
     * pd_flags bit of a heap page (the role of PostgreSQL's pd_prune_xid): some version on it
     * has an updater's or deleter's xmax, so pruning may find something. Set with that xmax
     * (original change and redo); recomputed by {@link #apply}; cleared as a hint by a prune
     * that finds nothing to prune and no candidate left. An update that finds a full page
     * without it skips the prune (README rule 14).
     */
    static final int PD_PRUNABLE = 0x8;

    private HeapPrune() {
    }

    static boolean prunable(MemorySegment page) {
        return (PageLayout.flags(page) & PD_PRUNABLE) != 0;
    }

    static void setPrunable(MemorySegment page, boolean prunable) {
        int flags = PageLayout.flags(page);
        PageLayout.setFlags(page, prunable ? flags | PD_PRUNABLE : flags & ~PD_PRUNABLE);
    }

    /**
     * True when the version at {@code t} has an xmax that is not a row lock: a candidate for a
     * later prune. Reads only the xmax and its lock bit, never hint bits, so the original change
     * and redo (which keep different hints) decide the same.
     */
    static boolean isCandidate(MemorySegment page, long t) {
        return TupleHeader.xmax(page, t) != 0 && (TupleHeader.infomask(page, t) & TupleHeader.XMAX_LOCK_ONLY) == 0;
    }

    /**
     * Marks the items at {@code dead[0..n)} (LP_NORMAL, ascending) dead and packs the rest.
     * Exclusive content lock held; nothing in it throws once the page is changed.
     */
    static void apply(MemorySegment page, int[] dead, int n) {
        for (int i = 0; i < n; i++) {
            PageLayout.setItemId(page, dead[i], 0, PageLayout.LP_DEAD, 0);
        }
        int count = PageLayout.itemCount(page);
        int end = PageLayout.special(page);
        int used = 0;
        for (int off = 1; off <= count; off++) {
            int id = PageLayout.itemId(page, off);
            if (PageLayout.itemFlags(id) == PageLayout.LP_NORMAL) {
                used += PageLayout.align(PageLayout.itemLength(id));
            }
        }
        byte[] copy = new byte[used];
        int at = 0;
        for (int off = 1; off <= count; off++) {
            int id = PageLayout.itemId(page, off);
            if (PageLayout.itemFlags(id) == PageLayout.LP_NORMAL) {
                int len = PageLayout.itemLength(id);
                MemorySegment.copy(page, ValueLayout.JAVA_BYTE, PageLayout.itemOffset(id), copy, at, len);
                at += PageLayout.align(len);
            }
        }
        int upper = end;
        at = 0;
        boolean candidates = false;
        for (int off = 1; off <= count; off++) {
            int id = PageLayout.itemId(page, off);
            if (PageLayout.itemFlags(id) == PageLayout.LP_NORMAL) {
                int len = PageLayout.itemLength(id);
                int aligned = PageLayout.align(len);
                upper -= aligned;
                MemorySegment.copy(copy, at, page, ValueLayout.JAVA_BYTE, upper, aligned); // with zeroed padding
                PageLayout.setItemId(page, off, upper, PageLayout.LP_NORMAL, len);
                candidates = candidates || isCandidate(page, upper);
                at += aligned;
            }
        }
        PageLayout.setUpper(page, upper);
        int lower = PageLayout.lower(page);
        page.asSlice(lower, upper - lower).fill((byte) 0); // the hole: no stale bytes, so redo's page is the same
        setPrunable(page, candidates);
    }

    /** The PRUNE record's main data: count u16, then the dead offsets u16 each. */
    static byte[] record(int[] dead, int n) {
        byte[] d = new byte[2 + 2 * n];
        MemorySegment s = MemorySegment.ofArray(d);
        ValueLayout.OfShort u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(HeapWalRecords.ORDER);
        s.set(u16, 0, (short) n);
        for (int i = 0; i < n; i++) {
            s.set(u16, 2 + 2L * i, (short) dead[i]);
        }
        return d;
    }
}
