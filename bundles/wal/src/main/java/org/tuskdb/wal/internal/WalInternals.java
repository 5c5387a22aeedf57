package org.tuskdb.wal.internal;

/** What the bundle's own strategy needs of the WAL beyond the api (the walwriter's latch, commit_siblings). */
interface WalInternals {
    void wakeWalWriter();

    /** Synchronous committers in awaitCommit right now, the caller included. */
    int concurrentCommitters();
}
