package org.tuskdb.lmgr.internal;

import static org.tuskdb.lmgr.internal.LockRegionLayout.NIL;

import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.xact.LockMode;

/**
 * PostgreSQL's deadlock.c, simplified: a depth-first search of the waits-for graph from the
 * process that ran out of deadlock_timeout, looking for a path back to it. The caller holds every
 * partition lock, so the graph cannot change during the search.
 *
 * <p>Edges of a waiting process P (waiting for mode M on lock L):
 * <ul>
 *   <li>hard: every other process holding on L a mode that conflicts with M;</li>
 *   <li>soft: every process queued ahead of P on L whose requested mode conflicts with M (P is
 *       not granted before it, by the queue rule).</li>
 * </ul>
 * Unlike PostgreSQL, a cycle through soft edges is not broken by reordering wait queues: it is
 * reported like any other cycle.
 */
final class DeadlockDetector {
    private static final LockMode[] MODES = LockMode.values();

    /** One edge of the cycle: {@code waiter} waits for {@code mode} on {@code lock}, blocked by {@code blocker}. */
    record Edge(int waiter, int lock, int mode, int blocker) {
    }

    private final LockTable table;
    private final int procSlots;

    DeadlockDetector(LockTable table) {
        this.table = table;
        this.procSlots = table.layout.procSlots;
    }

    /** The cycle through {@code start}, first edge from it, or null when it is in none. */
    List<Edge> findCycle(int start) {
        List<Edge> path = new ArrayList<>();
        boolean[] visited = new boolean[procSlots];
        visited[start] = true;
        return search(start, start, visited, path) ? path : null;
    }

    private boolean search(int proc, int start, boolean[] visited, List<Edge> path) {
        int lock = table.waitLock(proc);
        if (lock == NIL) {
            return false;
        }
        int mode = table.waitMode(proc);
        int conflicts = MODES[mode].conflictMask();
        // hard edges: holders of conflicting modes
        for (int pl = table.procLockHead(lock); pl != NIL; pl = table.procLockNext(pl)) {
            int holder = table.procLockSlot(pl);
            if (holder != proc && (table.holdMask(pl) & conflicts) != 0
                    && follow(proc, lock, mode, holder, start, visited, path)) {
                return true;
            }
        }
        // soft edges: conflicting waiters ahead in the queue
        for (int ahead = table.waitHead(lock); ahead != NIL && ahead != proc; ahead = table.waitNext(ahead)) {
            if ((conflicts & (1 << table.waitMode(ahead))) != 0
                    && follow(proc, lock, mode, ahead, start, visited, path)) {
                return true;
            }
        }
        return false;
    }

    private boolean follow(int proc, int lock, int mode, int next, int start, boolean[] visited, List<Edge> path) {
        if (next == start) {
            path.add(new Edge(proc, lock, mode, next));
            return true;
        }
        if (visited[next]) {
            return false; // already searched: no path from there back to start
        }
        visited[next] = true;
        path.add(new Edge(proc, lock, mode, next));
        if (search(next, start, visited, path)) {
            return true;
        }
        path.removeLast();
        return false;
    }
}
