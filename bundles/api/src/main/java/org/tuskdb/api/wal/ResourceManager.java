package org.tuskdb.api.wal;

/**
 * Replays one family of WAL records (PostgreSQL's RmgrData), contributed as a service by the
 * bundle that writes them. Startup waits until a resource manager is registered for every id it
 * meets in the WAL; an id nobody registers stops recovery with an error naming it.
 *
 * <p>Redo must be idempotent against pages (the LSN check of {@link RedoContext} sees to that)
 * and against files (creating an existing file, removing a missing one are no-ops).
 */
public interface ResourceManager {
    /** Its id ({@link ResourceManagerIds}). */
    int id();

    String name();

    void redo(WalRecord record, RedoContext context);

    /** One line describing the record, for debugging and the shell. */
    default String describe(WalRecord record) {
        return name() + " info " + record.info();
    }
}
