package org.tuskdb.btree.internal;

/**
 * The B-tree's WAL record types (info byte; PostgreSQL's nbtxlog.h). Block ids per record:
 * <ul>
 *   <li>INSERT_LEAF: 0 the leaf; block data = offset number (2) + item.</li>
 *   <li>INSERT_UPPER: 0 the internal page, as INSERT_LEAF; 1 the child whose split this
 *       downlink completes (its INCOMPLETE_SPLIT flag is cleared).</li>
 *   <li>SPLIT: 0 the left (original) page and 1 the new right page, both WILL_INIT with their
 *       {@link PageImage} as block data; 2 the old right sibling (its prev becomes block 1),
 *       absent when the page was rightmost; 3 for an internal page, the child as in
 *       INSERT_UPPER.</li>
 *   <li>NEWROOT: 0 the new root (WILL_INIT, PageImage); 1 the old root, whose split this
 *       completes (absent for the first, leaf root); 2 the metapage (WILL_INIT, root + level).</li>
 *   <li>META: 0 the metapage (WILL_INIT, root + level): create and the end of a build.</li>
 *   <li>NEWPAGE: 0 a page written by a build (WILL_INIT, PageImage); also a leaf rewritten
 *       without its dead entries before it would split (Btree#removeDead).</li>
 * </ul>
 */
final class BtreeWalRecords {
    static final int INSERT_LEAF = 0x10;
    static final int INSERT_UPPER = 0x20;
    static final int SPLIT = 0x30;
    static final int NEWROOT = 0x40;
    static final int META = 0x50;
    static final int NEWPAGE = 0x60;

    private BtreeWalRecords() {
    }

    static String name(int info) {
        return switch (info) {
            case INSERT_LEAF -> "INSERT_LEAF";
            case INSERT_UPPER -> "INSERT_UPPER";
            case SPLIT -> "SPLIT";
            case NEWROOT -> "NEWROOT";
            case META -> "META";
            case NEWPAGE -> "NEWPAGE";
            default -> "UNKNOWN " + info;
        };
    }

    static byte[] meta(long root, int level) {
        byte[] d = new byte[8];
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(d);
        s.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0, (int) root);
        s.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 4, level);
        return d;
    }
}
