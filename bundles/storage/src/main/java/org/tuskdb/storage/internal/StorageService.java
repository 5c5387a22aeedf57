package org.tuskdb.storage.internal;

import java.lang.foreign.MemorySegment;

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
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The storage manager in every worker process (backends and auxiliary roles). The WAL is an
 * optional dynamic reference: without it (unit tests, or before the wal bundle starts) create and
 * unlink are simply not logged. The fsync setting is read at each checkpoint (reloadable).
 */
@Component(service = RelationStorage.class)
public final class StorageService implements RelationStorage {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile WriteAheadLog wal;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SettingsRegistry settings;

    private final RelationFiles files;

    @Activate
    public StorageService(
            @Reference(name = "process",
                    target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
            ProcessContext process,
            @Reference(name = "sharedMemory") SharedMemory sharedMemory) {
        MemorySegment region = sharedMemory.region(PendingSyncLayout.REGION_NAME);
        this.files = new RelationFiles(process.dataDirectory(), new PendingSyncs(region), () -> wal,
                this::fsyncEnabled, RelationFiles.DEFAULT_OPEN_FILES);
    }

    private boolean fsyncEnabled() {
        SettingsRegistry registry = settings;
        if (registry == null) {
            return true;
        }
        try {
            return registry.boolValue("fsync");
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Deactivate
    void deactivate() {
        files.close();
    }

    @Override
    public void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
        files.create(rel, fork, walLog);
    }

    @Override
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return files.exists(rel, fork);
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        return files.blockCount(rel, fork);
    }

    @Override
    public void read(RelFileLocator rel, ForkNumber fork, long block, java.lang.foreign.MemorySegment page) {
        files.read(rel, fork, block, page);
    }

    @Override
    public void write(RelFileLocator rel, ForkNumber fork, long block, java.lang.foreign.MemorySegment page) {
        files.write(rel, fork, block, page);
    }

    @Override
    public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
        files.truncate(rel, fork, blocks);
    }

    @Override
    public void unlink(RelFileLocator rel, boolean walLog) {
        files.unlink(rel, walLog);
    }

    @Override
    public void copyDatabase(int srcDb, int dstDb, boolean walLog) {
        files.copyDatabase(srcDb, dstDb, walLog);
    }

    @Override
    public void dropDatabase(int dbOid, boolean walLog) {
        files.dropDatabase(dbOid, walLog);
    }

    @Override
    public long databaseSize(int dbOid) {
        return files.databaseSize(dbOid);
    }

    @Override
    public int syncPending() {
        return files.syncPending();
    }
}
