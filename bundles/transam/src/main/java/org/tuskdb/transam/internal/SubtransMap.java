package org.tuskdb.transam.internal;

import static org.tuskdb.transam.internal.TransamLayout.HIGHEST_OVERFLOWED_SUBXID;
import static org.tuskdb.transam.internal.TransamLayout.SUBTRANS_ENTRIES;
import static org.tuskdb.transam.internal.TransamLayout.SUBTRANS_ENTRY_SIZE;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.shmem.sync.Atomics;

/**
 * The subxid-to-top-level map for subxids that did not fit a transaction's subxid cache
 * (PostgreSQL's pg_subtrans, needed only while a snapshot that saw the overflow can ask).
 * A ring of (xid, topXid) entries indexed by xid mod {@value TransamLayout#SUBTRANS_ENTRIES};
 * it lives only in the segment (no transaction survives a restart).
 *
 * <p>Written only at subxid assignment, under XidGenLock, top first and the tag last (release);
 * read without a lock: tag (acquire), top, then the high-water mark. An entry is overwritten only
 * by a later overflowed subxid at least the ring size higher; the high-water mark detects that,
 * and such a lookup fails with 54000 rather than answer wrongly.
 */
final class SubtransMap {
    private final MemorySegment region;
    private final long base;

    SubtransMap(MemorySegment region, TransamLayout layout) {
        this.region = region;
        this.base = layout.subtransBase;
    }

    /** Caller holds XidGenLock; subxids arrive in increasing order. */
    void record(long subxid, long topXid) {
        long at = base + (subxid & (SUBTRANS_ENTRIES - 1)) * SUBTRANS_ENTRY_SIZE;
        Atomics.setLong(region, at + 8, topXid);
        Atomics.setLongRelease(region, at, subxid);
        Atomics.setLongRelease(region, HIGHEST_OVERFLOWED_SUBXID, subxid);
    }

    /** The top-level xid of an overflowed subxid, or {@code xid} itself when it is none. */
    long topOf(long xid) {
        long at = base + (xid & (SUBTRANS_ENTRIES - 1)) * SUBTRANS_ENTRY_SIZE;
        long tag = Atomics.getLongAcquire(region, at);
        long top = Atomics.getLongAcquire(region, at + 8);
        if (Atomics.getLongAcquire(region, HIGHEST_OVERFLOWED_SUBXID) - xid >= SUBTRANS_ENTRIES) {
            throw DatabaseException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "snapshot too old to resolve subtransaction " + xid)
                    .withDetail("More than " + SUBTRANS_ENTRIES + " xids were assigned to subtransactions"
                            + " beyond the subxid cache since that one.");
        }
        return tag == xid ? top : xid;
    }
}
