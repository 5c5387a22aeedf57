package org.tuskdb.sql.internal.sequence;

import org.tuskdb.api.storage.RelFileLocator;

/**
 * Where sequence states live: the sequence's own relation (one page) through the buffer pool,
 * changed under the buffer's exclusive lock and WAL-logged with the sequence resource manager
 * ({@link BufferSequenceStorage}); unit tests use an in-memory one. Changes are not
 * transactional: an aborted transaction's nextval stays consumed.
 */
public interface SequenceStorage {
    /** What a {@link Modifier} decides: the state the page gets, and the state to WAL-log first (or null). */
    record Change(SequenceState page, SequenceState logged) {}

    /** Decides the change from the current state, called under the exclusive buffer lock. */
    @FunctionalInterface
    interface Modifier {
        /**
         * @param checkpointSinceLog true when a checkpoint began since the last WAL record of this
         *                           sequence (its page LSN is at or before the redo pointer): the
         *                           change must be logged, since redo starts after that record
         */
        Change apply(SequenceState current, boolean checkpointSinceLog);
    }

    /** Writes the first page of a just created (empty) sequence relation, WAL-logged. */
    void initialize(RelFileLocator rel, SequenceState state);

    SequenceState read(RelFileLocator rel);

    /**
     * Reads, decides and writes atomically. When the change has a logged state, the WAL record
     * carrying it is durable (flushed) before this returns, so no value handed out after it can
     * be handed out again after a crash. Returns the state written to the page.
     */
    SequenceState modify(RelFileLocator rel, Modifier modifier);
}
