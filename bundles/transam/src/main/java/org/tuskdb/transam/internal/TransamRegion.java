package org.tuskdb.transam.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.RegionDeclaration;

/**
 * Declares the "transam" region in the postmaster, which sizes it from the ProcArray's slot
 * count and initializes it once per segment generation (fresh counters; recovery then sets them).
 */
@Component(service = RegionDeclaration.class)
public final class TransamRegion implements RegionDeclaration {
    /** Selects the postmaster: regions are declared where the segment is made. */
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Override
    public String regionName() {
        return TransamLayout.REGION_NAME;
    }

    @Override
    public long regionSize() {
        return regionSize(128);
    }

    @Override
    public long regionSize(int procSlots) {
        return new TransamLayout(procSlots, TransamLayout.DEFAULT_CLOG_SLOTS).size;
    }

    @Override
    public void initialize(MemorySegment region) {
        initialize(region, 128);
    }

    @Override
    public void initialize(MemorySegment region, int procSlots) {
        new TransamLayout(procSlots, TransamLayout.DEFAULT_CLOG_SLOTS).initialize(region);
    }
}
