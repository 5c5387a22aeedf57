package org.tuskdb.transam.internal;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;

/**
 * The layout of the "transam" region: the xid and OID counters, the running-transaction table
 * (one entry per ProcArray slot), the subtransaction map and the pg_xact page cache.
 *
 * <pre>
 *  +0    nextXid            long  next xid to assign (written under XidGenLock)
 *  +8    latestCompletedXid long  largest xid that ended (written under ProcArrayLock excl.)
 *  +16   nextOid            long  next OID to hand out (fetch-and-add)
 *  +24   oidLimit           long  OIDs below this are covered by a NEXTOID record
 *  +32   recoveryBoundary   long  nextXid at the end of recovery: unfinished xids below it are ABORTED
 *  +40   highestReplayedXid long  largest xid found in the data of replayed XACT records
 *  +48   highestOverflowed  long  largest subxid ever written to the subtrans map
 *  +56   clogLruCounter     long  pg_xact slot use counter
 *  +64   procSlots          int
 *  +68   clogSlots          int
 *  +72   ProcArrayLock      LWLock
 *  +76   XidGenLock         LWLock
 *  +80   ClogControlLock    LWLock
 *  +84   magic              int   'XACT' once initialized
 *  +128  running-transaction entries, procSlots x 576:
 *          +0 xid long (top-level xid or 0)   +8 xmin long (oldest snapshot xmin or 0)
 *          +16 subCount int                   +20 overflowed int (1: subxids beyond the cache)
 *          +24 subxids[64] long                +536 delayCheckpoint long (0, or a commit's sequence)
 *  ...   subtrans map: 65536 x (xid long, topXid long), indexed by xid mod 65536
 *  ...   pg_xact slot headers, clogSlots x 32:
 *          +0 pageNo long (-1 empty)  +8 lsn long  +16 lastUsed long  +24 flags int (DIRTY 1, WRITING 2)
 *  ...   pg_xact pages, clogSlots x 8192 (64-byte aligned)
 * </pre>
 */
final class TransamLayout {
    static final String REGION_NAME = "transam";
    static final int MAGIC_VALUE = 0x58414354; // 'XACT'
    static final int DEFAULT_CLOG_SLOTS = 128;

    static final long NEXT_XID = 0;
    static final long LATEST_COMPLETED_XID = 8;
    static final long NEXT_OID = 16;
    static final long OID_LIMIT = 24;
    static final long RECOVERY_BOUNDARY = 32;
    static final long HIGHEST_REPLAYED_XID = 40;
    static final long HIGHEST_OVERFLOWED_SUBXID = 48;
    static final long CLOG_LRU_COUNTER = 56;
    static final long PROC_SLOTS = 64;
    static final long CLOG_SLOTS = 68;
    static final long PROC_ARRAY_LOCK = 72;
    static final long XID_GEN_LOCK = 76;
    static final long CLOG_CONTROL_LOCK = 80;
    static final long MAGIC = 84;
    static final long HEADER_SIZE = 128;

    static final int SUBXID_CACHE = 64;
    static final long ENTRY_XID = 0;
    static final long ENTRY_XMIN = 8;
    static final long ENTRY_SUB_COUNT = 16;
    static final long ENTRY_OVERFLOWED = 20;
    static final long ENTRY_SUBXIDS = 24;
    /** Non-zero while the process commits: between its commit record and pg_xact (a sequence number). */
    static final long ENTRY_DELAY_CHECKPOINT = ENTRY_SUBXIDS + SUBXID_CACHE * 8L;
    static final long ENTRY_SIZE = align(ENTRY_DELAY_CHECKPOINT + 8);

    static final int SUBTRANS_ENTRIES = 1 << 16;
    static final long SUBTRANS_ENTRY_SIZE = 16;

    static final long CLOG_SLOT_PAGE = 0;
    static final long CLOG_SLOT_LSN = 8;
    static final long CLOG_SLOT_LAST_USED = 16;
    static final long CLOG_SLOT_FLAGS = 24;
    static final long CLOG_SLOT_HEADER_SIZE = 32;
    static final int CLOG_DIRTY = 1;
    static final int CLOG_WRITING = 2;

    final int procSlots;
    final int clogSlots;
    final long subtransBase;
    final long clogHeaderBase;
    final long clogPageBase;
    final long size;

    TransamLayout(int procSlots, int clogSlots) {
        if (procSlots < 1 || clogSlots < 2) {
            throw new IllegalArgumentException("procSlots " + procSlots + ", clogSlots " + clogSlots);
        }
        this.procSlots = procSlots;
        this.clogSlots = clogSlots;
        this.subtransBase = HEADER_SIZE + procSlots * ENTRY_SIZE;
        this.clogHeaderBase = subtransBase + SUBTRANS_ENTRIES * SUBTRANS_ENTRY_SIZE;
        this.clogPageBase = align(clogHeaderBase + clogSlots * CLOG_SLOT_HEADER_SIZE);
        this.size = clogPageBase + (long) clogSlots * Clog.PAGE_SIZE;
    }

    /** The layout an initialized region was made with. */
    static TransamLayout of(MemorySegment region) {
        if (Atomics.getIntAcquire(region, MAGIC) != MAGIC_VALUE) {
            throw new IllegalStateException("the transam region is not initialized");
        }
        return new TransamLayout(region.get(java.lang.foreign.ValueLayout.JAVA_INT, PROC_SLOTS),
                region.get(java.lang.foreign.ValueLayout.JAVA_INT, CLOG_SLOTS));
    }

    long entry(int slot) {
        return HEADER_SIZE + slot * ENTRY_SIZE;
    }

    long clogSlotHeader(int slot) {
        return clogHeaderBase + slot * CLOG_SLOT_HEADER_SIZE;
    }

    long clogPage(int slot) {
        return clogPageBase + (long) slot * Clog.PAGE_SIZE;
    }

    /** On a zeroed region (postmaster, once per segment): a fresh server's counters. */
    void initialize(MemorySegment region) {
        if (region.byteSize() < size) {
            throw new IllegalArgumentException("transam region of " + region.byteSize() + " bytes, needs " + size);
        }
        Atomics.setLong(region, NEXT_XID, TransactionManager.FIRST_NORMAL_XID);
        Atomics.setLong(region, LATEST_COMPLETED_XID, TransactionManager.FIRST_NORMAL_XID - 1);
        Atomics.setLong(region, NEXT_OID, TransactionManager.FIRST_NORMAL_OID);
        Atomics.setLong(region, OID_LIMIT, TransactionManager.FIRST_NORMAL_OID);
        Atomics.setLong(region, RECOVERY_BOUNDARY, TransactionManager.FIRST_NORMAL_XID);
        region.set(java.lang.foreign.ValueLayout.JAVA_INT, PROC_SLOTS, procSlots);
        region.set(java.lang.foreign.ValueLayout.JAVA_INT, CLOG_SLOTS, clogSlots);
        LWLock.initialize(region, PROC_ARRAY_LOCK);
        LWLock.initialize(region, XID_GEN_LOCK);
        LWLock.initialize(region, CLOG_CONTROL_LOCK);
        for (int i = 0; i < clogSlots; i++) {
            Atomics.setLong(region, clogSlotHeader(i) + CLOG_SLOT_PAGE, -1);
        }
        Atomics.setIntRelease(region, MAGIC, MAGIC_VALUE);
    }

    private static long align(long offset) {
        return (offset + 63) & ~63L;
    }
}
