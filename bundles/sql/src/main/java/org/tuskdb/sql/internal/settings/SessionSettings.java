package org.tuskdb.sql.internal.settings;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.DateTimeParser;

/**
 * A session's view of the settings (PostgreSQL's GUC stack, reduced to what SET needs): the
 * server-wide value from the registry, overridden by startup parameters (the session's reset
 * values), overridden by SET, overridden by SET LOCAL. Every change inside a transaction is
 * undo-logged so that ROLLBACK, an error, or ROLLBACK TO SAVEPOINT restores the old values;
 * COMMIT keeps SET values and drops SET LOCAL ones. Settings marked GUC_REPORT that change are
 * collected so the session can send ParameterStatus.
 */
public final class SessionSettings {
    /** PostgreSQL's spelling of the mixed-case setting names. */
    private static final Map<String, String> CANONICAL = Map.of("datestyle", "DateStyle", "timezone", "TimeZone",
        "intervalstyle", "IntervalStyle");

    /** GUC_REPORT settings in PostgreSQL 15, in the order a server announces them. */
    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
        "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
        "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

    private record Entry(String sessionValue, String localValue) {
        String effective() {
            return localValue != null ? localValue : sessionValue;
        }
    }

    private record Undo(String key, Entry previous) {}

    private final SettingsRegistry registry;
    private final Map<String, String> resetValues = new HashMap<>();
    private final Map<String, Entry> overrides = new HashMap<>();
    private final List<Undo> undo = new ArrayList<>();
    private final Map<String, String> lastReported = new LinkedHashMap<>();
    /** Bumped on every change, so callers can cache what they derive from settings. */
    private int version;
    /** {@link #value}'s answers by the name asked for, valid for cachedVersion and cachedGeneration. */
    private final Map<String, String> cachedValues = new HashMap<>();
    private int cachedVersion = -1;
    private long cachedGeneration = -1;
    private int reportedVersion = -1;

    public SessionSettings(SettingsRegistry registry) {
        this.registry = registry;
    }

    public int version() {
        return version;
    }

    public SettingsRegistry registry() {
        return registry;
    }

    private SettingDefinition definition(String name) {
        SettingDefinition d = registry.find(name);
        if (d == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return d;
    }

    /** The name as PostgreSQL spells it (SHOW's column name, ParameterStatus); 42704 if unknown. */
    public String canonicalName(String name) {
        String key = definition(name).name().toLowerCase(Locale.ROOT);
        return CANONICAL.getOrDefault(key, definition(name).name());
    }

    private static String key(SettingDefinition d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The effective value in the setting's base unit. A statement reads a handful of settings
     * (timeouts, synchronous_commit, the transaction defaults), each a catalog lookup and two
     * map probes: the answers are kept until this session changes a setting ({@link #version})
     * or the server's values change ({@link SettingsRegistry#generation}).
     */
    public String value(String name) {
        long generation = registry.generation();
        if (generation < 0) {
            return lookUp(name);
        }
        if (generation != cachedGeneration || version != cachedVersion) {
            cachedValues.clear();
            cachedGeneration = generation;
            cachedVersion = version;
        }
        String v = cachedValues.get(name);
        if (v == null) {
            v = lookUp(name);
            cachedValues.put(name, v);
        }
        return v;
    }

    private String lookUp(String name) {
        SettingDefinition d = definition(name);
        String k = key(d);
        Entry e = overrides.get(k);
        if (e != null) {
            return e.effective();
        }
        String reset = resetValues.get(k);
        return reset != null ? reset : registry.value(d.name());
    }

    /**
     * Whether this session has SET the setting to something else than its reset value
     * (pg_settings' source "session"; a RESET or SET DEFAULT counts as not set).
     */
    public boolean setInSession(String name) {
        SettingDefinition d = definition(name);
        Entry e = overrides.get(key(d));
        return e != null && !e.effective().equals(resetValue(d));
    }

    /** The value RESET would restore, in the base unit (pg_settings' reset_val). */
    public String resetValue(String name) {
        return resetValue(definition(name));
    }

    /** The value as SHOW and current_setting() show it. */
    public String show(String name) {
        SettingDefinition d = definition(name);
        return registry.display(d.name(), value(name));
    }

    /** Whether a name is known (current_setting(name, true)). */
    public boolean exists(String name) {
        return registry.find(name) != null;
    }

    /** A startup parameter: checked like SET, then the session's value to RESET to. */
    public void applyStartup(String name, String value) {
        SettingDefinition d = definition(name);
        if (d.context().equals("postmaster") || d.context().equals("internal")) {
            checkContext(d);
        }
        resetValues.put(key(d), normalize(d, value));
        version++;
    }

    /** Sets a value the session itself owns (is_superuser, session_authorization), bypassing context rules. */
    public void setInternal(String name, String value) {
        SettingDefinition d = registry.find(name);
        if (d != null) {
            resetValues.put(key(d), value);
            version++;
        }
    }

    /**
     * SET / SET LOCAL / set_config. value null means DEFAULT (the reset value). Returns what SHOW
     * now shows.
     */
    public String set(String name, String value, boolean local) {
        SettingDefinition d = definition(name);
        checkContext(d);
        String k = key(d);
        String normalized = value == null ? resetValue(d) : normalize(d, value);
        Entry old = overrides.get(k);
        undo.add(new Undo(k, old));
        version++;
        if (local) {
            overrides.put(k, new Entry(old == null ? resetValue(d) : old.sessionValue(), normalized));
        } else {
            overrides.put(k, new Entry(normalized, null));
        }
        return registry.display(d.name(), normalized);
    }

    private String resetValue(SettingDefinition d) {
        String reset = resetValues.get(key(d));
        return reset != null ? reset : registry.value(d.name());
    }

    /** ALTER ROLE ... SET: the value SET would take (its checks, nothing set); errors as SET's. */
    public String check(String name, String value) {
        SettingDefinition d = definition(name);
        checkContext(d);
        return normalize(d, value);
    }

    /** RESET ALL: every user-settable setting back to its reset value (transactional, like SET). */
    public void resetAll() {
        for (String k : new ArrayList<>(overrides.keySet())) {
            SettingDefinition d = registry.find(k);
            if (d != null && d.isUserSettable()) {
                undo.add(new Undo(k, overrides.get(k)));
                overrides.remove(k);
                version++;
            }
        }
    }

    private static void checkContext(SettingDefinition d) {
        String message = switch (d.context()) {
            case "postmaster" -> "parameter \"" + d.name() + "\" cannot be changed without restarting the server";
            case "sighup" -> "parameter \"" + d.name() + "\" cannot be changed now";
            case "internal" -> "parameter \"" + d.name() + "\" cannot be changed";
            case "backend", "superuser-backend" -> "parameter \"" + d.name() + "\" cannot be set after connection start";
            default -> null;
        };
        if (message != null) {
            throw DatabaseException.error(SqlState.CANT_CHANGE_RUNTIME_PARAM, message);
        }
    }

    /** The registry's checks plus what the engine itself must be able to honour. */
    private String normalize(SettingDefinition d, String value) {
        String k = key(d);
        switch (k) {
            case "timezone":
                return normalizeTimeZone(value);
            case "datestyle":
                return normalizeDateStyle(value);
            case "intervalstyle": {
                String v = registry.normalize(d.name(), value);
                if (!v.equalsIgnoreCase("postgres") && !v.equalsIgnoreCase("iso_8601")) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "IntervalStyle \"" + value + "\" is not supported yet");
                }
                return v;
            }
            case "client_encoding": {
                String v = value.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (v.equals("UTF8") || v.equals("UNICODE")) {
                    return "UTF8";
                }
                if (v.equals("SQLASCII")) {
                    return "SQL_ASCII";
                }
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "conversion to client encoding \"" + value + "\" is not supported yet");
            }
            default:
                return registry.normalize(d.name(), value);
        }
    }

    private static String normalizeTimeZone(String value) {
        String v = value.trim();
        if (v.startsWith("@interval ")) {
            // SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE
            try {
                var iv = DateTimeParser.parseInterval(v.substring("@interval ".length()), DateTimeParser.Field.HOUR);
                return posixName((int) (iv.micros() / 1_000_000L));
            } catch (DatabaseException e) {
                throw invalidZone(v.substring("@interval ".length()));
            }
        }
        try {
            double hours = Double.parseDouble(v);
            if (Math.abs(hours) > 15) {
                throw invalidZone(value);
            }
            return posixName((int) Math.round(hours * 3600));
        } catch (NumberFormatException e) {
            // a name
        }
        if (v.equalsIgnoreCase("local") || v.equalsIgnoreCase("default")) {
            return v;
        }
        if (parsePosixName(v) != null || DateTimeParser.posixOffsetZone(v) != null) {
            // '+05:30', 'UTC+3': POSIX offsets (positive = west of Greenwich), shown as written
            return v;
        }
        ZoneId z = DateTimeParser.zoneByName(v);
        if (z == null) {
            throw invalidZone(value);
        }
        return v.equalsIgnoreCase("utc") ? "UTC" : z.getId();
    }

    private static DatabaseException invalidZone(String value) {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
            "invalid value for parameter \"TimeZone\": \"" + value + "\"");
    }

    /** PostgreSQL shows a numeric zone as a POSIX spec: +5 hours east is "<+05>-05". */
    private static String posixName(int offsetSeconds) {
        int a = Math.abs(offsetSeconds);
        String hhmm = String.format("%02d", a / 3600) + (a % 3600 != 0 ? String.format(":%02d", (a / 60) % 60) : "");
        String sign = offsetSeconds < 0 ? "-" : "+";
        String posixSign = offsetSeconds < 0 ? "+" : "-";
        return "<" + sign + hhmm + ">" + posixSign + hhmm;
    }

    private static final java.util.regex.Pattern POSIX_NAME = java.util.regex.Pattern.compile("<([+-])(\\d{2})(?::?(\\d{2}))?>([+-])(\\d{1,2})(?::(\\d{2}))?");

    private static ZoneId parsePosixName(String v) {
        var m = POSIX_NAME.matcher(v);
        if (!m.matches()) {
            return null;
        }
        int seconds = Integer.parseInt(m.group(5)) * 3600 + (m.group(6) == null ? 0 : Integer.parseInt(m.group(6)) * 60);
        return ZoneOffset.ofTotalSeconds(m.group(4).equals("-") ? seconds : -seconds);
    }

    /** The zone a TimeZone value means. */
    public static ZoneId zoneOf(String value) {
        ZoneId z = parsePosixName(value);
        if (z != null) {
            return z;
        }
        if (value.equalsIgnoreCase("local") || value.equalsIgnoreCase("default")) {
            return ZoneId.of("UTC");
        }
        z = DateTimeParser.posixOffsetZone(value);
        if (z != null) {
            return z;
        }
        z = DateTimeParser.zoneByName(value);
        return z != null ? z : ZoneId.of("UTC");
    }

    private static String normalizeDateStyle(String value) {
        String output = "ISO";
        String order = "MDY";
        for (String part : value.split("[,\\s]+")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            switch (p) {
                case "" -> { }
                case "ISO" -> output = "ISO";
                case "MDY", "US", "NONEURO", "NONEUROPEAN" -> order = "MDY";
                case "DMY", "EURO", "EUROPEAN" -> order = "DMY";
                case "YMD" -> order = "YMD";
                case "POSTGRES", "SQL", "GERMAN" -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "DateStyle \"" + part.trim() + "\" is not supported yet");
                case "DEFAULT" -> {
                    output = "ISO";
                    order = "MDY";
                }
                default -> throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"DateStyle\": \"" + value + "\"")
                    .withDetail("Unrecognized key word: \"" + part.trim() + "\".");
            }
        }
        return output + ", " + order;
    }

    // ---- transactions ---------------------------------------------------------------------

    /** Position in the undo log, for a savepoint. */
    public int mark() {
        return undo.size();
    }

    /** Restores every value changed since the mark (error, ROLLBACK, ROLLBACK TO SAVEPOINT). */
    public void rollbackTo(int mark) {
        if (undo.size() > mark) {
            version++;
        }
        for (int i = undo.size() - 1; i >= mark; i--) {
            Undo u = undo.remove(i);
            if (u.previous() == null) {
                overrides.remove(u.key());
            } else {
                overrides.put(u.key(), u.previous());
            }
        }
    }

    /** End of a transaction that committed: SET LOCAL values end, SET values stay. */
    public void commit() {
        if (undo.isEmpty()) {
            return; // nothing was set in this transaction
        }
        version++;
        overrides.replaceAll((k, e) -> e.localValue() == null ? e : new Entry(e.sessionValue(), null));
        undo.clear();
    }

    public void rollback() {
        if (undo.isEmpty()) {
            return;
        }
        rollbackTo(0);
        overrides.replaceAll((k, e) -> e.localValue() == null ? e : new Entry(e.sessionValue(), null));
    }

    // ---- reporting ------------------------------------------------------------------------

    /** The GUC_REPORT settings and their values, as sent at startup; remembered as reported. */
    public Map<String, String> reportAll() {
        reportedVersion = version;
        lastReported.clear();
        for (String name : REPORTED) {
            if (registry.find(name) != null) {
                lastReported.put(name, show(name));
            }
        }
        return new LinkedHashMap<>(lastReported);
    }

    /** Reported settings whose value differs from what the client was last told (and now is told). */
    public List<Map.Entry<String, String>> takeChangedReports() {
        if (reportedVersion == version) {
            return List.of();
        }
        reportedVersion = version;
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : lastReported.entrySet()) {
            String now = show(e.getKey());
            if (!now.equals(e.getValue())) {
                changed.add(Map.entry(e.getKey(), now));
            }
        }
        for (Map.Entry<String, String> c : changed) {
            lastReported.put(c.getKey(), c.getValue());
        }
        return changed;
    }

    /** SHOW ALL: name, setting, description of every setting, by name. */
    /** GUC_NO_SHOW_ALL: settings SHOW ALL and pg_settings leave out (SHOW name still works). */
    public static final java.util.Set<String> NOT_SHOWN_IN_ALL = java.util.Set.of("role");

    public List<String[]> showAll() {
        List<String[]> rows = new ArrayList<>();
        for (SettingDefinition d : registry.definitions()) {
            if (NOT_SHOWN_IN_ALL.contains(key(d))) {
                continue;
            }
            String name = CANONICAL.getOrDefault(key(d), d.name());
            rows.add(new String[] {name, show(d.name()), d.shortDesc()});
        }
        rows.sort((a, b) -> a[0].compareToIgnoreCase(b[0]));
        return rows;
    }
}
