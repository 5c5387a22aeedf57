package org.tuskdb.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tuskdb.api.SettingDefinition;

/**
 * Every setting Tusk knows, with PostgreSQL's name, type, base unit, context, category and
 * built-in (boot) value where PostgreSQL has the setting, and Tusk's own settings beside them.
 * Immutable: one catalog is built per registry instance, never shared mutable state.
 */
final class SettingsCatalog {
    private static final String INT_MAX = Integer.toString(Integer.MAX_VALUE);

    private static final String CONNECTION = "Connections and Authentication / Connection Settings";
    private static final String AUTHENTICATION = "Connections and Authentication / Authentication";
    private static final String POOL = "Connections and Authentication / Backend Pool";
    private static final String MEMORY = "Resource Usage / Memory";
    private static final String BGWRITER = "Resource Usage / Background Writer";
    private static final String WAL_SETTINGS = "Write-Ahead Log / Settings";
    private static final String WAL_CHECKPOINTS = "Write-Ahead Log / Checkpoints";
    private static final String LOCKS = "Lock Management";
    private static final String WHERE_TO_LOG = "Reporting and Logging / Where to Log";
    private static final String WHEN_TO_LOG = "Reporting and Logging / When to Log";
    private static final String WHAT_TO_LOG = "Reporting and Logging / What to Log";
    private static final String STATEMENT = "Client Connection Defaults / Statement Behavior";
    private static final String LOCALE = "Client Connection Defaults / Locale and Formatting";
    private static final String COMPATIBILITY = "Version and Platform Compatibility / Previous PostgreSQL Versions";
    private static final String ERROR_HANDLING = "Error Handling";
    private static final String PRESET = "Preset Options";
    private static final String FILE_LOCATIONS = "File Locations";
    private static final String UNGROUPED = "Ungrouped";
    private static final String PLANNER_COST = "Query Tuning / Planner Cost Constants";
    static final String DOUBLE_MAX = "1.79769e+308";

    private static final List<String> SERVER_LEVELS = List.of("debug5", "debug4", "debug3", "debug2",
            "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic");
    private static final List<String> CLIENT_LEVELS = List.of("debug5", "debug4", "debug3", "debug2",
            "debug1", "log", "notice", "warning", "error");
    private static final List<String> ISOLATION_LEVELS = List.of("serializable", "repeatable read",
            "read committed", "read uncommitted");

    private final Map<String, Setting> byLowerName;
    private final List<Setting> sorted;
    private final List<Setting> inDefinitionOrder;

    /** @param dataDirectory the boot value of data_directory (it is fixed by how the server started) */
    SettingsCatalog(String dataDirectory) {
        List<Setting> all = new ArrayList<>();
        // Connections and authentication
        all.add(integer("port", "5432", null, "postmaster", CONNECTION,
                "Sets the TCP port the server listens on.", "1", "65535"));
        all.add(string("listen_addresses", "localhost", "postmaster", CONNECTION,
                "Sets the host name or IP address(es) to listen to."));
        all.add(string("unix_socket_directories", "/tmp", "postmaster", CONNECTION,
                "Sets the directories where Unix-domain sockets will be created."));
        all.add(integer("max_connections", "100", null, "postmaster", CONNECTION,
                "Sets the maximum number of concurrent connections.", "1", "262143"));
        all.add(integer("authentication_timeout", "60", "s", "sighup", AUTHENTICATION,
                "Sets the maximum allowed time to complete client authentication.", "1", "600"));
        all.add(enumeration("password_encryption", "scram-sha-256", "user", AUTHENTICATION,
                "Chooses the algorithm for encrypting passwords.", List.of("md5", "scram-sha-256")));
        all.add(integer("backend_pool_min_idle", "2", null, "sighup", POOL,
                "Sets the number of idle pre-started backends the postmaster keeps ready.", "0", "1000"));
        all.add(integer("backend_pool_max_idle", "8", null, "sighup", POOL,
                "Sets the maximum number of idle pre-started backends.", "0", "1000"));
        all.add(integer("backend_heap_size", "512", "MB", "sighup", POOL,
                "Sets the maximum Java heap of a backend process started from now on (work_mem is capped at a quarter of it).",
                "32", "1048576"));
        all.add(integer("backend_max_sessions", "100000", null, "sighup", POOL,
                "Sets the number of sessions one backend serves before it exits.", "1", INT_MAX));
        all.add(integer("backend_warmup_iterations", "1500", null, "sighup", POOL,
                "Sets the number of warm-up round trips a new backend runs against itself until its first client comes.",
                "0", INT_MAX));
        // Resources
        all.add(integer("shared_buffers", "16384", "8kB", "postmaster", MEMORY,
                "Sets the number of shared memory buffers used by the server.", "16", "1073741823"));
        all.add(integer("work_mem", "4096", "kB", "user", MEMORY,
                "Sets the maximum memory to be used for query workspaces.", "64", INT_MAX));
        // fixed at 0 (two-phase commit is not built): PREPARE TRANSACTION fails as PostgreSQL's default does
        all.add(integer("max_prepared_transactions", "0", null, "postmaster", MEMORY,
                "Sets the maximum number of simultaneously prepared transactions.", "0", "0"));
        all.add(integer("max_stack_depth", "2048", "kB", "superuser", MEMORY,
                "Sets the maximum stack depth, in kilobytes.", "100", INT_MAX));
        all.add(integer("max_locks_per_transaction", "64", null, "postmaster", LOCKS,
                "Sets the maximum number of locks per transaction.", "10", INT_MAX));
        all.add(integer("deadlock_timeout", "1000", "ms", "superuser", LOCKS,
                "Sets the time to wait on a lock before checking for deadlock.", "1", INT_MAX));
        // Background writer
        all.add(integer("bgwriter_delay", "200", "ms", "sighup", BGWRITER,
                "Background writer sleep time between rounds.", "10", "10000"));
        all.add(integer("bgwriter_lru_maxpages", "100", null, "sighup", BGWRITER,
                "Background writer maximum number of LRU pages to flush per round.", "0", "1073741823"));
        all.add(real("bgwriter_lru_multiplier", "2", "sighup", BGWRITER,
                "Multiple of the average buffer usage to free per round.", "0", "10"));
        // Query tuning: the planner's cost constants (sql bundle's CostModel)
        all.add(real("seq_page_cost", "1", "user", PLANNER_COST,
                "Sets the planner's estimate of the cost of a sequentially fetched disk page.", "0", DOUBLE_MAX));
        all.add(real("random_page_cost", "4", "user", PLANNER_COST,
                "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.", "0", DOUBLE_MAX));
        all.add(real("cpu_tuple_cost", "0.01", "user", PLANNER_COST,
                "Sets the planner's estimate of the cost of processing each tuple (row).", "0", DOUBLE_MAX));
        all.add(real("cpu_index_tuple_cost", "0.005", "user", PLANNER_COST,
                "Sets the planner's estimate of the cost of processing each index entry during an index scan.", "0",
                DOUBLE_MAX));
        all.add(real("cpu_operator_cost", "0.0025", "user", PLANNER_COST,
                "Sets the planner's estimate of the cost of processing each operator or function call.", "0",
                DOUBLE_MAX));
        all.add(enumeration("plan_cache_mode", "auto", "user", "Query Tuning / Other Planner Options",
                "Controls the planner's selection of custom or generic plan.",
                List.of("auto", "force_generic_plan", "force_custom_plan")));
        PlannerMethodSettings.addTo(all);
        // Write-ahead log
        all.add(bool("fsync", "on", "sighup", WAL_SETTINGS,
                "Forces synchronization of updates to disk."));
        all.add(enumeration("synchronous_commit", "on", "user", WAL_SETTINGS,
                "Sets the current transaction's synchronization level.",
                List.of("local", "remote_write", "remote_apply", "on", "off")));
        all.add(enumeration("wal_sync_method", "fdatasync", "sighup", WAL_SETTINGS,
                "Selects the method used for forcing WAL updates to disk.",
                List.of("fsync", "fdatasync", "open_sync", "open_datasync")));
        all.add(bool("full_page_writes", "on", "sighup", WAL_SETTINGS,
                "Writes full pages to WAL when first modified after a checkpoint."));
        all.add(integer("wal_buffers", "512", "8kB", "postmaster", WAL_SETTINGS,
                "Sets the number of disk-page buffers in shared memory for WAL.", "16", "262143"));
        all.add(integer("wal_writer_delay", "200", "ms", "sighup", WAL_SETTINGS,
                "Time between WAL flushes performed in the WAL writer.", "1", "10000"));
        all.add(integer("wal_writer_flush_after", "128", "8kB", "sighup", WAL_SETTINGS,
                "Amount of WAL written out by WAL writer that triggers a flush.", "0", INT_MAX));
        all.add(integer("commit_delay", "0", null, "superuser", WAL_SETTINGS,
                "Sets the delay in microseconds between transaction commit and flushing WAL to disk.", "0", "100000"));
        all.add(integer("commit_siblings", "5", null, "user", WAL_SETTINGS,
                "Sets the minimum number of concurrent open transactions required before performing commit_delay.",
                "0", "1000"));
        all.add(integer("checkpoint_timeout", "300", "s", "sighup", WAL_CHECKPOINTS,
                "Sets the maximum time between automatic WAL checkpoints.", "30", "86400"));
        all.add(integer("max_wal_size", "1024", "MB", "sighup", WAL_CHECKPOINTS,
                "Sets the WAL size that triggers a checkpoint.", "2", INT_MAX));
        all.add(integer("min_wal_size", "80", "MB", "sighup", WAL_CHECKPOINTS,
                "Sets the minimum size to shrink the WAL to.", "2", INT_MAX));
        all.add(real("checkpoint_completion_target", "0.9", "sighup", WAL_CHECKPOINTS,
                "Time spent flushing dirty buffers during checkpoint, as fraction of checkpoint interval.", "0", "1"));
        // Error handling
        all.add(bool("restart_after_crash", "on", "sighup", ERROR_HANDLING,
                "Reinitialize server after backend crash."));
        // Logging
        all.add(integer("log_rotation_age", "1440", "min", "sighup", WHERE_TO_LOG,
                "Sets the amount of time to wait before forcing log file rotation.", "0", "35791394"));
        all.add(integer("log_rotation_size", "10240", "kB", "sighup", WHERE_TO_LOG,
                "Sets the maximum size a log file can reach before being rotated.", "0", "2097151"));
        all.add(enumeration("log_min_messages", "warning", "superuser", WHEN_TO_LOG,
                "Sets the message levels that are logged.", SERVER_LEVELS));
        all.add(reported(string("application_name", "", "user", WHAT_TO_LOG,
                "Sets the application name to be reported in statistics and logs.")));
        // Client connection defaults
        all.add(enumeration("client_min_messages", "notice", "user", STATEMENT,
                "Sets the message levels that are sent to the client.", CLIENT_LEVELS));
        all.add(string("search_path", "\"$user\", public", "user", STATEMENT,
                "Sets the schema search order for names that are not schema-qualified."));
        all.add(integer("statement_timeout", "0", "ms", "user", STATEMENT,
                "Sets the maximum allowed duration of any statement.", "0", INT_MAX));
        all.add(integer("lock_timeout", "0", "ms", "user", STATEMENT,
                "Sets the maximum allowed duration of any wait for a lock.", "0", INT_MAX));
        all.add(integer("idle_in_transaction_session_timeout", "0", "ms", "user", STATEMENT,
                "Sets the maximum allowed idle time between queries, when in a transaction.", "0", INT_MAX));
        all.add(integer("idle_session_timeout", "0", "ms", "user", STATEMENT,
                "Sets the maximum allowed idle time between queries, when not in a transaction.", "0", INT_MAX));
        all.add(bool("row_security", "on", "user", STATEMENT, "Enable row security."));
        all.add(bool("check_function_bodies", "on", "user", STATEMENT,
                "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE."));
        all.add(enumeration("xmloption", "content", "user", STATEMENT, "Sets whether XML data in implicit parsing "
                + "and serialization operations is to be considered as documents or content fragments.",
                List.of("content", "document")));
        all.add(string("default_tablespace", "", "user", STATEMENT,
                "Sets the default tablespace to create tables and indexes in."));
        all.add(checked(string("default_table_access_method", "heap", "user", STATEMENT,
                "Sets the default table access method for new tables."), StringChecks::tableAccessMethod));
        all.add(enumeration("default_transaction_isolation", "read committed", "user", STATEMENT,
                "Sets the transaction isolation level of each new transaction.", ISOLATION_LEVELS));
        all.add(notInSample(enumeration("transaction_isolation", "read committed", "user", STATEMENT,
                "Sets the current transaction's isolation level.", ISOLATION_LEVELS)));
        all.add(bool("default_transaction_read_only", "off", "user", STATEMENT,
                "Sets the default read-only status of new transactions."));
        all.add(notInSample(bool("transaction_read_only", "off", "user", STATEMENT,
                "Sets the current transaction's read-only status.")));
        all.add(bool("default_transaction_deferrable", "off", "user", STATEMENT,
                "Sets the default deferrable status of new transactions."));
        all.add(enumeration("bytea_output", "hex", "user", STATEMENT,
                "Sets the output format for bytea.", List.of("escape", "hex")));
        all.add(reported(checked(string("client_encoding", "UTF8", "user", LOCALE,
                "Sets the client's character set encoding."), StringChecks::encoding)));
        all.add(reported(checked(string("DateStyle", "ISO, MDY", "user", LOCALE,
                "Sets the display format for date and time values."), StringChecks::dateStyle)));
        all.add(reported(enumeration("IntervalStyle", "postgres", "user", LOCALE,
                "Sets the display format for interval values.",
                List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601"))));
        all.add(reported(checked(string("TimeZone", "UTC", "user", LOCALE,
                "Sets the time zone for displaying and interpreting time stamps."), StringChecks::timeZone)));
        all.add(checked(string("default_text_search_config", "pg_catalog.english", "user", LOCALE,
                "Sets default text search configuration."), StringChecks::textSearchConfig));
        all.add(integer("extra_float_digits", "1", null, "user", LOCALE,
                "Sets the number of digits displayed for floating-point values.", "-15", "3"));
        all.add(reported(bool("standard_conforming_strings", "on", "user", COMPATIBILITY,
                "Causes '...' strings to treat backslashes literally.")));
        all.add(bool("synchronize_seqscans", "on", "user", COMPATIBILITY, "Enable synchronized sequential scans."));
        // Fixed by how the server was built or started
        all.add(reported(bool("integer_datetimes", "on", "internal", PRESET,
                "Shows whether datetimes are integer based.")));
        all.add(reported(string("server_version", "15.0", "internal", PRESET,
                "Shows the server version.")));
        all.add(integer("server_version_num", "150000", null, "internal", PRESET,
                "Shows the server version as an integer.", "150000", "150000"));
        all.add(reported(string("server_encoding", "UTF8", "internal", PRESET,
                "Shows the server (database) character set encoding.")));
        all.add(integer("max_identifier_length", "63", null, "internal", PRESET,
                "Shows the maximum identifier length.", "63", "63"));
        all.add(integer("max_index_keys", "32", null, "internal", PRESET,
                "Shows the maximum number of index keys.", "32", "32"));
        all.add(integer("max_function_args", "100", null, "internal", PRESET,
                "Shows the maximum number of function arguments.", "100", "100"));
        all.add(integer("wal_segment_size", "16777216", "B", "internal", PRESET,
                "Shows the size of write ahead log segments.", "1048576", "1073741824"));
        all.add(bool("data_checksums", "on", "internal", PRESET,
                "Shows whether data checksums are turned on for this cluster."));
        all.add(integer("block_size", "8192", null, "internal", PRESET,
                "Shows the size of a disk block.", "8192", "8192"));
        all.add(reported(bool("in_hot_standby", "off", "internal", PRESET,
                "Shows whether hot standby is currently active.")));
        all.add(notInSample(string("data_directory", dataDirectory, "postmaster", FILE_LOCATIONS,
                "Sets the server's data directory.")));
        // Per session, set by the session itself
        all.add(reported(bool("is_superuser", "off", "internal", UNGROUPED,
                "Shows whether the current user is a superuser.")));
        all.add(notInSample(string("role", "none", "user", UNGROUPED, "Sets the current role.")));
        all.add(notInSample(reported(string("session_authorization", "", "superuser", UNGROUPED,
                "Sets the session user name."))));

        Map<String, Setting> map = new TreeMap<>();
        for (Setting s : all) {
            if (map.put(s.name().toLowerCase(Locale.ROOT), s) != null) {
                throw new IllegalStateException("setting defined twice: " + s.name());
            }
        }
        // Looked up by name several times per statement (the session's settings reads): a hash
        // map, not the TreeMap's string comparisons (5% of a backend's CPU at 8 clients).
        this.byLowerName = Map.copyOf(map);
        // pg_settings order: by name, ignoring case (the TreeMap's lower-case keys give exactly that).
        this.sorted = List.copyOf(map.values());
        this.inDefinitionOrder = List.copyOf(all);
    }

    /** Every setting grouped as defined here (by subsystem), the order of the sample file. */
    List<Setting> inDefinitionOrder() {
        return inDefinitionOrder;
    }

    /** Every setting, sorted by name without regard to case. */
    List<Setting> all() {
        return sorted;
    }

    /** The setting of that name (any case), or null. */
    Setting find(String name) {
        return name == null ? null : byLowerName.get(name.toLowerCase(Locale.ROOT));
    }

    private static Setting integer(String name, String boot, String unit, String context, String category,
                                   String desc, String min, String max) {
        return plain(new SettingDefinition(name, "integer", boot, unit, context, category, desc, min, max, List.of()));
    }

    static Setting real(String name, String boot, String context, String category, String desc,
                                String min, String max) {
        return plain(new SettingDefinition(name, "real", boot, null, context, category, desc, min, max, List.of()));
    }

    static Setting bool(String name, String boot, String context, String category, String desc) {
        return plain(new SettingDefinition(name, "bool", boot, null, context, category, desc, null, null, List.of()));
    }

    private static Setting string(String name, String boot, String context, String category, String desc) {
        return plain(new SettingDefinition(name, "string", boot, null, context, category, desc, null, null, List.of()));
    }

    private static Setting enumeration(String name, String boot, String context, String category, String desc,
                                       List<String> values) {
        return plain(new SettingDefinition(name, "enum", boot, null, context, category, desc, null, null, values));
    }

    private static Setting plain(SettingDefinition d) {
        // Internal settings cannot be set in the file, so the sample never lists them.
        return new Setting(d, false, !d.context().equals("internal"), null);
    }

    private static Setting reported(Setting s) {
        return new Setting(s.definition(), true, s.inSample(), s.check());
    }

    private static Setting notInSample(Setting s) {
        return new Setting(s.definition(), s.reported(), false, s.check());
    }

    private static Setting checked(Setting s, Setting.StringCheck check) {
        return new Setting(s.definition(), s.reported(), s.inSample(), check);
    }
}
