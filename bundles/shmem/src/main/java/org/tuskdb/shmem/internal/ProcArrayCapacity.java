package org.tuskdb.shmem.internal;

import org.tuskdb.api.SettingsRegistry;

/**
 * How many ProcArray slots the postmaster lays out: every client backend it may run
 * (max_connections), the idle pooled backends beside them (backend_pool_max_idle), and room for
 * the auxiliary roles. Settings are read when the segment is created; without the settings
 * service the defaults apply.
 */
final class ProcArrayCapacity {
    static final int DEFAULT_MAX_CONNECTIONS = 100;
    static final int DEFAULT_POOL_MAX_IDLE = 8;
    static final int AUXILIARY_SLOTS = 16;

    private ProcArrayCapacity() {
    }

    static int of(SettingsRegistry settings) {
        return setting(settings, "max_connections", DEFAULT_MAX_CONNECTIONS)
                + setting(settings, "backend_pool_max_idle", DEFAULT_POOL_MAX_IDLE)
                + AUXILIARY_SLOTS;
    }

    private static int setting(SettingsRegistry settings, String name, int fallback) {
        if (settings == null) {
            return fallback;
        }
        try {
            long value = settings.intValue(name);
            return value >= 0 && value <= 100_000 ? (int) value : fallback;
        } catch (RuntimeException e) {
            return fallback; // unknown setting or not a number: the server still starts
        }
    }
}
