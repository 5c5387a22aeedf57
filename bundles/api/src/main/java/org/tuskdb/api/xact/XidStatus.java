package org.tuskdb.api.xact;

/** A transaction's outcome as the transaction-status log (pg_xact) records it. */
public enum XidStatus {
    /** Running, or sub-committed with its top-level transaction running. */
    IN_PROGRESS,
    COMMITTED,
    /** Rolled back, or never finished before a crash. */
    ABORTED
}
