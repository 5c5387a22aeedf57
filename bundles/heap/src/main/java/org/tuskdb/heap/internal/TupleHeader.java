package org.tuskdb.heap.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The header of every heap tuple version (PostgreSQL's HeapTupleHeaderData, with 64-bit xids and
 * separate cmin/cmax instead of a combo command id), followed by the opaque contents:
 *
 * <pre>
 *  0          8          16     20     24        28     30         32
 *  +----------+----------+------+------+---------+------+----------+--------------------+
 *  | xmin     | xmax     | cmin | cmax | ctid    | ctid | infomask | data (item length  |
 *  | (8)      | (8)      | (4)  | (4)  | block(4)| off(2)| (2)     |  - 32 bytes) ...   |
 *  +----------+----------+------+------+---------+------+----------+--------------------+
 * </pre>
 *
 * <ul>
 *   <li>xmin: the (sub)transaction that inserted this version; cmin its command id.</li>
 *   <li>xmax: 0, or the (sub)transaction that deleted, updated ({@link #XMAX_LOCK_ONLY} clear)
 *       or row-locked ({@link #XMAX_LOCK_ONLY} set) this version; cmax its command id.</li>
 *   <li>ctid: this version's own tid, or after an update the tid of the newer version.</li>
 *   <li>infomask: hint bits caching commit status (set under a shared lock, rule 4 of the
 *       README) and the meaning of xmax.</li>
 * </ul>
 * Fields are in the machine's byte order, like the page header. The data length is the item
 * length minus {@link #SIZE}.
 */
public final class TupleHeader {
    public static final int XMIN = 0;
    public static final int XMAX = 8;
    public static final int CMIN = 16;
    public static final int CMAX = 20;
    public static final int CTID_BLOCK = 24;
    public static final int CTID_OFFSET = 28;
    public static final int INFOMASK = 30;
    /** Header bytes before the data (a multiple of 8, so data starts aligned). */
    public static final int SIZE = 32;

    /** Hint: xmin is known committed. */
    public static final int XMIN_COMMITTED = 0x0001;
    /** Hint: xmin is known aborted (the version never existed). */
    public static final int XMIN_INVALID = 0x0002;
    /** Hint: xmax is known committed (and not lock-only). */
    public static final int XMAX_COMMITTED = 0x0004;
    /** xmax is 0, or known aborted, or a lock of a finished transaction: ignore it. */
    public static final int XMAX_INVALID = 0x0008;
    /** xmax only locks the row (SELECT ... FOR UPDATE / SHARE); the version is not deleted. */
    public static final int XMAX_LOCK_ONLY = 0x0010;
    /** The lock is FOR UPDATE / FOR NO KEY UPDATE. */
    public static final int XMAX_EXCL_LOCK = 0x0020;
    /** The lock is FOR SHARE / FOR KEY SHARE (it conflicts like an exclusive one: no multixacts yet). */
    public static final int XMAX_SHARE_LOCK = 0x0040;
    /** This version was made by an UPDATE (it has a predecessor). */
    public static final int UPDATED = 0x0080;
    /**
     * HEAP_HOT_UPDATED: the update that set xmax made a heap-only successor (at ctid, same
     * page). Part of {@link #XMAX_BITS}: every new xmax (possible only once the old one is
     * void) replaces it.
     */
    public static final int HOT_UPDATED = 0x0100;
    /** HEAP_ONLY_TUPLE: no index entry points here; indexes reach it through its chain's root. */
    public static final int HEAP_ONLY = 0x0200;

    /** Hint bits: the only bits ever changed without a WAL record. */
    public static final int HINT_BITS = XMIN_COMMITTED | XMIN_INVALID | XMAX_COMMITTED | XMAX_INVALID;
    /** Everything that describes xmax (what delete/update/lock and their redo replace). */
    public static final int XMAX_BITS = XMAX_COMMITTED | XMAX_INVALID | XMAX_LOCK_ONLY | XMAX_EXCL_LOCK | XMAX_SHARE_LOCK
            | HOT_UPDATED;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private TupleHeader() {
    }

    // All accessors take the page and the byte offset of the tuple within it (the item offset).

    public static long xmin(MemorySegment page, long t) { return page.get(LONG, t + XMIN); }
    public static long xmax(MemorySegment page, long t) { return page.get(LONG, t + XMAX); }
    public static int cmin(MemorySegment page, long t) { return page.get(INT, t + CMIN); }
    public static int cmax(MemorySegment page, long t) { return page.get(INT, t + CMAX); }
    public static long ctidBlock(MemorySegment page, long t) { return Integer.toUnsignedLong(page.get(INT, t + CTID_BLOCK)); }
    public static int ctidOffset(MemorySegment page, long t) { return Short.toUnsignedInt(page.get(SHORT, t + CTID_OFFSET)); }
    public static int infomask(MemorySegment page, long t) { return Short.toUnsignedInt(page.get(SHORT, t + INFOMASK)); }

    public static void setXmin(MemorySegment page, long t, long v) { page.set(LONG, t + XMIN, v); }
    public static void setXmax(MemorySegment page, long t, long v) { page.set(LONG, t + XMAX, v); }
    public static void setCmin(MemorySegment page, long t, int v) { page.set(INT, t + CMIN, v); }
    public static void setCmax(MemorySegment page, long t, int v) { page.set(INT, t + CMAX, v); }
    public static void setInfomask(MemorySegment page, long t, int v) { page.set(SHORT, t + INFOMASK, (short) v); }

    public static void setCtid(MemorySegment page, long t, long block, int offset) {
        page.set(INT, t + CTID_BLOCK, (int) block);
        page.set(SHORT, t + CTID_OFFSET, (short) offset);
    }

    /** Replaces xmax and the bits describing it (delete, update, lock and their redo). */
    public static void setXmaxAndBits(MemorySegment page, long t, long xmax, int xmaxBits) {
        setXmax(page, t, xmax);
        setInfomask(page, t, (infomask(page, t) & ~XMAX_BITS) | (xmaxBits & XMAX_BITS));
    }

    /** Sets hint bits (no WAL): caller holds at least a shared content lock. */
    public static void setHint(MemorySegment page, long t, int bits) {
        setInfomask(page, t, infomask(page, t) | bits);
    }

    public static boolean isHeapOnly(MemorySegment page, long t) { return (infomask(page, t) & HEAP_ONLY) != 0; }
    public static boolean isHotUpdated(MemorySegment page, long t) { return (infomask(page, t) & HOT_UPDATED) != 0; }

    /** True when the ctid points at the version itself (not updated, or only deleted/locked). */
    public static boolean ctidIsSelf(MemorySegment page, long t, long block, int offset) {
        return ctidBlock(page, t) == block && ctidOffset(page, t) == offset;
    }

    /**
     * Writes a complete header for a new version into {@code image} (a heap-array segment that
     * becomes the item, or WAL block data) at {@code at}: xmax 0 and XMAX_INVALID, ctid unset.
     */
    public static void initialize(MemorySegment image, long at, long xmin, int cmin, int extraBits) {
        image.set(LONG, at + XMIN, xmin);
        image.set(LONG, at + XMAX, 0L);
        image.set(INT, at + CMIN, cmin);
        image.set(INT, at + CMAX, 0);
        image.set(INT, at + CTID_BLOCK, 0);
        image.set(SHORT, at + CTID_OFFSET, (short) 0);
        image.set(SHORT, at + INFOMASK, (short) (XMAX_INVALID | extraBits));
    }
}
