package org.tuskdb.sql.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.RegionDeclaration;

/**
 * The "catalog" region, declared in the postmaster: the catalog invalidation counter (a long at
 * offset 0), bumped by a committed DDL transaction, read by every backend at each statement.
 */
@Component(service = RegionDeclaration.class)
public final class CatalogRegion implements RegionDeclaration {
    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;

    @Override public String regionName() { return Engine.CATALOG_REGION; }
    @Override public long regionSize() { return 64; }
}
