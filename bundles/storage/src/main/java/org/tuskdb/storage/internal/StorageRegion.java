package org.tuskdb.storage.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.RegionDeclaration;

/** Declares the "storage" region (the pending-fsync set) to the postmaster, which creates it. */
@Component(service = RegionDeclaration.class)
public final class StorageRegion implements RegionDeclaration {
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    ProcessContext process;

    @Override
    public String regionName() {
        return PendingSyncLayout.REGION_NAME;
    }

    @Override
    public long regionSize() {
        return PendingSyncLayout.regionSize(PendingSyncLayout.DEFAULT_CAPACITY);
    }

    @Override
    public void initialize(MemorySegment region) {
        PendingSyncs.initialize(region, PendingSyncLayout.DEFAULT_CAPACITY);
    }
}
