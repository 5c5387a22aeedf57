package org.tuskdb.api.wal;

/**
 * The commit and flush policy (one of the seams integrators replace): how a committing
 * backend's commit record becomes durable, and how often the walwriter flushes in the
 * background. The wal bundle ships the default (a synchronous commit flushes — one fsync serving
 * every committer waiting for it, PostgreSQL's group commit — and an asynchronous one leaves the
 * flush to the walwriter); other bundles register their own, selected by the service property
 * {@value #NAME_PROPERTY}.
 */
public interface WalStrategy {
    String NAME_PROPERTY = "tusk.wal.strategy";

    String name();

    /**
     * Called by the committing backend after inserting its commit record. Returns when the
     * commit may be acknowledged under this policy.
     *
     * @param commitEnd   the end LSN of the commit record
     * @param synchronous synchronous_commit is on for this transaction
     * @param wal         the log (flush it, look at positions)
     */
    void awaitCommit(long commitEnd, boolean synchronous, WriteAheadLog wal);

    /** The walwriter's sleep between background flushes, given wal_writer_delay. */
    default long writerDelayMillis(long walWriterDelayMillis) {
        return walWriterDelayMillis;
    }
}
