package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.WalRegion.*;

import java.lang.foreign.MemorySegment;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.Latch;
import org.tuskdb.shmem.sync.SpinLock;

/**
 * The request protocol between any process and the checkpointer (PostgreSQL's
 * CheckpointerShmem ckpt_started / ckpt_done / ckpt_failed). A requester, under the
 * checkpoint-request spinlock, notes the started and failed counters and sets a request bit,
 * then sets the checkpointer's latch. The checkpointer, under the same spinlock, takes the bits
 * and increments "started" when it begins; when it ends it sets "done" to that number (and
 * increments "failed" first if it failed). A requester that waits is satisfied once "done"
 * reaches the started count it saw plus one: a checkpoint that began after its request.
 */
final class CheckpointRequests {
    private static final long NO_CHECKPOINTER_MILLIS = 30_000;

    private CheckpointRequests() {
    }

    static void request(MemorySegment region, boolean wait) {
        long startedBefore;
        long failedBefore;
        SpinLock.acquire(region, CKPT_LOCK);
        try {
            startedBefore = Atomics.getLong(region, CKPT_STARTED);
            failedBefore = Atomics.getLong(region, CKPT_FAILED);
            Atomics.getAndBitwiseOrInt(region, CKPT_REQUEST, REQUEST_EXPLICIT);
        } finally {
            SpinLock.release(region, CKPT_LOCK);
        }
        Latch.set(region, CHECKPOINTER_LATCH);
        if (!wait) {
            return;
        }
        long since = System.currentTimeMillis();
        while (Atomics.getLongAcquire(region, CKPT_DONE) < startedBefore + 1) {
            if (Atomics.getLongAcquire(region, CHECKPOINTER_PID) == 0
                    && System.currentTimeMillis() - since > NO_CHECKPOINTER_MILLIS) {
                throw new DatabaseException("55000", "checkpoint request failed: the checkpointer is not running");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("57014", "canceling statement due to user request");
            }
            Latch.set(region, CHECKPOINTER_LATCH);
        }
        if (Atomics.getLongAcquire(region, CKPT_FAILED) != failedBefore) {
            throw new DatabaseException("XX000", "checkpoint request failed")
                    .withHint("Consult recent messages in the server log for details.");
        }
    }

    /** Checkpointer: takes the request bits; when {@code start}, counts a checkpoint as started. Returns {bits, started}. */
    static long[] take(MemorySegment region, boolean startEvenWithoutRequest) {
        SpinLock.acquire(region, CKPT_LOCK);
        try {
            int bits = Atomics.getInt(region, CKPT_REQUEST);
            Atomics.setInt(region, CKPT_REQUEST, 0);
            long started = -1;
            if (bits != 0 || startEvenWithoutRequest) {
                started = Atomics.getLong(region, CKPT_STARTED) + 1;
                Atomics.setLongRelease(region, CKPT_STARTED, started);
            }
            return new long[] {bits, started};
        } finally {
            SpinLock.release(region, CKPT_LOCK);
        }
    }

    static void finished(MemorySegment region, long started, boolean ok) {
        if (!ok) {
            Atomics.getAndAddLong(region, CKPT_FAILED, 1);
        }
        Atomics.setLongRelease(region, CKPT_DONE, started);
    }

    static Checkpointer.Counts counts(MemorySegment region) {
        return new Checkpointer.Counts(Atomics.getLongAcquire(region, CKPT_TIMED),
                Atomics.getLongAcquire(region, CKPT_REQUESTED), Atomics.getLongAcquire(region, CKPT_BUFFERS),
                Atomics.getLongAcquire(region, CKPT_LAST_MILLIS));
    }
}
