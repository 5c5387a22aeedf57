package org.tuskdb.heap.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The heap resource manager's record formats (PostgreSQL's heapam_xlog.h), rmgr id
 * {@link org.tuskdb.api.wal.ResourceManagerIds#HEAP}. Every number is in the machine's byte
 * order. Offsets are 1-based item numbers; "tuple image" is the whole item as it lies on the
 * page ({@link TupleHeader} + data, ctid already pointing at itself).
 *
 * <pre>
 * INSERT (0x00, | INIT_PAGE)   block 0 = target page (STANDARD, + WILL_INIT with INIT_PAGE)
 *                              block 0 data: offnum u16 | tuple image
 * DELETE (0x10)                block 0 = page
 *                              main data: offnum u16 | xmaxBits u16 | cmax i32 | xmax i64
 * UPDATE (0x20, | INIT_PAGE)   block 0 = page of the new version (+ WILL_INIT with INIT_PAGE),
 *                              block 1 = page of the old version (absent when the same page)
 *                              main data: oldOff u16 | newOff u16 | oldXmaxBits u16 | pad u16 |
 *                                         cmax i32 | pad i32 | xmax i64
 *                              (oldXmaxBits has HOT_UPDATED for a HOT update, whose new
 *                              image has HEAP_ONLY)
 *                              block 0 data: new tuple image
 * LOCK   (0x30)                block 0 = page
 *                              main data: offnum u16 | xmaxBits u16 | pad i32 | xmax i64
 * PRUNE  (0x40)                block 0 = page
 *                              main data: redirects u16 | dead u16 | unused u16 |
 *                                         redirects x (root u16 | target u16) |
 *                                         dead x offnum u16 (made LP_DEAD) |
 *                                         unused x offnum u16 (made LP_UNUSED, ascending);
 *                              redo repeats HeapPrune.apply (same packing)
 * MULTI_INSERT (0x50, | INIT_PAGE)  block 0 = target page (STANDARD, + WILL_INIT with INIT_PAGE)
 *                              main data: cid i32 | count u16 | pad u16
 *                              block 0 data: count x (offnum u16 | length u16 | tuple data),
 *                              the tuples without their header: redo makes it from the
 *                              record's xid and cid, as the insert did (xmax 0, no hint bits,
 *                              ctid pointing at itself); COPY's heap_multi_insert
 * </pre>
 *
 * INIT_PAGE means: the page held nothing but this one new tuple at offset 1 (MULTI_INSERT: but
 * the record's tuples, from offset 1), so redo starts
 * from a freshly initialized page (PostgreSQL's XLOG_HEAP_INIT_PAGE) and needs no image.
 * Redo uses only what the record says (never pg_xact): xids and command ids are copied.
 */
final class HeapWalRecords {
    static final int INSERT = 0x00;
    static final int DELETE = 0x10;
    static final int UPDATE = 0x20;
    static final int LOCK = 0x30;
    static final int PRUNE = 0x40;
    static final int MULTI_INSERT = 0x50;
    static final int OPMASK = 0x70;
    static final int INIT_PAGE = 0x80;

    static final int DELETE_SIZE = 16;
    static final int UPDATE_SIZE = 24;
    static final int LOCK_SIZE = 16;
    static final int MULTI_INSERT_SIZE = 8;
    /** offnum u16 | length u16 before each tuple's data in a MULTI_INSERT's block data. */
    static final int MULTI_TUPLE_HEADER = 4;

    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private HeapWalRecords() {
    }

    static byte[] delete(int offnum, int xmaxBits, int cmax, long xmax) {
        ByteBuffer b = ByteBuffer.allocate(DELETE_SIZE).order(ORDER);
        b.putShort((short) offnum).putShort((short) xmaxBits).putInt(cmax).putLong(xmax);
        return b.array();
    }

    static byte[] update(int oldOff, int newOff, int oldXmaxBits, int cmax, long xmax) {
        ByteBuffer b = ByteBuffer.allocate(UPDATE_SIZE).order(ORDER);
        b.putShort((short) oldOff).putShort((short) newOff).putShort((short) oldXmaxBits).putShort((short) 0)
                .putInt(cmax).putInt(0).putLong(xmax);
        return b.array();
    }

    static byte[] multiInsert(int cid, int count) {
        ByteBuffer b = ByteBuffer.allocate(MULTI_INSERT_SIZE).order(ORDER);
        b.putInt(cid).putShort((short) count).putShort((short) 0);
        return b.array();
    }

    static byte[] lock(int offnum, int xmaxBits, long xmax) {
        ByteBuffer b = ByteBuffer.allocate(LOCK_SIZE).order(ORDER);
        b.putShort((short) offnum).putShort((short) xmaxBits).putInt(0).putLong(xmax);
        return b.array();
    }

    /** A read-only record buffer in our byte order, from its start. */
    static ByteBuffer view(ByteBuffer recordPart) {
        return recordPart.duplicate().order(ORDER);
    }

    static String name(int info) {
        return switch (info & OPMASK) {
            case INSERT -> "INSERT";
            case DELETE -> "DELETE";
            case UPDATE -> "UPDATE";
            case LOCK -> "LOCK";
            case MULTI_INSERT -> "MULTI_INSERT";
            case PRUNE -> "PRUNE";
            default -> "UNKNOWN";
        } + ((info & INIT_PAGE) != 0 ? "+INIT" : "");
    }
}
