package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WalStrategy;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The postmaster's view of the WAL, for the shell ({@code tusk:wal}): positions, segment and last
 * checkpoint read from the region; writing is refused (55000) because the postmaster never
 * touches WAL files. The region is looked up at every call: the postmaster re-creates the
 * segment on crash-restart. Registered with {@code tusk.wal.mode=monitor}.
 */
@Component(service = WriteAheadLog.class, property = "tusk.wal.mode=monitor")
public final class WalMonitor implements WriteAheadLog {
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Reference
    private SharedMemory sharedMemory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    private final StrategySelector strategies = new StrategySelector(new DefaultWalStrategy(), () -> settings);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStrategy(WalStrategy strategy, Map<String, Object> properties) {
        strategies.add(strategy, properties);
    }

    void removeStrategy(WalStrategy strategy) {
        strategies.remove(strategy);
    }

    private MemorySegment region() {
        try {
            return sharedMemory.region(WalRegion.NAME);
        } catch (RuntimeException e) {
            return null; // no segment (yet), or the wal bundle arrived after it was created
        }
    }

    private static DatabaseException refused() {
        return new DatabaseException("55000", "the postmaster does not write WAL");
    }

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        throw refused();
    }

    @Override
    public long insertPosition() {
        MemorySegment r = region();
        return r == null ? 0 : WalStatus.insertPosition(r);
    }

    @Override
    public long flushedPosition() {
        MemorySegment r = region();
        return r == null ? 0 : WalStatus.flushedPosition(r);
    }

    @Override
    public String segmentName(long lsn) {
        return WalFiles.segmentNameBefore(lsn);
    }

    @Override
    public void flush(long upTo) {
        throw refused();
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
        throw refused();
    }

    @Override
    public long redoPointer() {
        MemorySegment r = region();
        return r == null ? 0 : org.tuskdb.shmem.sync.Atomics.getLongAcquire(r, WalRegion.REDO);
    }

    @Override
    public boolean inRecovery() {
        MemorySegment r = region();
        return r != null && org.tuskdb.shmem.sync.Atomics.getIntAcquire(r, WalRegion.STATE) == WalRegion.STATE_RECOVERY;
    }

    @Override
    public Status status() {
        MemorySegment r = region();
        String strategy = strategies.get().name();
        return r == null ? new Status(0, 0, "-", 0, 0, 0, strategy) : WalStatus.of(r, strategy);
    }
}
