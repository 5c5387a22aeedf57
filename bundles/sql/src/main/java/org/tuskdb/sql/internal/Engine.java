package org.tuskdb.sql.internal;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Supplier;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.catalog.CatalogCounter;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.session.EngineServices;
import org.tuskdb.sql.internal.session.Session;
import org.tuskdb.sql.internal.settings.DefaultSettings;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL engine as plain Java: function registry, catalog, and the process services sessions
 * use, given as suppliers so the OSGi component can swap them while sessions run. Tests create
 * it directly.
 */
public final class Engine implements SqlEngine, EngineServices {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** The region holding the catalog invalidation counter. */
    public static final String CATALOG_REGION = "catalog";

    private final FunctionRegistry functions = FunctionRegistry.withBuiltins();
    private final Catalog catalog = Catalog.builtin(() -> List.of(org.tuskdb.sql.internal.function.PgProc.view(functions),
        org.tuskdb.sql.internal.function.PgOperator.view(functions), org.tuskdb.sql.internal.function.PgCast.view()));
    /** The built-in defaults, made only when no SettingsRegistry is there (not in a server). */
    private volatile SettingsRegistry fallbackSettings;
    private final Supplier<SettingsRegistry> settings;
    private final Supplier<ProcArray> procArray;
    private final StorageServices storage;
    private final CatalogCounter localCounter = CatalogCounter.local();
    private volatile CatalogCounter sharedCounter;
    private volatile org.tuskdb.sql.internal.async.NotifyQueue notifyQueue;
    private org.tuskdb.sql.internal.async.NotifyQueue localNotifyQueue;
    /** Listener slots of sessions of an engine without a ProcArray (each its own, in turn). */
    private final java.util.concurrent.atomic.AtomicInteger localNotifySlots = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean orphanTemporarySweepClaimed =
        new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param settings the settings registry, or a supplier of null for the built-in defaults
     * @param procArray the ProcArray, or a supplier of null when there is no shared memory
     */
    public Engine(Supplier<SettingsRegistry> settings, Supplier<ProcArray> procArray) {
        this(settings, procArray, StorageServices.NONE);
    }

    /** @param storage the storage services (each getter may return null) */
    public Engine(Supplier<SettingsRegistry> settings, Supplier<ProcArray> procArray, StorageServices storage) {
        this.settings = settings;
        this.procArray = procArray;
        this.storage = storage;
    }

    /** An engine with built-in settings and no shared memory. */
    public static Engine standalone() {
        return new Engine(() -> null, () -> null);
    }

    @Override
    public SqlSession openSession(SessionStartup startup, SessionHost host) {
        return new Session(this, startup, host);
    }

    @Override public FunctionRegistry functions() { return functions; }
    @Override public Catalog catalog() { return catalog; }

    @Override
    public SettingsRegistry settings() {
        SettingsRegistry r = settings.get();
        if (r != null) {
            return r;
        }
        r = fallbackSettings;
        if (r == null) {
            synchronized (this) {
                r = fallbackSettings;
                if (r == null) {
                    r = new DefaultSettings();
                    fallbackSettings = r;
                }
            }
        }
        return r;
    }

    @Override
    public boolean claimOrphanTemporarySweep() {
        return orphanTemporarySweepClaimed.compareAndSet(false, true);
    }

    @Override
    public ProcArray procArray() {
        return procArray.get();
    }

    @Override public HeapAccess heap() { return storage.heap(); }
    @Override public TransactionManager transactions() { return storage.transactions(); }
    @Override public LockManager locks() { return storage.locks(); }
    @Override public RelationStorage relationStorage() { return storage.relationStorage(); }
    @Override public BufferPool bufferPool() { return storage.bufferPool(); }
    @Override public Checkpointer checkpointer() { return storage.checkpointer(); }
    @Override public WriteAheadLog wal() { return storage.wal(); }
    @Override public SharedMemory sharedMemory() { return storage.sharedMemory(); }
    @Override public org.tuskdb.api.index.IndexAccess indexes() { return storage.indexes(); }
    @Override public org.tuskdb.sql.internal.sequence.SequenceStorage sequences() { return storage.sequences(); }
    @Override public java.nio.file.Path tempDirectory() { return storage.tempDirectory(); }

    /**
     * The segment's queue once shared memory and the ProcArray are bound (kept from then on); an
     * engine without them (tests, a session before the services arrived) gets its JVM's own.
     */
    @Override
    public org.tuskdb.sql.internal.async.NotifyQueue notifyQueue() {
        org.tuskdb.sql.internal.async.NotifyQueue q = notifyQueue;
        if (q != null) {
            return q;
        }
        SharedMemory shm = storage.sharedMemory();
        ProcArray procs = procArray.get();
        if (shm == null || procs == null) {
            return localNotifyQueue();
        }
        synchronized (this) {
            if (notifyQueue == null) {
                try {
                    notifyQueue = org.tuskdb.sql.internal.async.NotifyQueue.attach(
                        shm.region(org.tuskdb.sql.internal.async.NotifyRegion.NAME), procs.capacity());
                } catch (RuntimeException e) {
                    LOG.warn("no usable \"{}\" region in the shared segment: LISTEN and NOTIFY are not available ({})",
                        org.tuskdb.sql.internal.async.NotifyRegion.NAME, e.getMessage());
                    return null;
                }
            }
            return notifyQueue;
        }
    }

    private synchronized org.tuskdb.sql.internal.async.NotifyQueue localNotifyQueue() {
        if (localNotifyQueue == null) {
            localNotifyQueue = org.tuskdb.sql.internal.async.NotifyQueue.local(LOCAL_NOTIFY_SLOTS);
        }
        return localNotifyQueue;
    }

    /** Sessions of an engine without shared memory that may listen at once. */
    private static final int LOCAL_NOTIFY_SLOTS = 64;

    /** The process's ProcArray slot; with no ProcArray one of the local queue's slots in turn; -1 when unknown. */
    @Override
    public int notifySlot() {
        SharedMemory shm = storage.sharedMemory();
        ProcArray procs = procArray.get();
        if (shm != null && procs != null) {
            return procs.mySlot() == null ? -1 : procs.mySlot().slot();
        }
        return Math.floorMod(localNotifySlots.getAndIncrement(), LOCAL_NOTIFY_SLOTS);
    }

    @Override
    public CatalogCounter catalogCounter() {
        CatalogCounter c = sharedCounter;
        if (c != null) {
            return c;
        }
        SharedMemory shm = storage.sharedMemory();
        if (shm == null) {
            return localCounter;
        }
        try {
            MemorySegment region = shm.region(CATALOG_REGION);
            c = CatalogCounter.shared(region);
        } catch (RuntimeException e) {
            LOG.warn("no \"{}\" region in the shared segment: relation caches are not kept across statements",
                CATALOG_REGION);
            c = CatalogCounter.alwaysChanged();
        }
        sharedCounter = c;
        return c;
    }
}
