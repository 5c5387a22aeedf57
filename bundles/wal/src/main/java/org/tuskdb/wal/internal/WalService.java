package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WalStrategy;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.shmem.sync.Atomics;

/**
 * The WAL of a worker process (backends, auxiliary roles, the startup process): the engine over
 * region "wal" with this process's files, and the active commit strategy.
 */
@Component(service = {WriteAheadLog.class, WalService.class})
public final class WalService implements WriteAheadLog, WalInternals {
    @Reference(target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
    private ProcessContext process;

    @Reference
    private SharedMemory sharedMemory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    private final StrategySelector strategies = new StrategySelector(new DefaultWalStrategy(), () -> settings);
    private MemorySegment region;
    private WalEngine engine;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStrategy(WalStrategy strategy, Map<String, Object> properties) {
        strategies.add(strategy, properties);
    }

    void removeStrategy(WalStrategy strategy) {
        strategies.remove(strategy);
    }

    @Activate
    void activate() {
        region = sharedMemory.region(WalRegion.NAME);
        engine = new WalEngine(region, new WalFiles(process.dataDirectory().resolve("pg_wal")),
                new WalSettings.Cache(() -> settings), Math.max(0, process.slot()), WalEngine.HALT);
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    WalEngine engine() {
        return engine;
    }

    SettingsRegistry settings() {
        return settings;
    }

    WalStrategy strategy() {
        return strategies.get();
    }

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        return engine.record(rmgr, info);
    }

    @Override
    public long insertPosition() {
        return WalStatus.insertPosition(region);
    }

    @Override
    public long flushedPosition() {
        return WalStatus.flushedPosition(region);
    }

    @Override
    public String segmentName(long lsn) {
        return WalFiles.segmentNameBefore(lsn);
    }

    @Override
    public void flush(long upTo) {
        engine.flush(upTo);
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
        if (!synchronous) {
            strategy().awaitCommit(commitEnd, false, this);
            return;
        }
        Atomics.getAndAddInt(region, WalRegion.COMMITTERS, 1);
        try {
            strategy().awaitCommit(commitEnd, true, this);
        } finally {
            Atomics.getAndAddInt(region, WalRegion.COMMITTERS, -1);
        }
    }

    /** Synchronous committers in awaitCommit right now, this one included (commit_siblings). */
    @Override
    public int concurrentCommitters() {
        return Atomics.getIntAcquire(region, WalRegion.COMMITTERS);
    }

    @Override
    public void wakeWalWriter() {
        engine.wakeWalWriter();
    }

    @Override
    public long redoPointer() {
        return engine.redoPointer();
    }

    @Override
    public boolean inRecovery() {
        return engine.state() == WalRegion.STATE_RECOVERY;
    }

    @Override
    public Status status() {
        return WalStatus.of(region, strategy().name());
    }
}
