package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.tuskdb.api.storage.PageLayout;

/**
 * The layout of B-tree pages (PostgreSQL's nbtree.h), on top of the standard slotted page
 * ({@link PageLayout}) with 16 bytes of special space:
 *
 * <pre>
 *  special:  0        4        8       10      12       16
 *            +--------+--------+-------+-------+--------+
 *            | prev   | next   | level | flags | spare  |
 *            +--------+--------+-------+-------+--------+
 *  leaf item:      | tid (8, packed) | key ...                |
 *  internal item:  | tid (8, packed) | child (4) | key ...    |
 * </pre>
 *
 * prev/next are the left and right siblings on the same level ({@link #NONE} at the ends).
 * On every page but the rightmost of its level, item 1 is the high key: an upper bound (in
 * (key, tid) order, exclusive) of every entry on the page and the lower bound of the right
 * sibling's entries; data items start at {@link #firstData}. On internal pages the first data
 * item is "minus infinity": its key and tid are not stored/compared, only its child is used.
 * A downlink (sep, child) means: entries &gt;= sep (and &lt; the next downlink's sep) are in
 * child's subtree.
 *
 * <p>Block 0 is the metapage: {@code META} flag, and after the page header magic, version, root
 * block and root level ({@link #NONE} root: an empty index).
 */
final class BtreePage {
    static final int SPECIAL_SIZE = 16;
    static final long NONE = -1L;

    static final int LEAF = 1;
    static final int ROOT = 2;
    static final int META = 4;
    /** The page was split and its right sibling's downlink is not in the parent yet. */
    static final int INCOMPLETE_SPLIT = 8;

    static final int TID = 0;
    static final int CHILD = 8;
    static final int LEAF_KEY = 8;
    static final int INTERNAL_KEY = 12;

    /** Room for items on an empty page (item ids included). */
    static final int USABLE = PageLayout.PAGE_SIZE - PageLayout.HEADER_SIZE - SPECIAL_SIZE;
    /** Largest item: three of them (with item ids) fit on a page, so every split has a choice. */
    static final int MAX_ITEM = ((USABLE / 3) - PageLayout.ITEM_ID_SIZE) & -PageLayout.ALIGNMENT;
    static final int MAX_KEY = MAX_ITEM - INTERNAL_KEY;

    static final int META_MAGIC = 0x053162;
    static final int META_VERSION = 1;
    private static final long META_DATA = PageLayout.HEADER_SIZE;
    static final long META_ROOT = META_DATA + 8;
    static final long META_LEVEL = META_DATA + 12;
    private static final int META_SIZE = 16;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private BtreePage() {
    }

    // ---- special space -------------------------------------------------------------------

    private static long sp(MemorySegment page) {
        return PageLayout.PAGE_SIZE - SPECIAL_SIZE;
    }

    static long prev(MemorySegment page) { return block(page.get(INT, sp(page))); }
    static long next(MemorySegment page) { return block(page.get(INT, sp(page) + 4)); }
    static int level(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, sp(page) + 8)); }
    static int flags(MemorySegment page) { return Short.toUnsignedInt(page.get(SHORT, sp(page) + 10)); }
    static void setPrev(MemorySegment page, long b) { page.set(INT, sp(page), (int) b); }
    static void setNext(MemorySegment page, long b) { page.set(INT, sp(page) + 4, (int) b); }
    static void setLevel(MemorySegment page, int level) { page.set(SHORT, sp(page) + 8, (short) level); }
    static void setFlags(MemorySegment page, int flags) { page.set(SHORT, sp(page) + 10, (short) flags); }

    static boolean isLeaf(MemorySegment page) { return (flags(page) & LEAF) != 0; }
    static boolean isRightmost(MemorySegment page) { return next(page) == NONE; }
    static boolean isLeftmost(MemorySegment page) { return prev(page) == NONE; }

    static long block(int stored) {
        return stored == -1 ? NONE : Integer.toUnsignedLong(stored);
    }

    /** Offset number of the high key; only valid on a page that is not rightmost. */
    static final int HIGH_KEY = 1;

    static int firstData(MemorySegment page) {
        return isRightmost(page) ? 1 : 2;
    }

    static int maxOff(MemorySegment page) {
        return PageLayout.itemCount(page);
    }

    static int keyStart(MemorySegment page) {
        return isLeaf(page) ? LEAF_KEY : INTERNAL_KEY;
    }

    /** Makes an empty B-tree page. */
    static void initialize(MemorySegment page, long prev, long next, int level, int flags) {
        PageLayout.initialize(page, SPECIAL_SIZE);
        setPrev(page, prev);
        setNext(page, next);
        setLevel(page, level);
        setFlags(page, flags);
    }

    // ---- items ---------------------------------------------------------------------------

    static long itemStart(MemorySegment page, int off) {
        return PageLayout.itemOffset(PageLayout.itemId(page, off));
    }

    static int itemLength(MemorySegment page, int off) {
        return PageLayout.itemLength(PageLayout.itemId(page, off));
    }

    static long tid(MemorySegment page, int off) {
        return page.get(LONG, itemStart(page, off) + TID);
    }

    static long child(MemorySegment page, int off) {
        return block(page.get(INT, itemStart(page, off) + CHILD));
    }

    static byte[] itemBytes(MemorySegment page, int off) {
        return PageLayout.item(page, off).toArray(ValueLayout.JAVA_BYTE);
    }

    static byte[] key(MemorySegment page, int off) {
        int ks = keyStart(page);
        long start = itemStart(page, off);
        return page.asSlice(start + ks, itemLength(page, off) - ks).toArray(ValueLayout.JAVA_BYTE);
    }

    static byte[] leafItem(byte[] key, long tid) {
        byte[] item = new byte[LEAF_KEY + key.length];
        MemorySegment s = MemorySegment.ofArray(item);
        s.set(LONG, TID, tid);
        MemorySegment.copy(key, 0, s, ValueLayout.JAVA_BYTE, LEAF_KEY, key.length);
        return item;
    }

    /**
     * A downlink to {@code child} whose separator is the key and tid of {@code item} (an item of
     * a page at the level below: leaf or internal format as {@code childIsLeaf} says).
     */
    static byte[] downlink(byte[] item, boolean childIsLeaf, long child) {
        int ks = childIsLeaf ? LEAF_KEY : INTERNAL_KEY;
        byte[] d = new byte[INTERNAL_KEY + item.length - ks];
        System.arraycopy(item, 0, d, 0, 8);
        MemorySegment.ofArray(d).set(INT, CHILD, (int) child);
        System.arraycopy(item, ks, d, INTERNAL_KEY, item.length - ks);
        return d;
    }

    /** The "minus infinity" first item of an internal page: only the child. */
    static byte[] minusInfinity(long child) {
        byte[] d = new byte[INTERNAL_KEY];
        MemorySegment.ofArray(d).set(INT, CHILD, (int) child);
        return d;
    }

    /** The internal item with its key and tid dropped (it becomes a page's first data item). */
    static byte[] stripped(byte[] internalItem) {
        return minusInfinity(block(MemorySegment.ofArray(internalItem).get(INT, CHILD)));
    }

    static int itemCost(int length) {
        return PageLayout.align(length) + PageLayout.ITEM_ID_SIZE;
    }

    static boolean fits(MemorySegment page, int length) {
        return PageLayout.upper(page) - PageLayout.lower(page) >= itemCost(length);
    }

    /** Inserts an item at offset number {@code off}, moving the item ids from there up by one. */
    static void insertItemAt(MemorySegment page, int off, MemorySegment item) {
        int count = PageLayout.itemCount(page);
        int length = (int) item.byteSize();
        int lower = PageLayout.lower(page);
        int newUpper = PageLayout.upper(page) - PageLayout.align(length);
        if (newUpper < lower + PageLayout.ITEM_ID_SIZE || off < 1 || off > count + 1) {
            throw new IllegalStateException("B-tree item of " + length + " bytes does not fit at offset " + off);
        }
        MemorySegment.copy(item, 0, page, newUpper, length);
        long from = PageLayout.HEADER_SIZE + (long) (off - 1) * PageLayout.ITEM_ID_SIZE;
        MemorySegment.copy(page, from, page, from + PageLayout.ITEM_ID_SIZE, (long) (count - off + 1) * PageLayout.ITEM_ID_SIZE);
        PageLayout.setItemId(page, off, newUpper, PageLayout.LP_NORMAL, length);
        PageLayout.setLower(page, lower + PageLayout.ITEM_ID_SIZE);
        PageLayout.setUpper(page, newUpper);
    }

    /** Whether a scan or a unique check found the entry's tuple dead to everyone (its item id is LP_DEAD: a hint). */
    static boolean isDead(MemorySegment page, int off) {
        return PageLayout.itemFlags(PageLayout.itemId(page, off)) == PageLayout.LP_DEAD;
    }

    /**
     * Marks the entry at {@code off} dead (PostgreSQL's ItemIdMarkDead in _bt_killitems): a hint,
     * set under a share lock (one aligned 32-bit store) and never WAL-logged; the caller owes
     * {@code markDirtyHint}.
     */
    static void markDead(MemorySegment page, int off) {
        int id = PageLayout.itemId(page, off);
        PageLayout.setItemId(page, off, PageLayout.itemOffset(id), PageLayout.LP_DEAD, PageLayout.itemLength(id));
    }

    /** How many data items are marked dead. */
    static int deadCount(MemorySegment page) {
        int n = 0;
        for (int off = firstData(page), max = maxOff(page); off <= max; off++) {
            if (isDead(page, off)) {
                n++;
            }
        }
        return n;
    }

    // ---- comparison ----------------------------------------------------------------------

    /**
     * sign(search - item at {@code off}): the key compared as unsigned bytes (only the first
     * key.length bytes of the item's key in prefix mode), then, if the search has a tid and the
     * keys are equal, the tids.
     */
    static int compare(SearchKey sk, MemorySegment page, int off, int keyStart) {
        if (sk.key == null) {
            return sk.infinity;
        }
        int id = PageLayout.itemId(page, off);
        long start = PageLayout.itemOffset(id);
        int klen = PageLayout.itemLength(id) - keyStart;
        long ks = start + keyStart;
        int c = compareBytes(sk, page, ks, klen);
        if (c != 0 || sk.tid == SearchKey.NO_TID) {
            return c;
        }
        return Long.compare(sk.tid, page.get(LONG, start + TID));
    }

    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Unsigned lexicographic comparison of the search key with {@code klen} bytes of the page at
     * {@code ks} (prefix mode: only the search key's length counts), eight bytes at a time:
     * big-endian longs compare as unsigned numbers in byte order. The last word of the page's key
     * may read past the item's end; that stays inside the page (items end before the special
     * space) and the extra bytes are masked off.
     */
    private static int compareBytes(SearchKey sk, MemorySegment page, long ks, int klen) {
        int slen = sk.key.length;
        int n = Math.min(slen, klen);
        long[] words = sk.words;
        for (int i = 0; i < n; i += 8) {
            long a = words[i >>> 3];
            long b = page.get(BE_LONG, ks + i);
            int rem = n - i;
            if (rem < 8) {
                long mask = -1L << ((8 - rem) << 3);
                a &= mask;
                b &= mask;
            }
            if (a != b) {
                return Long.compareUnsigned(a, b) < 0 ? -1 : 1;
            }
        }
        if (slen == klen) {
            return 0;
        }
        if (slen < klen) {
            return sk.prefix ? 0 : -1;
        }
        return 1;
    }

    /**
     * The first offset in [{@code low}, maxOff] whose item is &gt;= the search key (&gt; with
     * nextKey), or maxOff + 1.
     */
    static int binarySearch(SearchKey sk, MemorySegment page, int low) {
        int high = maxOff(page) + 1;
        int ks = keyStart(page);
        int cut = sk.nextKey ? 0 : 1; // item qualifies when compare(sk, item) < cut
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(sk, page, mid, ks) < cut) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * True when the search key lies beyond this page (move right, Lehman and Yao): the page has a
     * high key and the key is &gt; it (&gt;= with nextKey).
     */
    static boolean beyondHighKey(SearchKey sk, MemorySegment page) {
        if (isRightmost(page)) {
            return false;
        }
        int c = compare(sk, page, HIGH_KEY, keyStart(page));
        return sk.nextKey ? c >= 0 : c > 0;
    }

    // ---- metapage ------------------------------------------------------------------------

    static void initMeta(MemorySegment page, long root, int level) {
        initialize(page, NONE, NONE, 0, META);
        page.set(INT, META_DATA, META_MAGIC);
        page.set(INT, META_DATA + 4, META_VERSION);
        page.set(INT, META_ROOT, (int) root);
        page.set(INT, META_LEVEL, level);
        PageLayout.setLower(page, (int) META_DATA + META_SIZE);
    }

    /** ERROR XX002 (index_corrupted), PostgreSQL's code for a broken index. */
    static org.tuskdb.api.DatabaseException corrupted(Object rel, String what) {
        return org.tuskdb.api.DatabaseException.error("XX002", "index \"" + rel + "\" is corrupted: " + what);
    }

    static long metaRoot(MemorySegment page) {
        checkMeta(page);
        return block(page.get(INT, META_ROOT));
    }

    static int metaLevel(MemorySegment page) {
        return page.get(INT, META_LEVEL);
    }

    private static void checkMeta(MemorySegment page) {
        if (PageLayout.isNew(page) || (flags(page) & META) == 0 || page.get(INT, META_DATA) != META_MAGIC) {
            throw org.tuskdb.api.DatabaseException.error("XX002", "index is not a btree (bad metapage)");
        }
    }
}
