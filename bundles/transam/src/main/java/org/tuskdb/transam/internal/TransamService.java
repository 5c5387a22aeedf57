package org.tuskdb.transam.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.WriteAheadLog;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;

/**
 * Transactions in every worker process (backends and auxiliary roles), over the "transam"
 * region: the TransactionManager of this process's ProcArray slot, and the pg_xact checkpoint
 * participant ("transam", order 100) that the checkpointer and the startup process call.
 */
@Component(service = {TransactionManager.class, CheckpointParticipant.class})
public final class TransamService implements TransactionManager, CheckpointParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(TransamService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LockManager lockManager;

    private final Transam transam;
    private final TransactionManagerImpl manager;

    @Activate
    public TransamService(
            @Reference(name = "process", target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
            ProcessContext process,
            @Reference(name = "sharedMemory") SharedMemory sharedMemory,
            @Reference(name = "wal") WriteAheadLog wal,
            @Reference(name = "settings", cardinality = ReferenceCardinality.OPTIONAL) SettingsRegistry settings) {
        boolean fsync = settings == null || settings.boolValue("fsync");
        this.transam = new Transam(sharedMemory.region(TransamLayout.REGION_NAME), process.dataDirectory(), wal, fsync);
        this.manager = new TransactionManagerImpl(transam, process.slot(), () -> lockManager);
        LOG.debug("transam ready in {} (slot {})", process.role(), process.slot());
    }

    @Deactivate
    void deactivate() {
        transam.close();
    }

    // ---- TransactionManager -------------------------------------------------------------

    @Override
    public Transaction begin(IsolationLevel isolation, boolean readOnly, Interruptible interrupts) {
        return manager.begin(isolation, readOnly, interrupts);
    }

    @Override
    public XidStatus status(long xid) {
        return manager.status(xid);
    }

    @Override
    public void waitForTransaction(long xid, Interruptible interrupts) {
        manager.waitForTransaction(xid, interrupts);
    }

    @Override
    public long newOid() {
        return manager.newOid();
    }

    @Override
    public long nextXid() {
        return manager.nextXid();
    }

    @Override
    public long oldestXmin() {
        return manager.oldestXmin();
    }

    @Override
    public long pruneHorizon() {
        return manager.pruneHorizon();
    }

    @Override
    public long commitLsn(long xid) {
        return manager.commitLsn(xid);
    }

    @Override
    public long backendXid(int slot) {
        return manager.backendXid(slot);
    }

    @Override
    public long backendXmin(int slot) {
        return manager.backendXmin(slot);
    }

    // ---- CheckpointParticipant ----------------------------------------------------------

    @Override
    public String name() {
        return "transam";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void checkpoint(long redoLsn) {
        transam.checkpoint();
    }

    @Override
    public byte[] checkpointState() {
        return transam.checkpointState();
    }

    @Override
    public void startRecovery(byte[] checkpointState) {
        transam.startRecovery(checkpointState);
    }

    @Override
    public void endRecovery(RecoveryEnd end) {
        transam.endRecovery(end.highestXid());
    }
}
