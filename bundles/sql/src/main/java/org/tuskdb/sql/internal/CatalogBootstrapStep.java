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

    @Override public int order() { return 200; }
    @Override public String name() { return "catalog bootstrap"; }

    @Override
    public void run() {
        if (CatalogBootstrap.run(heap, transactions, storage)) {
            LOG.info("created or upgraded the system catalogs");
        }
    }
}
