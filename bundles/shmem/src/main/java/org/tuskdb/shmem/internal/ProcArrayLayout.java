package org.tuskdb.shmem.internal;

/**
 * Layout of the "procarray" region: a small header, then one fixed-size slot per process.
 *
 * <pre>
 *  region:  +0 capacity (int) | +4..63 zero | +64 slot 0 | slot 1 | ... | slot capacity-1
 *
 *  slot (SLOT_SIZE bytes, 64-byte aligned):
 *   +0    header          long   (sequence &lt;&lt; 8) | slot state     -- seqlock + FREE/CLAIMED/OCCUPIED
 *   +8    pid             long   OS pid (0 until assigned)
 *   +16   cancel key      int    secret of the session's BackendKeyData
 *   +20   client port     int    0 no client, -1 Unix-domain socket
 *   +24   process start   long   ms since epoch, all times below likewise (0 = unset)
 *   +32   backend start   long   session start for backends, process start otherwise
 *   +40   xact start      long
 *   +48   query start     long
 *   +56   state change    long
 *   +64   flags           int    bit 0: serving a client session
 *   +68   (zero)          int
 *   +72   role            text 32      "backend", "logger", ...
 *   +104  state           text 32      "idle", "active", "idle in transaction", ...
 *   +136  database        text 72
 *   +208  user            text 72
 *   +280  application     text 72
 *   +352  client address  text 56      "127.0.0.1", "::1"
 *   +408  query           text 1026    at most QUERY_BYTES of UTF-8 (track_activity_query_size)
 *   +1434 (zero to SLOT_SIZE)
 *
 *  text N: | length u16 | up to N-2 bytes of UTF-8 |
 * </pre>
 *
 * The header's low byte is the slot state; the rest is a sequence number that is odd while a
 * writer is inside the slot (see {@link ProcArrayTable} for the protocol).
 */
final class ProcArrayLayout {
    static final String REGION_NAME = "procarray";

    static final long CAPACITY = 0;
    static final long SLOTS = 64;

    static final int STATE_FREE = 0;
    static final int STATE_CLAIMED = 1;
    static final int STATE_OCCUPIED = 2;
    static final long STATE_MASK = 0xFF;
    static final long SEQUENCE_ONE = 1L << 8;

    static final long HEADER = 0;
    static final long PID = 8;
    static final long CANCEL_KEY = 16;
    static final long CLIENT_PORT = 20;
    static final long PROCESS_START = 24;
    static final long BACKEND_START = 32;
    static final long XACT_START = 40;
    static final long QUERY_START = 48;
    static final long STATE_CHANGE = 56;
    static final long FLAGS = 64;
    static final long ROLE = 72;
    static final long STATE = 104;
    static final long DATABASE = 136;
    static final long USER = 208;
    static final long APPLICATION_NAME = 280;
    static final long CLIENT_ADDR = 352;
    static final long QUERY = 408;

    static final int ROLE_FIELD = 32;
    static final int STATE_FIELD = 32;
    static final int NAME_FIELD = 72;
    static final int CLIENT_ADDR_FIELD = 56;
    static final int QUERY_BYTES = 1024;
    static final int QUERY_FIELD = QUERY_BYTES + 2;

    static final int FLAG_IN_SESSION = 1;

    static final long SLOT_SIZE = SegmentHeader.align(QUERY + QUERY_FIELD);

    private ProcArrayLayout() {
    }

    static long regionSize(int capacity) {
        return SLOTS + capacity * SLOT_SIZE;
    }

    static long slotOffset(int slot) {
        return SLOTS + slot * SLOT_SIZE;
    }
}
