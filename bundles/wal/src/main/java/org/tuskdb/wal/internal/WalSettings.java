package org.tuskdb.wal.internal;

import java.util.function.Supplier;

import org.tuskdb.api.SettingsRegistry;

/**
 * The settings the WAL reads, in their base units, with PostgreSQL's defaults when no
 * SettingsRegistry is there (unit tests) or a value cannot be read.
 */
record WalSettings(boolean fsync, SyncMethod syncMethod, boolean fullPageWrites, int walBuffers,
                   long walWriterDelayMillis, long walWriterFlushAfterPages, long commitDelayMicros,
                   int commitSiblings, long checkpointTimeoutSeconds, long maxWalSizeMb, long minWalSizeMb) {

    static final WalSettings DEFAULT = new WalSettings(true, SyncMethod.FDATASYNC, true, 512, 200, 128, 0, 5,
            300, 1024, 80);

    enum SyncMethod {
        FSYNC, FDATASYNC, OPEN_SYNC, OPEN_DATASYNC;

        static SyncMethod parse(String text) {
            return switch (text == null ? "" : text) {
                case "fsync" -> FSYNC;
                case "open_sync" -> OPEN_SYNC;
                case "open_datasync" -> OPEN_DATASYNC;
                default -> FDATASYNC;
            };
        }
    }

    WalSettings withFsync(boolean on) {
        return new WalSettings(on, syncMethod, fullPageWrites, walBuffers, walWriterDelayMillis,
                walWriterFlushAfterPages, commitDelayMicros, commitSiblings, checkpointTimeoutSeconds, maxWalSizeMb,
                minWalSizeMb);
    }

    WalSettings withSizes(long maxMb, long minMb) {
        return new WalSettings(fsync, syncMethod, fullPageWrites, walBuffers, walWriterDelayMillis,
                walWriterFlushAfterPages, commitDelayMicros, commitSiblings, checkpointTimeoutSeconds, maxMb, minMb);
    }

    static WalSettings read(SettingsRegistry s) {
        if (s == null) {
            return DEFAULT;
        }
        WalSettings d = DEFAULT;
        return new WalSettings(
                bool(s, "fsync", d.fsync),
                SyncMethod.parse(text(s, "wal_sync_method")),
                bool(s, "full_page_writes", d.fullPageWrites),
                (int) number(s, "wal_buffers", d.walBuffers),
                number(s, "wal_writer_delay", d.walWriterDelayMillis),
                number(s, "wal_writer_flush_after", d.walWriterFlushAfterPages),
                number(s, "commit_delay", d.commitDelayMicros),
                (int) number(s, "commit_siblings", d.commitSiblings),
                number(s, "checkpoint_timeout", d.checkpointTimeoutSeconds),
                number(s, "max_wal_size", d.maxWalSizeMb),
                number(s, "min_wal_size", d.minWalSizeMb));
    }

    private static String text(SettingsRegistry s, String name) {
        try {
            return s.value(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean bool(SettingsRegistry s, String name, boolean fallback) {
        String v = text(s, name);
        return v == null ? fallback : "on".equals(v) || "true".equals(v);
    }

    private static long number(SettingsRegistry s, String name, long fallback) {
        String v = text(s, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Re-reads the settings at most once a second (a reload takes effect within a second). */
    static final class Cache implements Supplier<WalSettings> {
        private final Supplier<SettingsRegistry> registry;
        private volatile WalSettings current;
        private volatile long readAt;

        Cache(Supplier<SettingsRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public WalSettings get() {
            WalSettings c = current;
            long now = System.nanoTime();
            if (c == null || now - readAt > 1_000_000_000L) {
                c = read(registry.get());
                current = c;
                readAt = now;
            }
            return c;
        }
    }
}
