package org.tuskdb.api.shmem;

import java.io.IOException;

/**
 * Registered in the postmaster only: creates the shared segment and re-creates it after a crash.
 * The postmaster calls {@link #create()} before it starts any worker, and again on crash-restart
 * after every worker is gone; workers attach to whatever the last create() made.
 */
public interface SegmentOwner {
    /**
     * Creates a fresh, zeroed segment (replacing any previous one), lays out the built-in regions
     * and every {@link RegionDeclaration} registered now, initializes them, and returns the new
     * generation number. {@link SharedMemory} and {@link ProcArray} refer to it from then on.
     */
    long create() throws IOException;

    /** Unmaps and deletes the segment file (clean shutdown). */
    void remove();
}
