package org.tuskdb.transam.internal;

import java.nio.ByteBuffer;

/**
 * The XACT resource manager's records (rmgr {@link org.tuskdb.api.wal.ResourceManagerIds#XACT}).
 * All numbers big-endian.
 *
 * <pre>
 *  COMMIT  (info 0x00): timestamp millis long, top xid long, n int, n committed subxids long
 *  ABORT   (info 0x20): timestamp millis long, top xid long, n int, n aborted xids long
 *                       (the top xid among them for a top-level abort; for ROLLBACK TO
 *                        the rolled-back subtransaction's xids only)
 *  NEXTOID (info 0x70): OID limit long: every OID below it may have been handed out
 * </pre>
 * The record's xid is the top-level xid (0 for NEXTOID).
 */
final class XactRecords {
    static final int COMMIT = 0x00;
    static final int ABORT = 0x20;
    static final int NEXTOID = 0x70;

    private XactRecords() {
    }

    static byte[] xids(long timestamp, long top, long[] xids, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate(20 + (to - from) * 8);
        b.putLong(timestamp).putLong(top).putInt(to - from);
        for (int i = from; i < to; i++) {
            b.putLong(xids[i]);
        }
        return b.array();
    }

    static byte[] nextOid(long limit) {
        return ByteBuffer.allocate(8).putLong(limit).array();
    }

    /** Decoded COMMIT or ABORT data. */
    record XidList(long timestamp, long top, long[] xids) {
        static XidList decode(ByteBuffer data) {
            ByteBuffer b = data.duplicate();
            long timestamp = b.getLong();
            long top = b.getLong();
            long[] xids = new long[b.getInt()];
            for (int i = 0; i < xids.length; i++) {
                xids[i] = b.getLong();
            }
            return new XidList(timestamp, top, xids);
        }

        long highest() {
            long max = top;
            for (long x : xids) {
                max = Math.max(max, x);
            }
            return max;
        }
    }

    static long decodeNextOid(ByteBuffer data) {
        return data.duplicate().getLong();
    }
}
