package org.tuskdb.sql.internal.async;

import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.RegionDeclaration;

/** The "notify" region, declared in the postmaster: the NOTIFY queue ({@link NotifyQueue}). */
@Component(service = RegionDeclaration.class)
public final class NotifyRegion implements RegionDeclaration {
    public static final String NAME = "notify";

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Override public String regionName() { return NAME; }
    @Override public long regionSize() { return NotifyQueue.regionSize(0); }
    @Override public long regionSize(int procSlots) { return NotifyQueue.regionSize(procSlots); }
    @Override public void initialize(MemorySegment region) { NotifyQueue.initialize(region); }
}
