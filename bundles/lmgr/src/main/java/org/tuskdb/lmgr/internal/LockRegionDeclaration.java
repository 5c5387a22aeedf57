package org.tuskdb.lmgr.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.RegionDeclaration;

/**
 * Declares the "locks" region in the postmaster, sized from the ProcArray's slot count and
 * max_locks_per_transaction (read when the segment is created; 64 without a settings service).
 */
@Component(service = RegionDeclaration.class)
public final class LockRegionDeclaration implements RegionDeclaration {
    /** Only for {@link #regionSize()}, which the postmaster does not call (it passes its slot count). */
    private static final int DEFAULT_PROC_SLOTS = 124;

    private final SettingsRegistry settings;

    @Activate
    public LockRegionDeclaration(
            @Reference(name = "process", target = "(tusk.role=postmaster)") ProcessContext process,
            @Reference(name = "settings", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) SettingsRegistry settings) {
        this.settings = settings;
    }

    @Override
    public String regionName() {
        return LockRegionLayout.REGION_NAME;
    }

    @Override
    public long regionSize() {
        return regionSize(DEFAULT_PROC_SLOTS);
    }

    @Override
    public long regionSize(int procSlots) {
        return LockRegionLayout.forSettings(procSlots, maxLocksPerTransaction()).size;
    }

    @Override
    public void initialize(MemorySegment region) {
        initialize(region, DEFAULT_PROC_SLOTS);
    }

    @Override
    public void initialize(MemorySegment region, int procSlots) {
        LockRegionLayout.forSettings(procSlots, maxLocksPerTransaction()).initialize(region);
    }

    private int maxLocksPerTransaction() {
        if (settings == null) {
            return LockRegionLayout.DEFAULT_MAX_LOCKS_PER_TRANSACTION;
        }
        return (int) settings.intValue("max_locks_per_transaction");
    }
}
