package org.tuskdb.sql.internal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;
import org.tuskdb.sql.internal.storage.StorageServices;

/**
 * In-memory fakes of the storage services, MVCC-ish: tuple versions with xmin/xmax/cmin/cmax
 * and an update chain, snapshots as sets of running xids, subtransactions with their own xids,
 * writers that wait (on this object's monitor) for a concurrent writer to end. One instance is
 * "the server"; sessions of several engines on it see each other's committed work.
 */
final class FakeStorage implements StorageServices {
    final FakeHeap heap = new FakeHeap();
    final FakeTransactions transactions = new FakeTransactions();
    final FakeLocks locks = new FakeLocks();
    final FakeFiles files = new FakeFiles();
    int checkpoints;
    /** Where the executor's temporary files go (null: java.io.tmpdir). */
    java.nio.file.Path tempDir;

    private final Map<Long, XidStatus> status = new HashMap<>();
    private long nextXid = TransactionManager.FIRST_NORMAL_XID;
    private long nextOid = TransactionManager.FIRST_NORMAL_OID;

    @Override public HeapAccess heap() { return heap; }
    @Override public TransactionManager transactions() { return transactions; }
    @Override public LockManager locks() { return locks; }
    @Override public RelationStorage relationStorage() { return files; }
    @Override public BufferPool bufferPool() { return null; }
    @Override public WriteAheadLog wal() { return null; }
    @Override public SharedMemory sharedMemory() { return null; }
    @Override public java.nio.file.Path tempDirectory() { return tempDir; }

    final FakeIndexes indexes = new FakeIndexes();

    /** False: no IndexAccess service (index DDL is 0A000). */
    boolean withIndexes = true;

    @Override public org.tuskdb.api.index.IndexAccess indexes() { return withIndexes ? indexes : null; }

    final FakeSequences sequences = new FakeSequences();

    @Override public org.tuskdb.sql.internal.sequence.SequenceStorage sequences() { return sequences; }

    /** Sequence pages in memory; {@link #logged} is what the WAL would hold (a crash keeps only that). */
    static final class FakeSequences implements org.tuskdb.sql.internal.sequence.SequenceStorage {
        final Map<org.tuskdb.api.storage.RelFileLocator, org.tuskdb.sql.internal.sequence.SequenceState> pages =
            new HashMap<>();
        final Map<org.tuskdb.api.storage.RelFileLocator, org.tuskdb.sql.internal.sequence.SequenceState> logged =
            new HashMap<>();
        int records;
        boolean checkpointPending;

        @Override
        public synchronized void initialize(org.tuskdb.api.storage.RelFileLocator rel,
                                            org.tuskdb.sql.internal.sequence.SequenceState state) {
            pages.put(rel, state);
            logged.put(rel, state);
            records++;
        }

        @Override
        public synchronized org.tuskdb.sql.internal.sequence.SequenceState read(org.tuskdb.api.storage.RelFileLocator rel) {
            return pages.get(rel);
        }

        @Override
        public synchronized org.tuskdb.sql.internal.sequence.SequenceState modify(
            org.tuskdb.api.storage.RelFileLocator rel, Modifier modifier) {
            Change c = modifier.apply(pages.get(rel), checkpointPending);
            checkpointPending = false;
            if (c.logged() != null) {
                logged.put(rel, c.logged());
                records++;
            }
            pages.put(rel, c.page());
            return c.page();
        }

        /** A crash: every page goes back to its last logged state (redo). */
        synchronized void crash() {
            pages.putAll(logged);
        }
    }

    @Override
    public Checkpointer checkpointer() {
        return new Checkpointer() {
            @Override public void requestCheckpoint(boolean wait) { checkpoints++; }
            @Override public Counts counts() { return new Counts(3, checkpoints, 7, 0); }
        };
    }

    synchronized XidStatus status(long xid) {
        if (xid < TransactionManager.FIRST_NORMAL_XID) {
            return XidStatus.COMMITTED;
        }
        return status.getOrDefault(xid, XidStatus.ABORTED);
    }

    private synchronized void setStatus(List<Long> xids, XidStatus s) {
        for (long x : xids) {
            status.put(x, s);
        }
        notifyAll();
    }

    // ---- transactions ---------------------------------------------------------------------

    final class FakeTransactions implements TransactionManager {
        int begun;

        @Override
        public Transaction begin(IsolationLevel isolation, boolean readOnly, Interruptible interrupts) {
            begun++;
            return new FakeTx(isolation, readOnly, interrupts);
        }

        @Override public XidStatus status(long xid) { return FakeStorage.this.status(xid); }

        @Override
        public void waitForTransaction(long xid, Interruptible interrupts) {
            synchronized (FakeStorage.this) {
                while (FakeStorage.this.status(xid) == XidStatus.IN_PROGRESS) {
                    try {
                        FakeStorage.this.wait(50);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    interrupts.checkForInterrupts();
                }
            }
        }

        @Override public synchronized long newOid() { return nextOid++; }
        @Override public long nextXid() { return nextXid; }
        @Override public long oldestXmin() { return 0; }
    }

    record FakeSnapshot(Set<Long> running, long xmax, int commandId) implements Snapshot {
        @Override public long xmin() { return 0; }
        @Override public boolean isInProgress(long xid) { return xid >= xmax || running.contains(xid); }
    }

    final class FakeTx implements Transaction {
        private final IsolationLevel isolation;
        private final boolean readOnly;
        private final Interruptible interrupts;
        /** xid per level (0: none yet); level 0 is the top. */
        private final List<Long> levels = new ArrayList<>();
        /** xids of this transaction not rolled back (released subtransactions stay). */
        private final List<Long> live = new ArrayList<>();
        private final List<Consumer<Boolean>> onEnd = new ArrayList<>();
        private int cid;
        private Set<Long> running;
        private long runningXmax;
        private boolean ended;

        FakeTx(IsolationLevel isolation, boolean readOnly, Interruptible interrupts) {
            this.isolation = isolation;
            this.readOnly = readOnly;
            this.interrupts = interrupts;
            levels.add(0L);
        }

        @Override public IsolationLevel isolation() { return isolation; }
        @Override public boolean readOnly() { return readOnly; }

        @Override
        public long xid() {
            if (readOnly) {
                throw DatabaseException.error("25006", "cannot assign a transaction id in a read-only transaction");
            }
            synchronized (FakeStorage.this) {
                for (int i = 0; i < levels.size(); i++) {
                    if (levels.get(i) == 0) {
                        long x = nextXid++;
                        status.put(x, XidStatus.IN_PROGRESS);
                        levels.set(i, x);
                        live.add(x);
                    }
                }
            }
            return levels.get(levels.size() - 1);
        }

        @Override public long topXid() { return levels.get(0); }
        @Override public synchronized boolean isCurrentTransaction(long xid) { return xid != 0 && live.contains(xid); }
        @Override public int commandId() { return cid; }
        @Override public void commandCounterIncrement() { cid++; }

        @Override
        public Snapshot snapshot() {
            if (running == null) {
                synchronized (FakeStorage.this) {
                    Set<Long> r = new HashSet<>();
                    for (Map.Entry<Long, XidStatus> e : status.entrySet()) {
                        if (e.getValue() == XidStatus.IN_PROGRESS && !live.contains(e.getKey())) {
                            r.add(e.getKey());
                        }
                    }
                    running = r;
                    runningXmax = nextXid;
                }
            }
            return new FakeSnapshot(running, runningXmax, cid);
        }

        @Override
        public void startStatement() {
            if (!isolation.usesTransactionSnapshot()) {
                running = null;
            }
        }

        @Override public void beginSubtransaction() { levels.add(0L); }

        @Override
        public void releaseSubtransaction() {
            levels.remove(levels.size() - 1);
        }

        @Override
        public void rollbackSubtransaction() {
            long x = levels.remove(levels.size() - 1);
            if (x != 0) {
                live.remove(x);
                setStatus(List.of(x), XidStatus.ABORTED);
            }
        }

        @Override public int nestingLevel() { return levels.size() - 1; }

        @Override
        public void commit(boolean synchronousCommit) {
            end(XidStatus.COMMITTED);
        }

        @Override
        public void abort() {
            if (!ended) {
                end(XidStatus.ABORTED);
            }
        }

        private void end(XidStatus s) {
            ended = true;
            setStatus(new ArrayList<>(live), s);
            locks.releaseAll();
            for (Consumer<Boolean> a : onEnd) {
                a.accept(s == XidStatus.COMMITTED);
            }
        }

        @Override public void onEnd(Consumer<Boolean> action) { onEnd.add(action); }
        @Override public Interruptible interrupts() { return interrupts; }
    }

    // ---- heap -----------------------------------------------------------------------------

    static final class Version {
        final Tid tid;
        final byte[] data;
        final long xmin;
        final int cmin;
        long xmax;
        int cmax;
        Tid next;

        Version(Tid tid, byte[] data, long xmin, int cmin) {
            this.tid = tid;
            this.data = data;
            this.xmin = xmin;
            this.cmin = cmin;
        }
    }

    final class FakeHeap implements HeapAccess {
        final Map<RelFileLocator, List<Version>> relations = new HashMap<>();
        final List<RelFileLocator> inserts = new ArrayList<>();
        final List<RelFileLocator> scans = new ArrayList<>();

        private List<Version> rel(RelFileLocator rel) {
            if (!files.exists(rel, ForkNumber.MAIN)) {
                throw DatabaseException.error("58P01", "could not open file \"" + rel + "\"");
            }
            return relations.computeIfAbsent(rel, r -> new ArrayList<>());
        }

        boolean visible(Version v, Snapshot s, Transaction tx) {
            boolean inserted = tx.isCurrentTransaction(v.xmin) ? v.cmin < s.commandId()
                : status(v.xmin) == XidStatus.COMMITTED && !s.isInProgress(v.xmin);
            if (!inserted) {
                return false;
            }
            if (v.xmax == 0 || status(v.xmax) == XidStatus.ABORTED) {
                return true;
            }
            if (tx.isCurrentTransaction(v.xmax)) {
                return v.cmax >= s.commandId();
            }
            return !(status(v.xmax) == XidStatus.COMMITTED && !s.isInProgress(v.xmax));
        }

        @Override public int maxTupleSize() { return 8000; }

        @Override
        public synchronized Tid insert(RelFileLocator rel, byte[] data, Transaction tx) {
            List<Version> versions = rel(rel);
            Tid tid = new Tid(versions.size() / 100, versions.size() % 100 + 1);
            versions.add(new Version(tid, data.clone(), tx.xid(), tx.commandId()));
            inserts.add(rel);
            return tid;
        }

        private Version at(RelFileLocator rel, Tid tid) {
            return rel(rel).get((int) tid.block() * 100 + tid.offset() - 1);
        }

        @Override
        public HeapScan scan(RelFileLocator rel, Snapshot snapshot, Transaction tx) {
            List<Version> versions;
            synchronized (this) {
                versions = new ArrayList<>(rel(rel));
                scans.add(rel);
            }
            return new HeapScan() {
                int i;

                @Override
                public HeapTuple next() {
                    synchronized (FakeHeap.this) {
                        while (i < versions.size()) {
                            Version v = versions.get(i++);
                            if (visible(v, snapshot, tx)) {
                                return new HeapTuple(v.tid, v.xmin, v.xmax, v.data.clone());
                            }
                        }
                    }
                    return null;
                }

                @Override public void close() { }
            };
        }

        @Override
        public synchronized HeapTuple fetch(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
            Version v = at(rel, tid);
            return visible(v, snapshot, tx) ? new HeapTuple(v.tid, v.xmin, v.xmax, v.data.clone()) : null;
        }

        @Override
        public synchronized HeapTuple fetchLatest(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
            Version v = at(rel, tid);
            HeapTuple found = null;
            while (true) {
                if (visible(v, snapshot, tx)) {
                    found = new HeapTuple(v.tid, v.xmin, v.xmax, v.data.clone());
                }
                if (v.next == null) {
                    return found;
                }
                v = at(rel, v.next);
            }
        }

        @Override
        public synchronized HeapTuple fetchVersion(RelFileLocator rel, Tid tid) {
            Version v = at(rel, tid);
            return new HeapTuple(v.tid, v.xmin, v.xmax, v.data.clone());
        }

        /** Waits for an in-progress xmax; then the failure to report, or null when the version is free. */
        private ModifyResult check(RelFileLocator rel, Tid tid, Transaction tx, boolean wait) {
            while (true) {
                Version v;
                synchronized (this) {
                    v = at(rel, tid);
                    if (v.xmax == 0 || status(v.xmax) == XidStatus.ABORTED) {
                        return null;
                    }
                    if (tx.isCurrentTransaction(v.xmax)) {
                        return new ModifyResult(ModifyResult.Status.SELF_MODIFIED, null, v.xmax);
                    }
                    if (status(v.xmax) == XidStatus.COMMITTED) {
                        return v.next != null ? new ModifyResult(ModifyResult.Status.UPDATED, v.next, v.xmax)
                            : new ModifyResult(ModifyResult.Status.DELETED, null, v.xmax);
                    }
                }
                if (!wait) {
                    return new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null, v.xmax);
                }
                transactions.waitForTransaction(v.xmax, tx.interrupts());
            }
        }

        @Override
        public ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait) {
            ModifyResult r = check(rel, tid, tx, wait);
            if (r != null) {
                return r;
            }
            synchronized (this) {
                Version v = at(rel, tid);
                v.xmax = tx.xid();
                v.cmax = tx.commandId();
                Tid n = insert(rel, newData, tx);
                v.next = n;
                return new ModifyResult(ModifyResult.Status.OK, n, 0);
            }
        }

        @Override
        public ModifyResult delete(RelFileLocator rel, Tid tid, Transaction tx, boolean wait) {
            ModifyResult r = check(rel, tid, tx, wait);
            if (r != null) {
                return r;
            }
            synchronized (this) {
                Version v = at(rel, tid);
                v.xmax = tx.xid();
                v.cmax = tx.commandId();
                return ModifyResult.OK;
            }
        }

        @Override
        public ModifyResult lockTuple(RelFileLocator rel, Tid tid, RowLockMode mode, Transaction tx, boolean wait) {
            ModifyResult r = check(rel, tid, tx, wait);
            return r != null ? r : ModifyResult.OK;
        }

        @Override public long blockCount(RelFileLocator rel) { return rel(rel).size() / 100 + 1; }
    }

    // ---- locks and files ------------------------------------------------------------------

    static final class FakeLocks implements LockManager {
        final List<String> taken = new ArrayList<>();
        final List<LockInfo> held = new ArrayList<>();

        @Override
        public synchronized void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts) {
            taken.add(tag.kind() + ":" + tag.field2() + ":" + mode.pgName());
            held.add(new LockInfo(tag, mode, 1, true));
        }

        @Override public synchronized boolean tryLock(LockTag tag, LockMode mode) { return true; }

        @Override
        public synchronized void unlock(LockTag tag, LockMode mode) {
            held.remove(new LockInfo(tag, mode, 1, true));
        }

        @Override public synchronized void releaseAll() { held.clear(); }
        @Override public synchronized List<LockInfo> locks() { return List.copyOf(held); }
    }

    final class FakeFiles implements RelationStorage {
        final Set<RelFileLocator> existing = new HashSet<>();
        final List<String> log = new ArrayList<>();

        @Override
        public synchronized void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
            existing.add(rel);
            log.add("create " + rel);
        }

        @Override public synchronized boolean exists(RelFileLocator rel, ForkNumber fork) { return existing.contains(rel); }
        @Override public long blockCount(RelFileLocator rel, ForkNumber fork) { return 0; }
        @Override public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) { }
        @Override public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) { }
        @Override public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) { }

        @Override
        public void unlink(RelFileLocator rel, boolean walLog) {
            synchronized (this) {
                existing.remove(rel);
                log.add("unlink " + rel);
            }
            synchronized (heap) {
                heap.relations.remove(rel);
            }
        }

        @Override public int syncPending() { return 0; }
    }
}
