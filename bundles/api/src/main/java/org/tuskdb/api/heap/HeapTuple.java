package org.tuskdb.api.heap;

/**
 * One tuple version as read: where it is, who made it (xmin) and removed or locked it (xmax, 0
 * when none), and its contents (a copy, the caller's to keep).
 */
public record HeapTuple(Tid tid, long xmin, long xmax, byte[] data) {
}
