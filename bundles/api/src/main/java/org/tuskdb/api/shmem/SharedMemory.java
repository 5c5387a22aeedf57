package org.tuskdb.api.shmem;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The shared segment, mapped in this process. The postmaster creates it (sized from every
 * {@link RegionDeclaration} registered at that moment plus the built-in regions), workers attach
 * to the same file. A region is found by name; its offset and size are in the segment header,
 * so every process sees the same layout without sharing Java objects.
 */
public interface SharedMemory {
    /** The region of that name, as a slice of the mapped segment. Throws if absent. */
    MemorySegment region(String name);

    /** Name to size of every region in the segment's directory. */
    Map<String, Long> regions();

    /** The whole mapped segment (header included). */
    MemorySegment segment();

    /** Identifies this incarnation of the segment; changes on every crash-restart. */
    long generation();
}
