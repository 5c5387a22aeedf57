package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.shmem.sync.Atomics;

/** Reads {@link WriteAheadLog.Status} from the region (any process, no locks). */
final class WalStatus {
    private WalStatus() {
    }

    static long insertPosition(MemorySegment region) {
        int state = Atomics.getIntAcquire(region, WalRegion.STATE);
        return state == WalRegion.STATE_RECOVERY ? Atomics.getLongAcquire(region, WalRegion.REPLAYED)
                : Atomics.getLongAcquire(region, WalRegion.RESERVED);
    }

    static long flushedPosition(MemorySegment region) {
        int state = Atomics.getIntAcquire(region, WalRegion.STATE);
        return state == WalRegion.STATE_RECOVERY ? Atomics.getLongAcquire(region, WalRegion.REPLAYED)
                : Atomics.getLongAcquire(region, WalRegion.FLUSHED);
    }

    static WriteAheadLog.Status of(MemorySegment region, String strategy) {
        long insert = insertPosition(region);
        String segment = insert == 0 ? "-" : WalFiles.segmentName(WalFiles.segno(insert - 1));
        return new WriteAheadLog.Status(insert, flushedPosition(region), segment,
                Atomics.getLongAcquire(region, WalRegion.LAST_CKPT_LSN),
                Atomics.getLongAcquire(region, WalRegion.LAST_CKPT_REDO),
                Atomics.getLongAcquire(region, WalRegion.LAST_CKPT_TIME), strategy);
    }
}
