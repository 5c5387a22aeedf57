package org.tuskdb.api.wal;

/**
 * A bundle with state in shared memory that a checkpoint must make durable, and that recovery
 * must set up (the buffer pool writes dirty pages, transam writes pg_xact and saves the next xid
 * and OID). The checkpointer calls every participant in ascending {@link #order()} after fixing
 * the redo point and before writing the checkpoint record.
 */
public interface CheckpointParticipant {
    String name();

    /** Participants run in ascending order: transaction status (100) before buffers (500). */
    int order();

    /**
     * Makes durable everything the WAL before {@code redoLsn} describes that lives only in
     * shared memory. Runs in the checkpointer (or the startup process at the end of recovery).
     */
    void checkpoint(long redoLsn);

    /** State stored in the checkpoint record (e.g. the next xid and OID); null for none. */
    default byte[] checkpointState() {
        return null;
    }

    /**
     * Startup, before replay: the state this participant stored in the checkpoint that replay
     * starts from, or null on a fresh data directory.
     */
    default void startRecovery(byte[] checkpointState) {
    }

    /** Startup, after replay and before connections are accepted. */
    default void endRecovery(RecoveryEnd end) {
    }

    /**
     * @param endLsn      where the valid WAL ended (new records go after it)
     * @param highestXid  the largest xid seen in any replayed record (0 if none)
     * @param replayed    number of records replayed
     */
    record RecoveryEnd(long endLsn, long highestXid, long replayed) {
    }
}
