package org.tuskdb.transam.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;

/**
 * Replays XACT records (commit, abort, NEXTOID) into pg_xact and the OID counter. Active in
 * every worker so that the startup process finds it; it needs no WAL itself: pages it dirties
 * carry no LSN (the WAL being replayed is already on disk).
 */
@Component(service = ResourceManager.class)
public final class XactResourceManager implements ResourceManager {
    private final SharedMemory sharedMemory;
    private final ProcessContext process;
    private volatile Transam transam;

    @Activate
    public XactResourceManager(
            @Reference(name = "process", target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
            ProcessContext process,
            @Reference(name = "sharedMemory") SharedMemory sharedMemory) {
        this.process = process;
        this.sharedMemory = sharedMemory;
    }

    private Transam transam() {
        Transam t = transam;
        if (t == null) {
            synchronized (this) {
                t = transam;
                if (t == null) {
                    // fsync is the checkpoint's business: redo only dirties the cache.
                    t = new Transam(sharedMemory.region(TransamLayout.REGION_NAME), process.dataDirectory(), null, true);
                    transam = t;
                }
            }
        }
        return t;
    }

    @Deactivate
    void deactivate() {
        Transam t = transam;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public int id() {
        return ResourceManagerIds.XACT;
    }

    @Override
    public String name() {
        return "Transaction";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        transam().redo(record);
    }

    @Override
    public String describe(WalRecord record) {
        return Transam.describe(record);
    }
}
