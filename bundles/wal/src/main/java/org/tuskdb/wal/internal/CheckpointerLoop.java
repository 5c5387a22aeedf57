package org.tuskdb.wal.internal;

import static org.tuskdb.wal.internal.WalRegion.*;

import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.shmem.sync.Atomics;
import org.tuskdb.shmem.sync.Latch;

/**
 * The checkpointer's main loop (PostgreSQL's CheckpointerMain): reset the latch; on shutdown
 * write the shutdown checkpoint and stop; otherwise checkpoint when requested, when
 * checkpoint_timeout has passed since the last one (skipped when no WAL was written since), or
 * when max_wal_size of WAL has been written since the last redo point; then sleep on the latch
 * until the next timed checkpoint is due (at most a second, to notice WAL growth).
 */
final class CheckpointerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointerLoop.class);

    private final WalEngine engine;
    private final CheckpointRunner runner;
    private final LongSupplier buffersWritten;
    private final MemorySegment region;
    private volatile boolean shutdownRequested;
    private volatile boolean stopped;
    private long lastStartNanos = System.nanoTime();

    CheckpointerLoop(WalEngine engine, CheckpointRunner runner, LongSupplier buffersWritten) {
        this.engine = engine;
        this.runner = runner;
        this.buffersWritten = buffersWritten;
        this.region = engine.region();
    }

    /** From the TERM handler: write the shutdown checkpoint and stop. */
    void requestShutdown() {
        shutdownRequested = true;
        Latch.set(region, CHECKPOINTER_LATCH);
    }

    /** Deactivation: stop without a checkpoint. */
    void stop() {
        stopped = true;
        Latch.set(region, CHECKPOINTER_LATCH);
    }

    /** Runs until shutdown (returns true after a successful shutdown checkpoint) or stop (false). */
    boolean run() {
        while (true) {
            Latch.reset(region, CHECKPOINTER_LATCH);
            if (shutdownRequested) {
                return shutdownCheckpoint();
            }
            if (stopped) {
                return false;
            }
            long waitMillis = step();
            Latch.wait(region, CHECKPOINTER_LATCH, waitMillis);
        }
    }

    /** One pass: checkpoints if due; returns how long to sleep. */
    long step() {
        WalSettings s = engine.settings();
        long timeoutNanos = s.checkpointTimeoutSeconds() * 1_000_000_000L;
        long now = System.nanoTime();
        boolean timed = now - lastStartNanos >= timeoutNanos;
        long lastRedo = Atomics.getLongAcquire(region, LAST_CKPT_REDO);
        boolean size = lastRedo != 0 && engine.insertPosition() - lastRedo >= s.maxWalSizeMb() * 1024 * 1024;
        long[] taken = CheckpointRequests.take(region, timed || size);
        int bits = (int) taken[0];
        long started = taken[1];
        if (started >= 0) {
            boolean requested = bits != 0 || size;
            lastStartNanos = now;
            if (!requested && engine.insertPosition() == Atomics.getLongAcquire(region, LAST_CKPT_END)) {
                LOG.debug("checkpoint skipped because system is idle");
                CheckpointRequests.finished(region, started, true);
            } else {
                checkpoint(started, requested, reason(bits, size, timed));
            }
        }
        long untilTimed = (lastStartNanos + timeoutNanos - System.nanoTime()) / 1_000_000;
        return Math.max(1, Math.min(1000, untilTimed));
    }

    private static String reason(int bits, boolean size, boolean timed) {
        StringBuilder b = new StringBuilder();
        if ((bits & REQUEST_EXPLICIT) != 0) {
            b.append("immediate force wait");
        }
        if (size || (bits & REQUEST_SIZE) != 0) {
            b.append(b.isEmpty() ? "" : " ").append("wal");
        }
        if (timed && b.isEmpty()) {
            b.append("time");
        }
        return b.toString();
    }

    private void checkpoint(long started, boolean requested, String reason) {
        boolean ok = false;
        try {
            runner.run(CheckpointRecord.INFO_ONLINE, reason);
            Atomics.getAndAddLong(region, requested ? CKPT_REQUESTED : CKPT_TIMED, 1);
            Atomics.setLongRelease(region, CKPT_LAST_MILLIS, System.currentTimeMillis());
            Atomics.setLongRelease(region, CKPT_BUFFERS, buffersWritten.getAsLong());
            ok = true;
        } catch (RuntimeException e) {
            LOG.error("checkpoint failed: {}", e.toString(), e);
        } finally {
            CheckpointRequests.finished(region, started, ok);
        }
    }

    private boolean shutdownCheckpoint() {
        LOG.info("shutting down");
        long[] taken = CheckpointRequests.take(region, true);
        try {
            runner.run(CheckpointRecord.INFO_SHUTDOWN, "shutdown immediate");
            Atomics.setLongRelease(region, CKPT_LAST_MILLIS, System.currentTimeMillis());
            CheckpointRequests.finished(region, taken[1], true);
            return true;
        } catch (RuntimeException e) {
            LOG.error("shutdown checkpoint failed: {}", e.toString(), e);
            CheckpointRequests.finished(region, taken[1], false);
            return false;
        }
    }
}
