package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.storage.PageLayout;

/**
 * The contents of a B-tree page as a list of items plus its special space, and the compact
 * byte form of it that split, new-root and build records carry. A page is (re)built from that
 * form by {@link #apply}, both when the change is made and at redo, so the two pages are equal
 * byte for byte.
 *
 * <pre>
 *  | prev (4) | next (4) | level (2) | flags (2) | count (2) | { length (2) | item } ... |
 * </pre>
 */
final class PageImage {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final int HEADER = 14;

    long prev = BtreePage.NONE;
    long next = BtreePage.NONE;
    int level;
    int flags;
    final List<byte[]> items = new ArrayList<>();
    private int bytes;

    PageImage(int level, int flags) {
        this.level = level;
        this.flags = flags;
    }

    void add(byte[] item) {
        items.add(item);
        bytes += BtreePage.itemCost(item.length);
    }

    /** Space the items take on a page (item ids included). */
    int used() {
        return bytes;
    }

    byte[] toBytes() {
        int size = HEADER;
        for (byte[] it : items) {
            size += 2 + it.length;
        }
        byte[] out = new byte[size];
        MemorySegment s = MemorySegment.ofArray(out);
        s.set(INT, 0, (int) prev);
        s.set(INT, 4, (int) next);
        s.set(SHORT, 8, (short) level);
        s.set(SHORT, 10, (short) flags);
        s.set(SHORT, 12, (short) items.size());
        long p = HEADER;
        for (byte[] it : items) {
            s.set(SHORT, p, (short) it.length);
            MemorySegment.copy(it, 0, s, ValueLayout.JAVA_BYTE, p + 2, it.length);
            p += 2 + it.length;
        }
        return out;
    }

    /** Rebuilds {@code page} from the byte form. */
    static void apply(MemorySegment page, MemorySegment data) {
        BtreePage.initialize(page, BtreePage.block(data.get(INT, 0)), BtreePage.block(data.get(INT, 4)),
                Short.toUnsignedInt(data.get(SHORT, 8)), Short.toUnsignedInt(data.get(SHORT, 10)));
        int count = Short.toUnsignedInt(data.get(SHORT, 12));
        long p = HEADER;
        for (int i = 0; i < count; i++) {
            int len = Short.toUnsignedInt(data.get(SHORT, p));
            if (PageLayout.addItem(page, data.asSlice(p + 2, len)) == 0) {
                throw new IllegalStateException("B-tree page image does not fit on a page");
            }
            p += 2 + len;
        }
    }

    static void apply(MemorySegment page, byte[] data) {
        apply(page, MemorySegment.ofArray(data));
    }
}
