package org.tuskdb.api.shmem;

/** The writer's view of one ProcArray slot: only the process that owns the slot calls these. */
public interface ProcSlot {
    int slot();

    /** Session start: who is connected, to what, from where. clientAddr null for a Unix socket. */
    void beginSession(String database, String user, String applicationName, String clientAddr, int clientPort);

    /** Session end: the slot reports an idle pooled process again. */
    void endSession();

    /** PostgreSQL's pg_stat_activity.state: "idle", "active", "idle in transaction", ... */
    void reportState(String state, String query);

    /** Transaction start time (ms since epoch), 0 when no transaction is open. */
    void reportTransactionStart(long epochMillis);

    void reportApplicationName(String applicationName);
}
