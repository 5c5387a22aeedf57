package org.tuskdb.wal.internal;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The on-disk layout of one WAL record. Records start at 8-byte aligned LSNs and follow each
 * other without gaps (the padding to the next multiple of 8 is zeros); there are no WAL page
 * headers: a record is found only by following the chain from a known start (the redo point or a
 * checkpoint record), and each one proves it belongs at its position by carrying that position.
 *
 * <pre>
 *  header (40 bytes, little-endian)
 *   0 total length (u32, without the padding)   4 CRC-32C (u32)
 *   8 LSN of this record's start (u64)          16 LSN of the previous record (u64)
 *  24 xid (u64)
 *  32 rmgr (u8)  33 info (u8)  34 number of block headers (u8)  35 0   36 main data length (u32)
 *  block header (28 bytes each)
 *   0 block id (u8)  1 flags (u8: 1 image, 2 data, 4 will-init)  2 fork (u8)  3 0
 *   4 database OID (u32)  8 relation number (u64)  16 block number (u32)
 *  20 hole offset (u16)  22 hole length (u16)   24 block data length (u32)
 *  then: each block's data (in header order), the main data, each block's image (in header
 *  order: the page without the hole between pd_lower and pd_upper)
 * </pre>
 *
 * The CRC covers everything after the header, then the header's first 4 bytes and its bytes
 * 8-39 (the CRC field itself excluded): the body's CRC is computed before the record has a
 * position, the header's once it has one (as PostgreSQL does). A record is valid only when its
 * length is sane, its LSN field equals its position, its previous-record link matches the record
 * read before it, and the CRC matches; anything else (zeros, a torn write, a stale record of a
 * recycled segment) is the end of the WAL.
 */
final class RecordFormat {
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int HEADER_SIZE = 40;
    static final int TOTAL_LENGTH = 0;
    static final int CRC = 4;
    static final int LSN = 8;
    static final int PREV = 16;
    static final int XID = 24;
    static final int RMGR = 32;
    static final int INFO = 33;
    static final int BLOCK_COUNT = 34;
    static final int MAIN_LENGTH = 36;

    static final int BLOCK_HEADER_SIZE = 28;
    static final int B_ID = 0;
    static final int B_FLAGS = 1;
    static final int B_FORK = 2;
    static final int B_DB = 4;
    static final int B_REL = 8;
    static final int B_BLOCK = 16;
    static final int B_HOLE_OFFSET = 20;
    static final int B_HOLE_LENGTH = 22;
    static final int B_DATA_LENGTH = 24;

    static final int BF_IMAGE = 1;
    static final int BF_DATA = 2;
    static final int BF_WILL_INIT = 4;

    static final int MAX_BLOCKS = 32;
    /** The largest record accepted (PostgreSQL's limit is 1 GB as well). */
    static final int MAX_RECORD = 1 << 30;

    private RecordFormat() {
    }

    static long align(long n) {
        return (n + 7) & ~7L;
    }
}
