package org.tuskdb.sql.internal.settings;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.SqlState;

/**
 * The settings the engine needs, with PostgreSQL's defaults, behind the SettingsRegistry
 * interface: used when no SettingsRegistry service is present (unit tests, an engine started
 * alone). The settings bundle's registry, which reads tusk.conf, replaces it in a server.
 */
public final class DefaultSettings implements SettingsRegistry {
    private final Map<String, SettingDefinition> definitions = new TreeMap<>();

    public DefaultSettings() {
        List<String> levels = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
            "error", "log", "fatal", "panic");
        List<String> isolation = List.of("serializable", "repeatable read", "read committed", "read uncommitted");
        def("port", "integer", "5432", null, "postmaster", "TCP port the server listens on.", "1", "65535");
        def("listen_addresses", "string", "localhost", null, "postmaster", "Host names or addresses to listen on.", null, null);
        def("unix_socket_directories", "string", "/tmp", null, "postmaster", "Directories for Unix-domain sockets.", null, null);
        def("max_connections", "integer", "100", null, "postmaster", "Maximum number of concurrent connections.", "1", "262143");
        def("authentication_timeout", "integer", "60", "s", "sighup", "Maximum time to complete client authentication.", "1", "600");
        def("restart_after_crash", "bool", "on", null, "sighup", "Reinitialize server after backend crash.", null, null);
        def("log_rotation_age", "integer", "1440", "min", "sighup", "Automatic log file rotation after N minutes.", "0", "35791394");
        def("log_rotation_size", "integer", "10240", "kB", "sighup", "Automatic log file rotation after N kilobytes.", "0", "2097151");
        enumDef("log_min_messages", "warning", "superuser", "Sets the message levels that are logged.", levels);
        enumDef("client_min_messages", "notice", "user", "Sets the message levels that are sent to the client.", levels);
        def("application_name", "string", "", null, "user", "Sets the application name.", null, null);
        def("client_encoding", "string", "UTF8", null, "user", "Sets the client's character set encoding.", null, null);
        def("datestyle", "string", "ISO, MDY", null, "user", "Sets the display format for date and time values.", null, null);
        def("timezone", "string", "UTC", null, "user", "Sets the time zone for displaying and interpreting time stamps.", null, null);
        enumDef("intervalstyle", "postgres", "user", "Sets the display format for interval values.",
            List.of("postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        def("extra_float_digits", "integer", "1", null, "user", "Sets the number of digits displayed for floating-point values.", "-15", "3");
        def("search_path", "string", "\"$user\", public", null, "user", "Sets the schema search order for names that are not schema-qualified.", null, null);
        def("statement_timeout", "integer", "0", "ms", "user", "Sets the maximum allowed duration of any statement.", "0", "2147483647");
        def("lock_timeout", "integer", "0", "ms", "user", "Sets the maximum allowed duration of any wait for a lock.", "0", "2147483647");
        def("idle_in_transaction_session_timeout", "integer", "0", "ms", "user", "Sets the maximum allowed idle time between queries, when in a transaction.", "0", "2147483647");
        def("idle_session_timeout", "integer", "0", "ms", "user", "Sets the maximum allowed idle time between queries, when not in a transaction.", "0", "2147483647");
        def("standard_conforming_strings", "bool", "on", null, "user", "Causes '...' strings to treat backslashes literally.", null, null);
        def("integer_datetimes", "bool", "on", null, "internal", "Shows whether datetimes are integer based.", null, null);
        def("server_version", "string", "15.0", null, "internal", "Shows the server version.", null, null);
        def("server_version_num", "integer", "150000", null, "internal", "Shows the server version as an integer.", null, null);
        def("server_encoding", "string", "UTF8", null, "internal", "Shows the server (database) character set encoding.", null, null);
        def("data_directory", "string", "", null, "postmaster", "Sets the server's data directory.", null, null);
        def("is_superuser", "bool", "on", null, "internal", "Shows whether the current user is a superuser.", null, null);
        def("session_authorization", "string", "", null, "superuser", "Sets the session user name.", null, null);
        def("role", "string", "none", null, "user", "Sets the current role.", null, null);
        enumDef("default_transaction_isolation", "read committed", "user", "Sets the transaction isolation level of each new transaction.", isolation);
        enumDef("transaction_isolation", "read committed", "user", "Sets the current transaction's isolation level.", isolation);
        def("default_transaction_read_only", "bool", "off", null, "user", "Sets the default read-only status of new transactions.", null, null);
        def("transaction_read_only", "bool", "off", null, "user", "Sets the current transaction's read-only status.", null, null);
        def("in_hot_standby", "bool", "off", null, "internal", "Shows whether hot standby is currently active.", null, null);
        def("seq_page_cost", "real", "1", null, "user", "Sets the planner's estimate of the cost of a sequentially fetched disk page.", "0", null);
        def("random_page_cost", "real", "4", null, "user", "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.", "0", null);
        def("cpu_tuple_cost", "real", "0.01", null, "user", "Sets the planner's estimate of the cost of processing each tuple (row).", "0", null);
        def("cpu_index_tuple_cost", "real", "0.005", null, "user", "Sets the planner's estimate of the cost of processing each index entry during an index scan.", "0", null);
        enumDef("password_encryption", "scram-sha-256", "user", "Chooses the algorithm for encrypting passwords.",
            List.of("md5", "scram-sha-256"));
        enumDef("plan_cache_mode", "auto", "user", "Controls the planner's selection of custom or generic plan.",
            List.of("auto", "force_generic_plan", "force_custom_plan"));
        def("cpu_operator_cost", "real", "0.0025", null, "user", "Sets the planner's estimate of the cost of processing each operator or function call.", "0", null);
        def("work_mem", "integer", "4096", "kB", "user", "Sets the maximum memory to be used for query workspaces.", "64", "2147483647");
        def("shared_buffers", "integer", "16384", "8kB", "postmaster", "Sets the number of shared memory buffers used by the server.", "16", "1073741823");
        def("max_stack_depth", "integer", "2048", "kB", "superuser", "Sets the maximum stack depth, in kilobytes.", "100", "2147483647");
        def("default_text_search_config", "string", "pg_catalog.english", null, "user", "Sets default text search configuration.", null, null);
        // the planner's method switches (plan/PlannerMethods reads them); descriptions in the settings bundle
        for (String m : org.tuskdb.sql.internal.plan.PlannerMethods.SETTINGS) {
            def(m, "bool", m.startsWith("enable_partitionwise") ? "off" : "on", null, "user", "Planner method switch.", null, null);
        }
    }

    private void def(String name, String type, String boot, String unit, String context, String desc, String min, String max) {
        definitions.put(name, new SettingDefinition(name, type, boot, unit, context, "Tusk", desc, min, max, List.of()));
    }

    private void enumDef(String name, String boot, String context, String desc, List<String> values) {
        definitions.put(name, new SettingDefinition(name, "enum", boot, null, context, "Tusk", desc, null, null, values));
    }

    @Override
    public Collection<SettingDefinition> definitions() {
        return definitions.values();
    }

    @Override
    public SettingDefinition find(String name) {
        return definitions.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String value(String name) {
        return require(name).bootValue();
    }

    @Override
    public String source(String name) {
        require(name);
        return "default";
    }

    private SettingDefinition require(String name) {
        SettingDefinition d = find(name);
        if (d == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return d;
    }

    @Override
    public String normalize(String name, String value) {
        SettingDefinition d = require(name);
        switch (d.type()) {
            case "bool": {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("t") || v.equals("y")) {
                    return "on";
                }
                if (v.equals("off") || v.equals("false") || v.equals("no") || v.equals("0") || v.equals("f") || v.equals("n")) {
                    return "off";
                }
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "parameter \"" + d.name() + "\" requires a Boolean value");
            }
            case "integer": {
                Double parsed = SettingUnits.parse(value, d.unit());
                if (parsed == null) {
                    DatabaseException e = DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"");
                    throw d.unit() == null ? e : e.withHint(SettingUnits.validUnitsHint(d.unit()));
                }
                long v = Math.round(parsed);
                if ((d.min() != null && v < Long.parseLong(d.min())) || (d.max() != null && v > Long.parseLong(d.max()))) {
                    String unit = d.unit() == null ? "" : " " + d.unit();
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, v + unit
                        + " is outside the valid range for parameter \"" + d.name() + "\" (" + d.min() + " .. " + d.max() + ")");
                }
                return Long.toString(v);
            }
            case "real": {
                try {
                    return Double.toString(Double.parseDouble(value.trim()));
                } catch (NumberFormatException e) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"");
                }
            }
            case "enum": {
                for (String allowed : d.enumValues()) {
                    if (allowed.equalsIgnoreCase(value.trim())) {
                        return allowed;
                    }
                }
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + d.name() + "\": \"" + value + "\"")
                    .withHint("Available values: " + String.join(", ", d.enumValues()) + ".");
            }
            default:
                return value;
        }
    }

    @Override
    public String display(String name, String baseValue) {
        SettingDefinition d = require(name);
        if (d.type().equals("integer") && d.unit() != null) {
            try {
                return SettingUnits.display(Long.parseLong(baseValue), d.unit());
            } catch (NumberFormatException e) {
                return baseValue;
            }
        }
        return baseValue;
    }

    @Override
    public void reload() {
        // nothing to read: built-in defaults only
    }

    @Override
    public long generation() {
        return 0; // the values never change
    }
}
