package org.tuskdb.lmgr.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.SharedMemory;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.LockManager;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;

/**
 * The LockManager service of a worker process (backend or auxiliary role): this process's
 * {@link ProcessLockManager} over the "locks" region of the segment it attached, in its
 * ProcArray slot. deadlock_timeout comes from the settings service when present (1000 ms
 * otherwise).
 */
@Component(service = LockManager.class)
public final class LockManagerComponent implements LockManager {
    static final long DEFAULT_DEADLOCK_TIMEOUT_MILLIS = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    private final ProcessLockManager locks;

    @Activate
    public LockManagerComponent(@Reference(name = "sharedMemory") SharedMemory sharedMemory,
                                @Reference(name = "process", target = "(!(tusk.role=postmaster))") ProcessContext process) {
        this(sharedMemory, process, null);
    }

    /** With a settings service bound from the start (tests; DS binds it through the field). */
    LockManagerComponent(SharedMemory sharedMemory, ProcessContext process, SettingsRegistry settings) {
        this.settings = settings;
        this.locks = new ProcessLockManager(sharedMemory.region(LockRegionLayout.REGION_NAME), process.slot(),
                process.pid(), this::deadlockTimeoutMillis);
    }

    private long deadlockTimeoutMillis() {
        SettingsRegistry current = settings;
        return current == null ? DEFAULT_DEADLOCK_TIMEOUT_MILLIS : current.intValue("deadlock_timeout");
    }

    /** A process that stops cleanly gives back what it still holds. */
    @Deactivate
    void deactivate() {
        locks.releaseAll();
        locks.releaseSessionLocks();
    }

    @Override
    public void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts) {
        locks.lock(tag, mode, timeoutMillis, interrupts);
    }

    @Override
    public boolean tryLock(LockTag tag, LockMode mode) {
        return locks.tryLock(tag, mode);
    }

    @Override
    public void unlock(LockTag tag, LockMode mode) {
        locks.unlock(tag, mode);
    }

    @Override
    public void releaseAll() {
        locks.releaseAll();
    }

    @Override
    public boolean lockSession(LockTag tag, LockMode mode, boolean wait, long timeoutMillis, Interruptible interrupts) {
        return locks.lockSession(tag, mode, wait, timeoutMillis, interrupts);
    }

    @Override
    public boolean unlockSession(LockTag tag, LockMode mode) {
        return locks.unlockSession(tag, mode);
    }

    @Override
    public void releaseSessionLocks() {
        locks.releaseSessionLocks();
    }

    @Override
    public List<LockInfo> locks() {
        return locks.locks();
    }
}
