package org.tuskdb.heap.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.api.storage.PageLayout;

/**
 * Page pruning (PostgreSQL's heap_page_prune with HOT chains, and PageRepairFragmentation),
 * README rule 14. {@link #plan} decides, {@link #apply} changes the page; the same apply runs
 * for the original change and at redo, so both produce the same layout: live items are placed
 * from the page's end downwards in item-id order, and the hole between the item ids and the
 * tuples is zeroed.
 *
 * <p>A HOT chain starts at its root: an {@code LP_REDIRECT} item, or a normal tuple that is not
 * heap-only (index entries point at roots only). It goes on through heap-only tuples on the same
 * page while a member is HOT_UPDATED, its ctid names the next one and that one's xmin is the
 * member's xmax. The prefix of a chain whose members are all dead to everyone goes: a root
 * with live members left becomes a redirect to the first of them, a root of a wholly dead
 * chain becomes {@code LP_DEAD} (index entries still point at it; only VACUUM's index pass
 * can let them go), and the dead heap-only members become {@code LP_UNUSED} at once (no index
 * entry points at them), which later tuples reuse. A dead heap-only tuple no chain reaches
 * (its predecessor's update aborted and was overwritten) becomes unused too.
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

    /** Whether a tuple is dead to everyone (HeapVisibility.deadToAll against a horizon). */
    interface DeadTest {
        boolean dead(MemorySegment page, long t);
    }

    /** What a prune does to a page: the three lists of the PRUNE record. */
    static final class Plan {
        /** Pairs (root, first live member). */
        final int[] redirects;
        final int[] dead;
        final int[] unused;
        int redirectCount;
        int deadCount;
        int unusedCount;
        /** Some LP_NORMAL version left has a non-lock xmax (before apply). */
        boolean candidates;

        Plan(int count) {
            redirects = new int[2 * count];
            dead = new int[count];
            unused = new int[count];
        }

        int changes() {
            return redirectCount + deadCount + unusedCount;
        }
    }

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

    /** Byte offset of item {@code off} when it is a normal tuple, else -1. */
    private static long normal(MemorySegment page, int off, int count) {
        if (off < 1 || off > count) {
            return -1;
        }
        int id = PageLayout.itemId(page, off);
        return PageLayout.itemFlags(id) == PageLayout.LP_NORMAL ? PageLayout.itemOffset(id) : -1;
    }

    /**
     * The next member of a HOT chain after the one at {@code t} (item {@code off} of a page of
     * {@code count} items), or 0 at the chain's end: t is HOT_UPDATED, its ctid names another
     * normal heap-only item whose xmin is t's xmax.
     */
    static int nextMember(MemorySegment page, long t, int off, int count) {
        if (!TupleHeader.isHotUpdated(page, t)) {
            return 0;
        }
        int next = TupleHeader.ctidOffset(page, t);
        if (next == off) {
            return 0;
        }
        long n = normal(page, next, count);
        if (n < 0 || !TupleHeader.isHeapOnly(page, n) || TupleHeader.xmin(page, n) != TupleHeader.xmax(page, t)) {
            return 0;
        }
        return next;
    }

    /**
     * The first member of the chain whose root is item {@code root}: the root itself when it is a
     * normal tuple that is not heap-only, the redirect's target (a normal heap-only tuple) for a
     * redirect, else 0 (unused, dead, or a heap-only tuple: no chain starts there).
     */
    static int firstMember(MemorySegment page, int root, int count) {
        if (root < 1 || root > count) {
            return 0;
        }
        int id = PageLayout.itemId(page, root);
        switch (PageLayout.itemFlags(id)) {
            case PageLayout.LP_NORMAL:
                return TupleHeader.isHeapOnly(page, PageLayout.itemOffset(id)) ? 0 : root;
            case PageLayout.LP_REDIRECT: {
                int target = PageLayout.itemOffset(id);
                long t = normal(page, target, count);
                return t >= 0 && TupleHeader.isHeapOnly(page, t) ? target : 0;
            }
            default:
                return 0;
        }
    }

    /**
     * For every item of the page, the root of the HOT chain it belongs to (its own number for a
     * version outside any chain, 0 for items that are not tuples or heap-only tuples no chain
     * reaches). Shared content lock held.
     */
    static int[] roots(MemorySegment page) {
        int count = PageLayout.itemCount(page);
        int[] roots = new int[count + 1];
        for (int off = 1; off <= count; off++) {
            for (int m = firstMember(page, off, count); m != 0 && roots[m] == 0; ) {
                roots[m] = off;
                m = nextMember(page, normal(page, m, count), m, count);
            }
        }
        return roots;
    }

    /**
     * Decides the prune of a page (exclusive lock held): {@code keep} (the version an update is
     * about to replace, 0 for none) is never dead.
     */
    static Plan plan(MemorySegment page, int keep, DeadTest test) {
        int count = PageLayout.itemCount(page);
        Plan p = new Plan(count);
        boolean[] reached = new boolean[count + 1];
        int[] members = new int[count];
        for (int root = 1; root <= count; root++) {
            int n = 0;
            for (int m = firstMember(page, root, count); m != 0 && !reached[m]; ) {
                reached[m] = true;
                members[n++] = m;
                m = nextMember(page, normal(page, m, count), m, count);
            }
            if (n == 0) {
                continue;
            }
            // The prefix of members dead to everyone (a later dead member after a live one is
            // left: an aborted update's successor, or xids out of order; a later prune gets it).
            int d = 0;
            while (d < n && members[d] != keep && test.dead(page, normal(page, members[d], count))) {
                d++;
            }
            for (int i = d; i < n; i++) {
                p.candidates = p.candidates || isCandidate(page, normal(page, members[i], count));
            }
            if (d == 0) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                if (members[i] != root) {
                    p.unused[p.unusedCount++] = members[i];
                }
            }
            if (d == n) {
                p.dead[p.deadCount++] = root;
            } else { // d > 0: a normal root loses its storage, a redirect moves on past dead members
                p.redirects[2 * p.redirectCount] = root;
                p.redirects[2 * p.redirectCount + 1] = members[d];
                p.redirectCount++;
            }
        }
        for (int off = 1; off <= count; off++) {
            long t = reached[off] ? -1 : normal(page, off, count);
            if (t >= 0 && TupleHeader.isHeapOnly(page, t)) {
                if (off != keep && test.dead(page, t)) {
                    p.unused[p.unusedCount++] = off; // reached by no chain
                } else {
                    p.candidates = p.candidates || isCandidate(page, t);
                }
            }
        }
        java.util.Arrays.sort(p.unused, 0, p.unusedCount);
        return p;
    }

    /**
     * Applies a plan: redirects, dead and unused items set, the rest packed. Exclusive content
     * lock held; nothing in it throws once the page is changed.
     */
    static void apply(MemorySegment page, int[] redirects, int redirectCount, int[] dead, int deadCount,
                      int[] unused, int unusedCount) {
        for (int i = 0; i < redirectCount; i++) {
            PageLayout.setItemId(page, redirects[2 * i], redirects[2 * i + 1], PageLayout.LP_REDIRECT, 0);
        }
        for (int i = 0; i < deadCount; i++) {
            PageLayout.setItemId(page, dead[i], 0, PageLayout.LP_DEAD, 0);
        }
        for (int i = 0; i < unusedCount; i++) {
            PageLayout.setItemId(page, unused[i], 0, PageLayout.LP_UNUSED, 0);
        }
        int count = PageLayout.itemCount(page);
        int end = PageLayout.special(page);
        int used = 0;
        boolean freeLines = false;
        for (int off = 1; off <= count; off++) {
            int id = PageLayout.itemId(page, off);
            if (PageLayout.itemFlags(id) == PageLayout.LP_NORMAL) {
                used += PageLayout.align(PageLayout.itemLength(id));
            } else if (PageLayout.itemFlags(id) == PageLayout.LP_UNUSED) {
                freeLines = true;
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
        int flags = PageLayout.flags(page);
        PageLayout.setFlags(page, freeLines ? flags | PageLayout.PD_HAS_FREE_LINES : flags & ~PageLayout.PD_HAS_FREE_LINES);
    }

    static void apply(MemorySegment page, Plan p) {
        apply(page, p.redirects, p.redirectCount, p.dead, p.deadCount, p.unused, p.unusedCount);
    }

    /**
     * Adds a tuple image to the page (exclusive lock held) as PageAddItem does: in the first
     * unused item id when the page says it has one (PD_HAS_FREE_LINES; a search that finds none
     * clears the flag, a hint), else as the next offset number. Returns its offset number, or 0
     * when it does not fit.
     */
    static int addTuple(MemorySegment page, MemorySegment image) {
        int flags = PageLayout.flags(page);
        if ((flags & PageLayout.PD_HAS_FREE_LINES) != 0) {
            int count = PageLayout.itemCount(page);
            for (int off = 1; off <= count; off++) {
                if (PageLayout.itemFlags(PageLayout.itemId(page, off)) == PageLayout.LP_UNUSED) {
                    return PageLayout.addItemAt(page, image, off) ? off : 0;
                }
            }
            PageLayout.setFlags(page, flags & ~PageLayout.PD_HAS_FREE_LINES);
        }
        return PageLayout.addItem(page, image);
    }

    /**
     * The PRUNE record's main data: redirect count u16, dead count u16, unused count u16, then
     * the redirect pairs (root, target), the dead and the unused offsets, u16 each.
     */
    static byte[] record(Plan p) {
        int words = 3 + 2 * p.redirectCount + p.deadCount + p.unusedCount;
        byte[] d = new byte[2 * words];
        MemorySegment s = MemorySegment.ofArray(d);
        ValueLayout.OfShort u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(HeapWalRecords.ORDER);
        long at = 0;
        s.set(u16, at, (short) p.redirectCount);
        s.set(u16, at + 2, (short) p.deadCount);
        s.set(u16, at + 4, (short) p.unusedCount);
        at = 6;
        for (int i = 0; i < 2 * p.redirectCount; i++, at += 2) {
            s.set(u16, at, (short) p.redirects[i]);
        }
        for (int i = 0; i < p.deadCount; i++, at += 2) {
            s.set(u16, at, (short) p.dead[i]);
        }
        for (int i = 0; i < p.unusedCount; i++, at += 2) {
            s.set(u16, at, (short) p.unused[i]);
        }
        return d;
    }
}
