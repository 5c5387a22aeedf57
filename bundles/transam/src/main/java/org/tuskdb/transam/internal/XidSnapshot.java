package org.tuskdb.transam.internal;

import java.util.Arrays;

import org.tuskdb.api.xact.Snapshot;

/**
 * An MVCC snapshot (PostgreSQL's SnapshotData): xmin, xmax and the sorted xids that were running
 * in between (top-level xids and the cached subxids of other processes). When some process had
 * more subxids than its cache holds ({@code overflowed}), an xid not found is mapped to its
 * top-level xid through the subtrans map and looked up again (XidInMVCCSnapshot).
 */
final class XidSnapshot implements Snapshot {
    private final long xmin;
    private final long xmax;
    private final long[] xip;
    private final int count;
    private final boolean overflowed;
    private final SubtransMap subtrans;
    private final int commandId;

    XidSnapshot(long xmin, long xmax, long[] xip, int count, boolean overflowed, SubtransMap subtrans, int commandId) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip;
        this.count = count;
        this.overflowed = overflowed;
        this.subtrans = subtrans;
        this.commandId = commandId;
    }

    /** The same snapshot seen from a later command of its transaction. */
    XidSnapshot withCommandId(int cid) {
        return cid == commandId ? this : new XidSnapshot(xmin, xmax, xip, count, overflowed, subtrans, cid);
    }

    @Override
    public long xmin() {
        return xmin;
    }

    @Override
    public long xmax() {
        return xmax;
    }

    @Override
    public int commandId() {
        return commandId;
    }

    @Override
    public boolean isInProgress(long xid) {
        if (xid >= xmax) {
            return true;
        }
        if (xid < xmin) {
            return false;
        }
        if (Arrays.binarySearch(xip, 0, count, xid) >= 0) {
            return true;
        }
        if (!overflowed) {
            return false;
        }
        long top = subtrans.topOf(xid);
        return top != xid && top >= xmin && Arrays.binarySearch(xip, 0, count, top) >= 0;
    }

    /** Running xids (for tests and pg_current_snapshot-style output). */
    long[] runningXids() {
        return Arrays.copyOf(xip, count);
    }

    boolean overflowed() {
        return overflowed;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ",").append(xip[i]);
        }
        return text.append(overflowed ? " (overflowed)" : "").append(" cid ").append(commandId).toString();
    }
}
