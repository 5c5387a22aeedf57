package org.tuskdb.api.wal;

/**
 * Asks the checkpointer process for a checkpoint (CHECKPOINT, tusk:checkpoint, a full
 * max_wal_size). Usable in every process; the work is done by the checkpointer role.
 */
public interface Checkpointer {
    /**
     * Requests an immediate checkpoint. With {@code wait}, returns once one that started after
     * the request has completed, or throws DatabaseException (XX000) when it failed.
     */
    void requestCheckpoint(boolean wait);

    /** Checkpoints completed since the server started, timed and requested (pg_stat_bgwriter). */
    Counts counts();

    record Counts(long timed, long requested, long buffersWritten, long lastCompletedMillis) {
    }
}
