package org.tuskdb.bufferpool.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.RegionDeclaration;

/**
 * Declares the "bufferpool" region to the postmaster: shared_buffers pages (16384 when no
 * settings service is present) with their descriptors, mapping table and relation-size table.
 */
@Component(service = RegionDeclaration.class)
public final class BufferPoolRegion implements RegionDeclaration {
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SettingsRegistry settings;

    /** Fixed between regionSize and initialize of one segment creation. */
    private volatile int sizedBuffers = -1;

    @Override
    public String regionName() {
        return BufferPoolLayout.REGION_NAME;
    }

    @Override
    public long regionSize() {
        return regionSize(1);
    }

    @Override
    public long regionSize(int procSlots) {
        sizedBuffers = sharedBuffers();
        return SharedBuffers.regionSize(sizedBuffers, procSlots);
    }

    @Override
    public void initialize(MemorySegment region, int procSlots) {
        int n = sizedBuffers > 0 ? sizedBuffers : sharedBuffers();
        SharedBuffers.initialize(region, n, procSlots);
    }

    private int sharedBuffers() {
        SettingsRegistry registry = settings;
        if (registry != null) {
            try {
                return (int) Math.max(16, Math.min(1 << 30, registry.intValue("shared_buffers")));
            } catch (RuntimeException e) {
                // fall through to the default
            }
        }
        return BufferPoolLayout.DEFAULT_BUFFERS;
    }
}
