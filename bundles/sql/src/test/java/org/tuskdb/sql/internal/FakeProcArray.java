package org.tuskdb.sql.internal;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;

/** A ProcArray in the heap: a list of ProcInfo, a writable slot 0 for "this" backend, signal log. */
final class FakeProcArray implements ProcArray {
    final List<ProcInfo> others = new ArrayList<>();
    final List<String> signals = new ArrayList<>();
    final long myPid;
    String state = "idle";
    String query = "";
    String applicationName = "";
    long transactionStart;

    FakeProcArray(long myPid) {
        this.myPid = myPid;
    }

    @Override public int capacity() { return 16; }

    @Override
    public List<ProcInfo> snapshot() {
        List<ProcInfo> all = new ArrayList<>();
        all.add(new ProcInfo(0, myPid, "backend", "client backend", state, "postgres", "alice", applicationName,
            "127.0.0.1", 40000, 1_000L, 2_000L, transactionStart, 3_000L, 3_000L, query, true));
        all.addAll(others);
        return all;
    }

    @Override
    public ProcInfo find(long pid) {
        return snapshot().stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
    }

    @Override
    public ProcSlot mySlot() {
        return new ProcSlot() {
            @Override public int slot() { return 0; }
            @Override public void beginSession(String d, String u, String a, String c, int p) { }
            @Override public void endSession() { }

            @Override
            public void reportState(String s, String q) {
                state = s;
                query = q;
            }

            @Override public void reportTransactionStart(long epochMillis) { transactionStart = epochMillis; }
            @Override public void reportApplicationName(String a) { applicationName = a; }
        };
    }

    @Override public int claim(String role) { throw new UnsupportedOperationException(); }
    @Override public void assign(int slot, long pid) { throw new UnsupportedOperationException(); }
    @Override public void setCancelKey(int slot, int cancelKey) { throw new UnsupportedOperationException(); }
    @Override public void release(int slot) { throw new UnsupportedOperationException(); }
    @Override public long checkCancelKey(int pid, int key) { return -1; }

    @Override
    public boolean signalCancel(long pid) {
        signals.add("cancel " + pid);
        return find(pid) != null;
    }

    @Override
    public boolean signalTerminate(long pid) {
        signals.add("terminate " + pid);
        return find(pid) != null;
    }
}
