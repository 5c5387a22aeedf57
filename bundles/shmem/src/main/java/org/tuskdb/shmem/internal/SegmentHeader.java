package org.tuskdb.shmem.internal;

/**
 * Layout of the segment's header: who made the segment, and the directory of regions through
 * which every process finds a region by name.
 *
 * <pre>
 *  0        4        8               16              24              32       36      64
 *  +--------+--------+---------------+---------------+---------------+--------+-------+
 *  | magic  | layout | generation    | total size    | creator pid   | region | (0)   |
 *  | 'TUSK' | version|               |               |               | count  |       |
 *  +--------+--------+---------------+---------------+---------------+--------+-------+
 *  64: directory, MAX_REGIONS entries of ENTRY_SIZE bytes:
 *      +----------------------------------+---------------+---------------+
 *      | name: 32 bytes ASCII, NUL-padded | offset (long) | size (long)   |
 *      +----------------------------------+---------------+---------------+
 *  REGIONS_START: regions, each starting on a 64-byte (cache line) boundary.
 * </pre>
 *
 * The creator writes the directory first and the magic last (release), so a reader that sees
 * the magic sees the whole header. Nothing in the header changes after creation.
 */
final class SegmentHeader {
    static final int MAGIC = 0x5455_534B; // "TUSK"
    static final int LAYOUT_VERSION = 1;

    static final long MAGIC_OFFSET = 0;
    static final long VERSION_OFFSET = 4;
    static final long GENERATION_OFFSET = 8;
    static final long TOTAL_SIZE_OFFSET = 16;
    static final long CREATOR_PID_OFFSET = 24;
    static final long REGION_COUNT_OFFSET = 32;

    static final long DIRECTORY_OFFSET = 64;
    static final int MAX_REGIONS = 64;
    static final int NAME_BYTES = 32;
    static final int MAX_NAME_LENGTH = NAME_BYTES - 1;
    static final long ENTRY_NAME = 0;
    static final long ENTRY_OFFSET = 32;
    static final long ENTRY_SIZE_FIELD = 40;
    static final long ENTRY_SIZE = 48;

    static final long ALIGNMENT = 64;
    static final long REGIONS_START = align(DIRECTORY_OFFSET + MAX_REGIONS * ENTRY_SIZE);

    private SegmentHeader() {
    }

    static long align(long value) {
        return (value + ALIGNMENT - 1) & -ALIGNMENT;
    }

    static long entry(int index) {
        return DIRECTORY_OFFSET + index * ENTRY_SIZE;
    }
}
