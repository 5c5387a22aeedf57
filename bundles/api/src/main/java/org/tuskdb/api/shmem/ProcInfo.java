package org.tuskdb.api.shmem;

/**
 * A copy of one ProcArray slot. Times are milliseconds since the epoch, 0 when unset.
 * {@code backendType} uses pg_stat_activity's names ("client backend", "logger", ...);
 * {@code role} is Tusk's role name ("backend", "logger", ...).
 */
public record ProcInfo(int slot, long pid, String role, String backendType, String state,
                       String database, String user, String applicationName, String clientAddr,
                       int clientPort, long processStart, long backendStart, long transactionStart,
                       long queryStart, long stateChange, String query, boolean inSession) {
}
