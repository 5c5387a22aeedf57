package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;

import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.LWLock;
import org.tuskdb.shmem.sync.Latch;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * Layout of the shared region "wal": the positions of the log, its locks, the checkpointer's
 * request words and counters, the insertion slots and the ring of WAL buffers.
 *
 * <pre>
 *    0 +------------------------------------------------------------------+
 *      | insert spinlock | state (0 none, 1 recovery, 2 running)          |
 *    8 | reserved   : end of all space handed out (the insert position)   |
 *   16 | prevRecord : start of the last record handed out                 |
 *   24 | redo       : the redo pointer (RedoRecPtr)                       |
 *   32 | written    : all before it is written to pg_wal (write(2))       |
 *   40 | flushed    : all before it is durable (fsync'ed)                 |
 *   48 | WALWriteLock (LWLock) | walwriter latch                          |
 *   56 | checkpointer latch    | checkpoint request bits                  |
 *   64 | ring size in bytes                                               |
 *   72 | fsyncs | writes (counters)                                       |
 *   88 | sync committers now | checkpoint-request spinlock                |
 *   96 | ckpt started | done | failed | timed | requested | last millis   |
 *  144 | last checkpoint: record LSN | redo | time | end of its record    |
 *  176 | checkpointer pid | system id | buffers written by checkpoints    |
 *  200 | replayed up to (startup process)                                 |
 *  208 | flush rounds done | sleepers on round word 0                    |
 *  216 | round word 0 | round word 1 (futex words: round k ends on k % 2)  |
 *  224 | flushing up to (the round in progress) | its round number |       |
 *  236 | sleepers on round word 1                                         |
 *  240 | flush request: highest position a sleeping flusher needs         |
 *  256 +------------------------------------------------------------------+
 *      | insertion slot i (64 bytes each, {@value #SLOTS}):               |
 *      |   +0 LWLock   +8 insertingAt (Long.MAX_VALUE when idle)          |
 * 4096 +------------------------------------------------------------------+
 *      | ring: wal_buffers x 8 KiB; WAL byte at LSN p lives at p % size   |
 *      +------------------------------------------------------------------+
 * </pre>
 *
 * Who writes what: reserved, prevRecord, the slots' start position and redo change only under the
 * insert spinlock; written and flushed only under WALWriteLock (and by the startup process,
 * alone, when it sets the positions after recovery), and so are the flush rounds, the flushing
 * position, the active round and the round words; insertingAt only by the slot's holder; the
 * flush request and waiter count by any flusher (atomics); the checkpoint fields by the
 * checkpointer (or the startup process before it starts).
 */
final class WalRegion {
    static final String NAME = "wal";

    static final long INSERT_LOCK = 0;
    static final long STATE = 4;
    static final long RESERVED = 8;
    static final long PREV_RECORD = 16;
    static final long REDO = 24;
    static final long WRITTEN = 32;
    static final long FLUSHED = 40;
    static final long WRITE_LOCK = 48;
    static final long WALWRITER_LATCH = 52;
    static final long CHECKPOINTER_LATCH = 56;
    static final long CKPT_REQUEST = 60;
    static final long RING_SIZE = 64;
    static final long FSYNCS = 72;
    static final long WRITES = 80;
    static final long COMMITTERS = 88;
    static final long CKPT_LOCK = 92;
    static final long CKPT_STARTED = 96;
    static final long CKPT_DONE = 104;
    static final long CKPT_FAILED = 112;
    static final long CKPT_TIMED = 120;
    static final long CKPT_REQUESTED = 128;
    static final long CKPT_LAST_MILLIS = 136;
    static final long LAST_CKPT_LSN = 144;
    static final long LAST_CKPT_REDO = 152;
    static final long LAST_CKPT_TIME = 160;
    static final long LAST_CKPT_END = 168;
    static final long CHECKPOINTER_PID = 176;
    static final long SYSTEM_ID = 184;
    static final long CKPT_BUFFERS = 192;
    static final long REPLAYED = 200;
    /** Flush rounds (WALWriteLock holdings that fsync) completed; round k+1 is the next. */
    static final long FLUSH_ROUNDS = 208;
    /** Flushers sleeping (or about to) on round word 0 / 1. */
    static final long ROUND_WAITERS_0 = 212;
    static final long ROUND_WAITERS_1 = 236;
    /** Futex words: the end of round k bumps word k % 2 and wakes its sleepers. */
    static final long ROUND_WORDS = 216;
    /** What the round in progress writes and syncs up to, and that round's number (published in that order). */
    static final long FLUSHING_UP_TO = 224;
    static final long ACTIVE_ROUND = 232;
    /** The highest position a flusher that went to sleep needs (a maximum, only raised). */
    static final long FLUSH_REQUEST = 240;

    static final long SLOTS_OFFSET = 256;
    static final int SLOTS = 8;
    static final long SLOT_SIZE = 64;
    static final long SLOT_LOCK = 0;
    static final long SLOT_INSERTING_AT = 8;
    static final long IDLE = Long.MAX_VALUE;

    static final long RING_OFFSET = 4096;
    static final int PAGE = 8192;
    static final int MIN_PAGES = 4;

    static final int STATE_NONE = 0;
    static final int STATE_RECOVERY = 1;
    static final int STATE_RUNNING = 2;

    /** Checkpoint request bits. */
    static final int REQUEST_EXPLICIT = 1;
    static final int REQUEST_SIZE = 2;

    private WalRegion() {
    }

    static long size(int walBufferPages) {
        return RING_OFFSET + (long) Math.max(MIN_PAGES, walBufferPages) * PAGE;
    }

    static void initialize(MemorySegment region, int walBufferPages) {
        long ring = (long) Math.max(MIN_PAGES, walBufferPages) * PAGE;
        if (region.byteSize() < RING_OFFSET + ring) {
            throw new IllegalArgumentException("wal region too small: " + region.byteSize());
        }
        SpinLock.initialize(region, INSERT_LOCK);
        SpinLock.initialize(region, CKPT_LOCK);
        LWLock.initialize(region, WRITE_LOCK);
        Latch.initialize(region, WALWRITER_LATCH);
        Latch.initialize(region, CHECKPOINTER_LATCH);
        for (int i = 0; i < SLOTS; i++) {
            LWLock.initialize(region, slot(i) + SLOT_LOCK);
            Atomics.setLong(region, slot(i) + SLOT_INSERTING_AT, IDLE);
        }
        Atomics.setLongRelease(region, RING_SIZE, ring);
    }

    static long slot(int i) {
        return SLOTS_OFFSET + i * SLOT_SIZE;
    }

    static long ringSize(MemorySegment region) {
        return Atomics.getLongAcquire(region, RING_SIZE);
    }

    static long roundWaiters(int word) {
        return word == 0 ? ROUND_WAITERS_0 : ROUND_WAITERS_1;
    }

    static MemorySegment ring(MemorySegment region) {
        return region.asSlice(RING_OFFSET, ringSize(region));
    }
}
