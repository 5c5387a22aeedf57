package org.tuskdb.sql.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tuskdb.api.ProcessContext;
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
import org.tuskdb.sql.internal.storage.StorageServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SqlEngine service of a backend process. It activates only where the launcher registered
 * a backend ProcessContext. Every other service is optional and dynamic: a session uses
 * whichever is registered when it needs one; without SettingsRegistry the built-in defaults
 * apply, without ProcArray pg_stat_activity shows only the session itself, without the storage
 * services (heap, transactions, locks, relation storage) table statements are 0A000.
 */
@Component(service = SqlEngine.class)
public final class SqlEngineComponent implements SqlEngine, StorageServices {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEngineComponent.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_BACKEND + ")")
    private ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ProcArray procArray;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HeapAccess heap;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TransactionManager transactions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LockManager locks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RelationStorage relationStorage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BufferPool bufferPool;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Checkpointer checkpointer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile WriteAheadLog wal;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SharedMemory sharedMemory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.tuskdb.api.index.IndexAccess indexAccess;

    private Engine engine;

    @Activate
    void activate() {
        if (!LOG.isDebugEnabled()) {
            engine = new Engine(() -> settings, () -> procArray, this);
            return;
        }
        // The engine's share of a backend's start (benchmarks/README-startup.md)
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        engine = new Engine(() -> settings, () -> procArray, this);
        LOG.debug("SQL engine ready in backend pid {} ({}/{} ms wall/cpu)", process.pid(),
            (System.nanoTime() - wall) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
    }

    @Override
    public SqlSession openSession(SessionStartup startup, SessionHost host) {
        return engine.openSession(startup, host);
    }

    @Override public HeapAccess heap() { return heap; }
    @Override public TransactionManager transactions() { return transactions; }
    @Override public LockManager locks() { return locks; }
    @Override public RelationStorage relationStorage() { return relationStorage; }
    @Override public BufferPool bufferPool() { return bufferPool; }
    @Override public Checkpointer checkpointer() { return checkpointer; }
    @Override public WriteAheadLog wal() { return wal; }
    @Override public SharedMemory sharedMemory() { return sharedMemory; }
    @Override public org.tuskdb.api.index.IndexAccess indexes() { return indexAccess; }
    @Override public java.nio.file.Path tempDirectory() { return process.dataDirectory().resolve("base").resolve("pgsql_tmp"); }
}
