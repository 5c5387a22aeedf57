package org.tuskdb.postmaster.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;

/** A ProcArray in the heap, recording what the postmaster asked of it. */
final class FakeProcArray implements ProcArray {
    final Map<Integer, Long> pids = new HashMap<>();
    final Map<Integer, Integer> keys = new HashMap<>();
    final List<Long> cancelled = new ArrayList<>();
    final Map<Integer, String> roles = new HashMap<>();
    /** The segment was removed: like the real one, the array may no longer be used. */
    private volatile boolean removed;

    /** A new segment: an empty array. */
    synchronized void recreate() {
        pids.clear();
        keys.clear();
        roles.clear();
        removed = false;
    }

    void remove() {
        removed = true;
    }

    private void checkPresent() {
        if (removed) {
            throw new IllegalStateException("the shared memory segment has been removed");
        }
    }

    @Override public int capacity() { return 16; }
    @Override public List<ProcInfo> snapshot() { return List.of(); }

    @Override
    public synchronized ProcInfo find(long pid) {
        for (Map.Entry<Integer, Long> e : pids.entrySet()) {
            if (e.getValue() == pid) {
                return new ProcInfo(e.getKey(), pid, "backend", "client backend", "idle", null, null, null, null,
                        -1, 0, 0, 0, 0, 0, null, false);
            }
        }
        return null;
    }

    @Override public ProcSlot mySlot() { throw new UnsupportedOperationException(); }
    @Override
    public synchronized int claim(String role) {
        checkPresent();
        for (int slot = 0; slot < capacity(); slot++) {
            if (!roles.containsKey(slot)) {
                roles.put(slot, role);
                return slot;
            }
        }
        return -1;
    }

    /** Pids of the processes in slots claimed for that role. */
    synchronized List<Long> pidsOf(String role) {
        List<Long> found = new ArrayList<>();
        roles.forEach((slot, r) -> {
            if (r.equals(role) && pids.containsKey(slot)) {
                found.add(pids.get(slot));
            }
        });
        return found;
    }
    @Override public synchronized void assign(int slot, long pid) { checkPresent(); pids.put(slot, pid); }
    @Override public synchronized void setCancelKey(int slot, int cancelKey) { keys.put(slot, cancelKey); }
    @Override
    public synchronized void release(int slot) {
        checkPresent();
        pids.remove(slot);
        keys.remove(slot);
        roles.remove(slot);
    }

    @Override
    public synchronized long checkCancelKey(int pid, int key) {
        for (Map.Entry<Integer, Long> e : pids.entrySet()) {
            if (e.getValue() == pid && keys.containsKey(e.getKey()) && keys.get(e.getKey()) == key) {
                return pid;
            }
        }
        return -1;
    }

    @Override public synchronized boolean signalCancel(long pid) { cancelled.add(pid); return true; }
    @Override public boolean signalTerminate(long pid) { return false; }
}
