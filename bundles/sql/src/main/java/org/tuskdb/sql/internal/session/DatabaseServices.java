package org.tuskdb.sql.internal.session;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.IntSupplier;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.catalog.CatalogCounter;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.sequence.SequenceState;
import org.tuskdb.sql.internal.sequence.SequenceStorage;

/**
 * The engine's services as one session sees them: bound to the database it is connected to.
 *
 * <p>The SQL engine names the relations of "its" database with {@link CatalogTables#DB_OID}
 * (the nailed catalogs are static descriptors, and every relation built from pg_class gets the
 * same database). A session touches only its own database's files and the shared catalogs
 * ({@code global/}, dbOid 0), never another database's, so every locator (and lock tag) it hands
 * to the storage services with a database other than 0 is in its database: this view rewrites
 * it to the session's database oid on the way out. For a session of postgres (oid 5, which
 * DB_OID is) the services are handed out unwrapped, at no cost. Redo, the checkpointer and the
 * bgwriter never come through here: they see the real locators the WAL records and buffer tags
 * carry.
 */
public final class DatabaseServices implements EngineServices {
    private final EngineServices engine;
    private final IntSupplier database;
    private BoundHeap heap;
    private BoundIndexes indexes;
    private BoundStorage storage;
    private BoundBuffers buffers;
    private BoundLocks locks;
    private BoundSequences sequences;

    DatabaseServices(EngineServices engine, IntSupplier database) {
        this.engine = engine;
        this.database = database;
    }

    /** The heap as a process serving database {@code db} sees it (the catalog bootstrap of template1). */
    public static HeapAccess heapIn(HeapAccess heap, int db) {
        return db == CatalogTables.DB_OID ? heap : new BoundHeap(heap, () -> db);
    }

    /** Relation storage as a process serving database {@code db} sees it. */
    public static RelationStorage storageIn(RelationStorage storage, int db) {
        return db == CatalogTables.DB_OID ? storage : new BoundStorage(storage, () -> db);
    }

    /** The database the session is connected to. */
    int databaseOid() {
        return database.getAsInt();
    }

    private boolean unbound() {
        return database.getAsInt() == CatalogTables.DB_OID;
    }

    static RelFileLocator bind(RelFileLocator rel, int db) {
        return rel == null || rel.dbOid() == 0 || rel.dbOid() == db ? rel : new RelFileLocator(db, rel.relNumber());
    }

    static LockTag bind(LockTag tag, int db) {
        if (tag.kind() == LockTag.Kind.TRANSACTION || tag.field1() != CatalogTables.DB_OID || db == CatalogTables.DB_OID) {
            return tag;
        }
        return new LockTag(tag.kind(), db, tag.field2(), tag.field3());
    }

    // ---- unchanged -------------------------------------------------------------------------

    @Override public FunctionRegistry functions() { return engine.functions(); }
    @Override public Catalog catalog() { return engine.catalog(); }
    @Override public SettingsRegistry settings() { return engine.settings(); }
    @Override public ProcArray procArray() { return engine.procArray(); }
    @Override public CatalogCounter catalogCounter() { return engine.catalogCounter(); }
    @Override public boolean claimOrphanTemporarySweep() { return engine.claimOrphanTemporarySweep(); }
    @Override public org.tuskdb.sql.internal.async.NotifyQueue notifyQueue() { return engine.notifyQueue(); }
    @Override public int notifySlot() { return engine.notifySlot(); }
    @Override public TransactionManager transactions() { return engine.transactions(); }
    @Override public Checkpointer checkpointer() { return engine.checkpointer(); }
    @Override public WriteAheadLog wal() { return engine.wal(); }
    @Override public SharedMemory sharedMemory() { return engine.sharedMemory(); }
    @Override public java.nio.file.Path tempDirectory() { return engine.tempDirectory(); }

    // ---- bound -----------------------------------------------------------------------------

    @Override
    public HeapAccess heap() {
        HeapAccess h = engine.heap();
        if (h == null || unbound()) {
            return h;
        }
        if (heap == null || heap.delegate != h) {
            heap = new BoundHeap(h, database);
        }
        return heap;
    }

    @Override
    public IndexAccess indexes() {
        IndexAccess a = engine.indexes();
        if (a == null || unbound()) {
            return a;
        }
        if (indexes == null || indexes.delegate != a) {
            indexes = new BoundIndexes(a, database);
        }
        return indexes;
    }

    @Override
    public RelationStorage relationStorage() {
        RelationStorage s = engine.relationStorage();
        if (s == null || unbound()) {
            return s;
        }
        if (storage == null || storage.delegate != s) {
            storage = new BoundStorage(s, database);
        }
        return storage;
    }

    @Override
    public BufferPool bufferPool() {
        BufferPool b = engine.bufferPool();
        if (b == null || unbound()) {
            return b;
        }
        if (buffers == null || buffers.delegate != b) {
            buffers = new BoundBuffers(b, database);
        }
        return buffers;
    }

    @Override
    public LockManager locks() {
        LockManager l = engine.locks();
        if (l == null || unbound()) {
            return l;
        }
        if (locks == null || locks.delegate != l) {
            locks = new BoundLocks(l, database);
        }
        return locks;
    }

    @Override
    public SequenceStorage sequences() {
        SequenceStorage s = engine.sequences();
        if (s == null || unbound()) {
            return s;
        }
        if (sequences == null || sequences.delegate != s) {
            sequences = new BoundSequences(s, database);
        }
        return sequences;
    }

    private static final class BoundHeap implements HeapAccess {
        final HeapAccess delegate;

        final IntSupplier db;

        BoundHeap(HeapAccess delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        @Override public int maxTupleSize() { return delegate.maxTupleSize(); }
        @Override public Tid insert(RelFileLocator rel, byte[] data, Transaction tx) { return delegate.insert(bind(rel, db.getAsInt()), data, tx); }
        @Override public Tid[] insertAll(RelFileLocator rel, byte[][] tuples, int count, Transaction tx) {
            return delegate.insertAll(bind(rel, db.getAsInt()), tuples, count, tx);
        }
        @Override public HeapScan scan(RelFileLocator rel, Snapshot snapshot, Transaction tx) {
            return delegate.scan(bind(rel, db.getAsInt()), snapshot, tx);
        }
        @Override public HeapTuple fetch(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
            return delegate.fetch(bind(rel, db.getAsInt()), tid, snapshot, tx);
        }
        @Override public HeapTuple fetchLatest(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
            return delegate.fetchLatest(bind(rel, db.getAsInt()), tid, snapshot, tx);
        }
        @Override public HeapTuple fetchIndexed(RelFileLocator rel, Tid tid, Snapshot snapshot, Transaction tx) {
            return delegate.fetchIndexed(bind(rel, db.getAsInt()), tid, snapshot, tx);
        }
        @Override public java.util.List<HeapTuple> hotChain(RelFileLocator rel, Tid tid) {
            return delegate.hotChain(bind(rel, db.getAsInt()), tid);
        }
        @Override public ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait,
                                             boolean hotAllowed) {
            return delegate.update(bind(rel, db.getAsInt()), tid, newData, tx, wait, hotAllowed);
        }
        @Override public ModifyResult update(RelFileLocator rel, Tid tid, byte[] newData, Transaction tx, boolean wait) {
            return delegate.update(bind(rel, db.getAsInt()), tid, newData, tx, wait);
        }
        @Override public ModifyResult delete(RelFileLocator rel, Tid tid, Transaction tx, boolean wait) {
            return delegate.delete(bind(rel, db.getAsInt()), tid, tx, wait);
        }
        @Override public ModifyResult lockTuple(RelFileLocator rel, Tid tid, RowLockMode mode, Transaction tx, boolean wait) {
            return delegate.lockTuple(bind(rel, db.getAsInt()), tid, mode, tx, wait);
        }
        @Override public HeapTuple fetchVersion(RelFileLocator rel, Tid tid) { return delegate.fetchVersion(bind(rel, db.getAsInt()), tid); }
        @Override public boolean deadToAll(RelFileLocator rel, Tid tid, long oldestXmin) {
            return delegate.deadToAll(bind(rel, db.getAsInt()), tid, oldestXmin);
        }
        @Override public long prune(RelFileLocator rel, long oldestXmin) { return delegate.prune(bind(rel, db.getAsInt()), oldestXmin); }
        @Override public long blockCount(RelFileLocator rel) { return delegate.blockCount(bind(rel, db.getAsInt())); }
    }

    private static final class BoundIndexes implements IndexAccess {
        final IndexAccess delegate;

        final IntSupplier db;

        BoundIndexes(IndexAccess delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        @Override public int maxKeySize() { return delegate.maxKeySize(); }
        @Override public void create(RelFileLocator index) { delegate.create(bind(index, db.getAsInt())); }
        @Override public IndexBuild build(RelFileLocator index, UniqueChecker unique) { return delegate.build(bind(index, db.getAsInt()), unique); }
        @Override public void drop(RelFileLocator index) { delegate.drop(bind(index, db.getAsInt())); }
        @Override public void truncate(RelFileLocator index) { delegate.truncate(bind(index, db.getAsInt())); }
        @Override public void insert(RelFileLocator index, byte[] key, Tid tid, UniqueCheck check, UniqueChecker checker) {
            delegate.insert(bind(index, db.getAsInt()), key, tid, check, checker);
        }
        @Override public Tid findLive(RelFileLocator index, byte[] key, UniqueChecker checker) {
            return delegate.findLive(bind(index, db.getAsInt()), key, checker);
        }
        @Override public IndexScan scan(RelFileLocator index, ScanBound lower, ScanBound upper, ScanDirection direction) {
            return delegate.scan(bind(index, db.getAsInt()), lower, upper, direction);
        }
        @Override public long blockCount(RelFileLocator index) { return delegate.blockCount(bind(index, db.getAsInt())); }
    }

    private static final class BoundStorage implements RelationStorage {
        final RelationStorage delegate;

        final IntSupplier db;

        BoundStorage(RelationStorage delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        @Override public void create(RelFileLocator rel, ForkNumber fork, boolean walLog) { delegate.create(bind(rel, db.getAsInt()), fork, walLog); }
        @Override public boolean exists(RelFileLocator rel, ForkNumber fork) { return delegate.exists(bind(rel, db.getAsInt()), fork); }
        @Override public long blockCount(RelFileLocator rel, ForkNumber fork) { return delegate.blockCount(bind(rel, db.getAsInt()), fork); }
        @Override public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
            delegate.read(bind(rel, db.getAsInt()), fork, block, page);
        }
        @Override public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
            delegate.write(bind(rel, db.getAsInt()), fork, block, page);
        }
        @Override public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) { delegate.truncate(bind(rel, db.getAsInt()), fork, blocks); }
        @Override public void unlink(RelFileLocator rel, boolean walLog) { delegate.unlink(bind(rel, db.getAsInt()), walLog); }
        @Override public int syncPending() { return delegate.syncPending(); }
        @Override public void copyDatabase(int srcDb, int dstDb, boolean walLog) { delegate.copyDatabase(srcDb, dstDb, walLog); }
        @Override public void dropDatabase(int dbOid, boolean walLog) { delegate.dropDatabase(dbOid, walLog); }
        @Override public long databaseSize(int dbOid) { return delegate.databaseSize(dbOid); }
    }

    private static final class BoundBuffers implements BufferPool {
        final BufferPool delegate;

        final IntSupplier db;

        BoundBuffers(BufferPool delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        private BlockReference bind(BlockReference b, int database) {
            RelFileLocator rel = DatabaseServices.bind(b.rel(), database);
            return rel == b.rel() ? b : new BlockReference(rel, b.fork(), b.block());
        }

        @Override public int read(BlockReference block) { return delegate.read(bind(block, db.getAsInt())); }
        @Override public int readZeroed(BlockReference block) { return delegate.readZeroed(bind(block, db.getAsInt())); }
        @Override public int extend(RelFileLocator rel, ForkNumber fork) { return delegate.extend(DatabaseServices.bind(rel, db.getAsInt()), fork); }
        @Override public long blockCount(RelFileLocator rel, ForkNumber fork) {
            return delegate.blockCount(DatabaseServices.bind(rel, db.getAsInt()), fork);
        }
        @Override public MemorySegment page(int buffer) { return delegate.page(buffer); }
        @Override public BlockReference blockOf(int buffer) { return delegate.blockOf(buffer); }
        @Override public void lockShared(int buffer) { delegate.lockShared(buffer); }
        @Override public void lockExclusive(int buffer) { delegate.lockExclusive(buffer); }
        @Override public boolean tryLockExclusive(int buffer) { return delegate.tryLockExclusive(buffer); }
        @Override public void unlock(int buffer) { delegate.unlock(buffer); }
        @Override public void markDirty(int buffer) { delegate.markDirty(buffer); }
        @Override public void markDirtyHint(int buffer) { delegate.markDirtyHint(buffer); }
        @Override public void release(int buffer) { delegate.release(buffer); }
        @Override public void dropRelation(RelFileLocator rel) { delegate.dropRelation(DatabaseServices.bind(rel, db.getAsInt())); }
        @Override public void dropDatabase(int dbOid) { delegate.dropDatabase(dbOid); }
        @Override public int flushAll() { return delegate.flushAll(); }
        @Override public Stats stats() { return delegate.stats(); }
    }

    private static final class BoundLocks implements LockManager {
        final LockManager delegate;

        final IntSupplier db;

        BoundLocks(LockManager delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        @Override public void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts) {
            delegate.lock(bind(tag, db.getAsInt()), mode, timeoutMillis, interrupts);
        }
        @Override public boolean tryLock(LockTag tag, LockMode mode) { return delegate.tryLock(bind(tag, db.getAsInt()), mode); }
        @Override public void unlock(LockTag tag, LockMode mode) { delegate.unlock(bind(tag, db.getAsInt()), mode); }
        @Override public void releaseAll() { delegate.releaseAll(); }
        @Override public boolean lockSession(LockTag tag, LockMode mode, boolean wait, long timeoutMillis, Interruptible interrupts) {
            return delegate.lockSession(bind(tag, db.getAsInt()), mode, wait, timeoutMillis, interrupts);
        }
        @Override public boolean unlockSession(LockTag tag, LockMode mode) { return delegate.unlockSession(bind(tag, db.getAsInt()), mode); }
        @Override public void releaseSessionLocks() { delegate.releaseSessionLocks(); }
        @Override public List<LockInfo> locks() { return delegate.locks(); }
    }

    private static final class BoundSequences implements SequenceStorage {
        final SequenceStorage delegate;

        final IntSupplier db;

        BoundSequences(SequenceStorage delegate, IntSupplier db) {
            this.delegate = delegate;
            this.db = db;
        }

        @Override public void initialize(RelFileLocator rel, SequenceState state) { delegate.initialize(bind(rel, db.getAsInt()), state); }
        @Override public SequenceState read(RelFileLocator rel) { return delegate.read(bind(rel, db.getAsInt())); }
        @Override public SequenceState modify(RelFileLocator rel, Modifier modifier) { return delegate.modify(bind(rel, db.getAsInt()), modifier); }
    }
}
