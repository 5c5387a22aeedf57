package org.tuskdb.sql.internal;

import java.util.function.Supplier;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.sql.SessionHost;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.api.sql.SqlSession;
import org.tuskdb.sql.internal.catalog.Catalog;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.session.EngineServices;
import org.tuskdb.sql.internal.session.Session;
import org.tuskdb.sql.internal.settings.DefaultSettings;

/**
 * The SQL engine as plain Java: function registry, catalog, and the process services sessions
 * use, given as suppliers so the OSGi component can swap them while sessions run. Tests create
 * it directly.
 */
public final class Engine implements SqlEngine, EngineServices {
    private final FunctionRegistry functions = FunctionRegistry.withBuiltins();
    private final Catalog catalog = Catalog.builtin();
    private final SettingsRegistry fallbackSettings = new DefaultSettings();
    private final Supplier<SettingsRegistry> settings;
    private final Supplier<ProcArray> procArray;

    /**
     * @param settings the settings registry, or a supplier of null for the built-in defaults
     * @param procArray the ProcArray, or a supplier of null when there is no shared memory
     */
    public Engine(Supplier<SettingsRegistry> settings, Supplier<ProcArray> procArray) {
        this.settings = settings;
        this.procArray = procArray;
    }

    /** An engine with built-in settings and no shared memory. */
    public static Engine standalone() {
        return new Engine(() -> null, () -> null);
    }

    @Override
    public SqlSession openSession(SessionStartup startup, SessionHost host) {
        return new Session(this, startup, host);
    }

    @Override public FunctionRegistry functions() { return functions; }
    @Override public Catalog catalog() { return catalog; }

    @Override
    public SettingsRegistry settings() {
        SettingsRegistry r = settings.get();
        return r != null ? r : fallbackSettings;
    }

    @Override
    public ProcArray procArray() {
        return procArray.get();
    }
}
