package org.tuskdb.api.shmem;

import java.lang.foreign.MemorySegment;

/**
 * A bundle's claim on a region of the shared segment. Registered as a service; the postmaster
 * lays out every declaration present when it creates the segment and calls {@link #initialize}
 * once on the fresh (zeroed) region. A declaration that arrives later gets its region at the next
 * segment re-creation (crash-restart or restart).
 */
public interface RegionDeclaration {
    /** Unique region name, e.g. "procarray". At most 31 ASCII characters. */
    String regionName();

    /** Size in bytes (may depend on settings). */
    long regionSize();

    /**
     * Size in bytes for a segment with {@code procSlots} ProcArray slots: regions with an entry
     * per process (lock table, running transactions) size themselves from it. The postmaster
     * calls this one; by default it is {@link #regionSize()}.
     */
    default long regionSize(int procSlots) {
        return regionSize();
    }

    /** Called once in the postmaster on the zeroed region right after the segment is created. */
    default void initialize(MemorySegment region) {}

    /** As {@link #initialize(MemorySegment)}, told the ProcArray's slot count; the postmaster calls this one. */
    default void initialize(MemorySegment region, int procSlots) {
        initialize(region);
    }
}
