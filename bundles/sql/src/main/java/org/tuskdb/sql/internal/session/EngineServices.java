package org.tuskdb.sql.internal.session;

import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.function.FunctionRegistry;

/** What sessions share: the engine's registries and the services of the process. */
public interface EngineServices {
    FunctionRegistry functions();

    Catalog catalog();

    /** The settings registry (the built-in defaults when no service is present). */
    SettingsRegistry settings();

    /** The ProcArray, or null when the engine runs without shared memory. */
    ProcArray procArray();
}
