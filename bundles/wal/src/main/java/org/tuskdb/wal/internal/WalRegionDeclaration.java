package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.RegionDeclaration;

/** Declares region "wal" in the postmaster: the control words, insertion slots and wal_buffers x 8 KiB. */
@Component(service = RegionDeclaration.class)
public final class WalRegionDeclaration implements RegionDeclaration {
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private SettingsRegistry settings;

    @Override
    public String regionName() {
        return WalRegion.NAME;
    }

    @Override
    public long regionSize() {
        return WalRegion.size(WalSettings.read(settings).walBuffers());
    }

    @Override
    public void initialize(MemorySegment region) {
        int pages = (int) ((region.byteSize() - WalRegion.RING_OFFSET) / WalRegion.PAGE);
        WalRegion.initialize(region, pages);
    }
}
