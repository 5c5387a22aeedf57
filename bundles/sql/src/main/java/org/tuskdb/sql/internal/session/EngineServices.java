package org.tuskdb.sql.internal.session;

import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.catalog.CatalogCounter;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.storage.StorageServices;

/**
 * What sessions share: the engine's registries and the services of the process. The storage
 * services ({@link StorageServices}) are each null when not registered.
 */
public interface EngineServices extends StorageServices {
    FunctionRegistry functions();

    Catalog catalog();

    /** The settings registry (the built-in defaults when no service is present). */
    SettingsRegistry settings();

    /** The ProcArray, or null when the engine runs without shared memory. */
    ProcArray procArray();

    /** The catalog invalidation counter (shared memory's "catalog" region when there is one). */
    CatalogCounter catalogCounter();

    /**
     * True for the first caller in this process only: whoever gets it sweeps the temporary
     * schemas of backends that are gone (see DdlExecutor.dropOrphanTemporarySchemas).
     */
    default boolean claimOrphanTemporarySweep() {
        return false;
    }

    /**
     * The NOTIFY queue sessions of this process share: the segment's "notify" region, or one in
     * this JVM for an engine without shared memory; null when the segment lacks the region.
     */
    default org.tuskdb.sql.internal.async.NotifyQueue notifyQueue() {
        return null;
    }

    /** The listener slot of a new session in the NOTIFY queue: the process's ProcArray slot. */
    default int notifySlot() {
        return 0;
    }
}
