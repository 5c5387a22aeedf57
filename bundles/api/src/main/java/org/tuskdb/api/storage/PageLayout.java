package org.tuskdb.api.storage;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The 8 KiB slotted page every relation fork is made of (PostgreSQL's bufpage.h), as static
 * methods on a page-sized {@link MemorySegment} (a shared buffer, or a private copy).
 *
 * <pre>
 *  0        8     10    12    14    16      18        20        24
 *  +--------+-----+-----+-----+-----+-------+---------+---------+---------------------+
 *  | lsn    | crc | flg | lwr | upr | spec  | version | (spare) | item ids (4 B each)→ |
 *  +--------+-----+-----+-----+-----+-------+---------+---------+---------------------+
 *  |                 ... free space between lower and upper ...                       |
 *  +----------------------------------------------------+-----------------------------+
 *  |             ← items (tuples), 8-byte aligned         | special space (index AMs)  |
 *  +----------------------------------------------------+-----------------------------+
 * </pre>
 *
 * An item id is one 32-bit word: offset (bits 0-14), flags (15-16: unused, normal, redirect,
 * dead), length (17-31). Item numbers ("offset numbers") start at 1. A page whose {@code upper}
 * is 0 is new (all zeros, e.g. just extended): it has no valid header and no checksum yet.
 *
 * <p>Rules: the checksum covers the whole page but its own field, mixed with the block number,
 * and is computed only when the page is written out and verified when it is read in (a bad one
 * is ERROR XX001, never wrong data). The LSN is that of the end of the last WAL record that
 * changed the page; set it while holding the exclusive content lock, right after inserting the
 * record. Fields are in the machine's byte order (pages never leave the machine except as
 * copies of files for the same platform).
 */
public final class PageLayout {
    public static final int PAGE_SIZE = 8192;
    public static final int HEADER_SIZE = 24;
    public static final int ITEM_ID_SIZE = 4;
    /** Items are placed at multiples of this (PostgreSQL's MAXALIGN). */
    public static final int ALIGNMENT = 8;
    public static final int LAYOUT_VERSION = 1;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    public static final int LP_REDIRECT = 2;
    public static final int LP_DEAD = 3;

    /** pd_flags: some item ids are unused (PostgreSQL's PD_HAS_FREE_LINES). */
    public static final int PD_HAS_FREE_LINES = 0x1;
    /** pd_flags: every tuple is visible to everyone (PostgreSQL's PD_ALL_VISIBLE). */
    public static final int PD_ALL_VISIBLE = 0x4;

    private static final long LSN = 0;
    private static final long CHECKSUM = 8;
    private static final long FLAGS = 10;
    private static final long LOWER = 12;
    private static final long UPPER = 14;
    private static final long SPECIAL = 16;
    private static final long VERSION = 18;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private PageLayout() {
    }

    /** Makes the page an empty page with {@code specialSize} bytes of special space at its end. */
    public static void initialize(MemorySegment page, int specialSize) {
        int special = PAGE_SIZE - align(specialSize);
        page.asSlice(0, PAGE_SIZE).fill((byte) 0);
        page.set(SHORT, LOWER, (short) HEADER_SIZE);
        page.set(SHORT, UPPER, (short) special);
        page.set(SHORT, SPECIAL, (short) special);
        page.set(SHORT, VERSION, (short) (PAGE_SIZE | LAYOUT_VERSION));
    }

    /** True for a page never initialized (all zeros where the header would be). */
    public static boolean isNew(MemorySegment page) {
        return upper(page) == 0;
    }

    public static long lsn(MemorySegment page) { return page.get(LONG, LSN); }
    public static void setLsn(MemorySegment page, long lsn) { page.set(LONG, LSN, lsn); }
    public static int flags(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, FLAGS)); }
    public static void setFlags(MemorySegment page, int flags) { page.set(SHORT, FLAGS, (short) flags); }
    public static int lower(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, LOWER)); }
    public static int upper(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, UPPER)); }
    public static int special(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, SPECIAL)); }
    public static void setLower(MemorySegment page, int v) { page.set(SHORT, LOWER, (short) v); }
    public static void setUpper(MemorySegment page, int v) { page.set(SHORT, UPPER, (short) v); }

    /** The special space (empty for heap pages). */
    public static MemorySegment specialSpace(MemorySegment page) {
        int s = special(page);
        return page.asSlice(s, PAGE_SIZE - s);
    }

    /** Number of item ids (the highest offset number in use or unused). */
    public static int itemCount(MemorySegment page) {
        int lower = lower(page);
        return lower <= HEADER_SIZE ? 0 : (lower - HEADER_SIZE) / ITEM_ID_SIZE;
    }

    /** The raw item id word of offset number {@code off} (1-based). */
    public static int itemId(MemorySegment page, int off) {
        return page.get(INT, HEADER_SIZE + (long) (off - 1) * ITEM_ID_SIZE);
    }

    public static void setItemId(MemorySegment page, int off, int itemOffset, int flags, int length) {
        page.set(INT, HEADER_SIZE + (long) (off - 1) * ITEM_ID_SIZE, itemIdWord(itemOffset, flags, length));
    }

    public static int itemIdWord(int itemOffset, int flags, int length) {
        return (itemOffset & 0x7FFF) | (flags & 3) << 15 | (length & 0x7FFF) << 17;
    }

    public static int itemOffset(int itemIdWord) { return itemIdWord & 0x7FFF; }
    public static int itemFlags(int itemIdWord) { return (itemIdWord >>> 15) & 3; }
    public static int itemLength(int itemIdWord) { return itemIdWord >>> 17; }

    /** The item at offset number {@code off}, as a slice of the page (of its stored length). */
    public static MemorySegment item(MemorySegment page, int off) {
        int id = itemId(page, off);
        return page.asSlice(itemOffset(id), itemLength(id));
    }

    /** Bytes an item of {@code length} can take on this page including a new item id; 0 if none. */
    public static int freeSpace(MemorySegment page) {
        return Math.max(0, upper(page) - lower(page) - ITEM_ID_SIZE);
    }

    /** The largest item a fresh page without special space can hold. */
    public static int maxItemSize() {
        return align(PAGE_SIZE - HEADER_SIZE - ITEM_ID_SIZE) - ALIGNMENT;
    }

    /**
     * Appends an item as the next offset number (PostgreSQL's PageAddItem without reuse of
     * unused ids). Returns its offset number, or 0 when it does not fit.
     */
    public static int addItem(MemorySegment page, MemorySegment data) {
        int length = (int) data.byteSize();
        int lower = lower(page);
        int newUpper = upper(page) - align(length);
        if (newUpper < lower + ITEM_ID_SIZE) {
            return 0;
        }
        MemorySegment.copy(data, 0, page, newUpper, length);
        int off = itemCount(page) + 1;
        setItemId(page, off, newUpper, LP_NORMAL, length);
        setLower(page, lower + ITEM_ID_SIZE);
        setUpper(page, newUpper);
        return off;
    }

    /**
     * Places an item at a given offset number, as redo must (the number the original insert got):
     * {@code off} is either the next number or an unused one. Returns false when it does not fit.
     */
    public static boolean addItemAt(MemorySegment page, MemorySegment data, int off) {
        int count = itemCount(page);
        if (off == count + 1) {
            return addItem(page, data) == off;
        }
        if (off < 1 || off > count || itemFlags(itemId(page, off)) != LP_UNUSED) {
            throw new IllegalArgumentException("offset number " + off + " is not free");
        }
        int length = (int) data.byteSize();
        int newUpper = upper(page) - align(length);
        if (newUpper < lower(page)) {
            return false;
        }
        MemorySegment.copy(data, 0, page, newUpper, length);
        setItemId(page, off, newUpper, LP_NORMAL, length);
        setUpper(page, newUpper);
        return true;
    }

    public static int align(int n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The checksum of the page as it would be stored for block {@code block} (never 0). */
    public static short computeChecksum(MemorySegment page, long block) {
        CRC32C crc = new CRC32C();
        ByteBuffer bytes = page.asSlice(0, PAGE_SIZE).asByteBuffer();
        crc.update(bytes.slice(0, (int) CHECKSUM));
        crc.update(bytes.slice((int) CHECKSUM + 2, PAGE_SIZE - (int) CHECKSUM - 2));
        long v = crc.getValue() ^ (block * 0x9E3779B97F4A7C15L);
        int folded = (int) (v ^ (v >>> 16) ^ (v >>> 32) ^ (v >>> 48)) & 0xFFFF;
        return (short) (folded % 65535 + 1);
    }

    /** Stores the checksum (the writer, on its copy of the page, just before the write). */
    public static void setChecksum(MemorySegment page, long block) {
        page.set(SHORT, CHECKSUM, computeChecksum(page, block));
    }

    /**
     * True when the page read for {@code block} is intact: a new (all-zero) page, or one whose
     * stored checksum matches and whose header is sane.
     */
    public static boolean verify(MemorySegment page, long block) {
        if (isNew(page)) {
            for (long i = 0; i < PAGE_SIZE; i += 8) {
                if (page.get(LONG, i) != 0) {
                    return false;
                }
            }
            return true;
        }
        int lower = lower(page);
        int upper = upper(page);
        int special = special(page);
        if (lower < HEADER_SIZE || lower > upper || upper > special || special > PAGE_SIZE
                || (Short.toUnsignedInt(page.get(SHORT, VERSION)) & ~0xFF) != PAGE_SIZE) {
            return false;
        }
        return page.get(SHORT, CHECKSUM) == computeChecksum(page, block);
    }
}
