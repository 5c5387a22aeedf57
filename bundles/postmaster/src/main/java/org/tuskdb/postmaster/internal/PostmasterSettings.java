package org.tuskdb.postmaster.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;

/**
 * The settings the postmaster acts on, read at start and again on SIGHUP. A setting the
 * registry does not know (yet) falls back to PostgreSQL's default, so the postmaster works with
 * whatever settings bundle is installed.
 */
record PostmasterSettings(int port, String listenAddresses, List<Path> unixSocketDirectories,
                          int maxConnections, long authenticationTimeoutMillis, boolean restartAfterCrash,
                          int poolMinIdle, int poolMaxIdle, int backendHeapMegabytes) {

    static PostmasterSettings read(SettingsRegistry registry) {
        String directories = text(registry, "unix_socket_directories", "/tmp");
        List<Path> socketDirectories = new ArrayList<>();
        for (String item : directories.split(",")) {
            String dir = item.strip();
            if (!dir.isEmpty()) {
                socketDirectories.add(Path.of(dir));
            }
        }
        return new PostmasterSettings(
                (int) integer(registry, "port", 5432),
                text(registry, "listen_addresses", "localhost"),
                List.copyOf(socketDirectories),
                (int) integer(registry, "max_connections", 100),
                millis(registry, "authentication_timeout", 60_000),
                "on".equals(text(registry, "restart_after_crash", "on")),
                (int) integer(registry, "backend_pool_min_idle", 2),
                (int) integer(registry, "backend_pool_max_idle", 8),
                (int) integer(registry, "backend_heap_size", 512));
    }

    private static String text(SettingsRegistry registry, String name, String fallback) {
        if (registry.find(name) == null) {
            return fallback;
        }
        String value = registry.value(name);
        return value == null ? fallback : value;
    }

    private static long integer(SettingsRegistry registry, String name, long fallback) {
        try {
            return Long.parseLong(text(registry, name, Long.toString(fallback)).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A time setting in milliseconds, whatever its base unit. */
    private static long millis(SettingsRegistry registry, String name, long fallbackMillis) {
        SettingDefinition definition = registry.find(name);
        if (definition == null) {
            return fallbackMillis;
        }
        long value = integer(registry, name, -1);
        if (value < 0) {
            return fallbackMillis;
        }
        String unit = definition.unit() == null ? "ms" : definition.unit();
        return switch (unit) {
            case "s" -> value * 1000;
            case "min" -> value * 60_000;
            case "h" -> value * 3_600_000;
            case "d" -> value * 86_400_000;
            default -> value;
        };
    }
}
