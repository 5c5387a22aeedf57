package org.tuskdb.sql.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.server.StartupStep;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.sql.internal.catalog.CatalogBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Startup step 200, after WAL recovery (100): creates the bootstrap catalogs on a fresh data
 * directory, or upgrades an older build's (catalogs it lacked, rows whose meaning changed). Active
 * only in the startup process, where it needs the heap, the transaction manager and relation
 * storage.
 *
 * <p>As initdb: the catalogs are bootstrapped in template1 ({@code base/1}), then template0
 * ({@code base/4}) and postgres ({@code base/5}) are file copies of it (WAL-logged, after its
 * buffers are written). A data directory that has postgres's catalogs already (an older build's,
 * or a finished init) is upgraded in place, in postgres only; one that lacks base/5 (a fresh one,
 * or an init that crashed before the copies) is bootstrapped (idempotently) and copied again.
 */
@Component(service = StartupStep.class)
public final class CatalogBootstrapStep implements StartupStep {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBootstrapStep.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=startup)")
    private ProcessContext process;

    @Reference
    private HeapAccess heap;

    @Reference
    private TransactionManager transactions;

    @Reference
    private RelationStorage storage;

    @Reference
    private org.tuskdb.api.storage.BufferPool buffers;

    @Override public int order() { return 200; }
    @Override public String name() { return "catalog bootstrap"; }

    @Override
    public void run() {
        org.tuskdb.api.storage.RelFileLocator postgresClass = org.tuskdb.sql.internal.catalog.CatalogTables.PG_CLASS.locator();
        if (storage.exists(postgresClass, org.tuskdb.api.storage.ForkNumber.MAIN)) {
            if (CatalogBootstrap.run(heap, transactions, storage)) {
                LOG.info("upgraded the system catalogs");
            }
            return;
        }
        int template1 = org.tuskdb.sql.internal.catalog.CatalogTables.TEMPLATE1_OID;
        CatalogBootstrap.run(org.tuskdb.sql.internal.session.DatabaseServices.heapIn(heap, template1), transactions,
            org.tuskdb.sql.internal.session.DatabaseServices.storageIn(storage, template1));
        // the copies read template1's files: its pages must be on disk first (as CREATE DATABASE's checkpoint)
        buffers.flushAll();
        storage.copyDatabase(template1, org.tuskdb.sql.internal.catalog.CatalogTables.TEMPLATE0_OID, true);
        storage.copyDatabase(template1, org.tuskdb.sql.internal.catalog.CatalogTables.DB_OID, true);
        LOG.info("created the system catalogs and the databases template1, template0 and postgres");
    }
}
