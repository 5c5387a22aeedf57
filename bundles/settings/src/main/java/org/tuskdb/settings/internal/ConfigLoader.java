package org.tuskdb.settings.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;

/**
 * Computes the server-wide values from the catalog's boot values and a configuration file, on
 * start and on reload. Pure: it reports what it would log ({@link Outcome#errors()},
 * {@link Outcome#changes()}) and the registry logs it, so tests can see every message.
 *
 * <p>Rules, as PostgreSQL's ProcessConfigFile:
 * <ol>
 * <li>A line with an unknown name, a value that does not parse, or an internal setting is an
 * error naming file and line; that setting keeps its previous value (its default at start).
 * Nothing in the file stops the server from starting.</li>
 * <li>The last valid line for a setting wins.</li>
 * <li>On reload, a postmaster-context setting keeps the value it started with; a different value
 * in the file is reported as needing a restart.</li>
 * <li>On reload, a setting no longer in the file returns to its default.</li>
 * </ol>
 */
final class ConfigLoader {
    private ConfigLoader() {}

    /** Values by canonical name, each with its source ("default" or "configuration file"). */
    record Values(Map<String, String> values, Map<String, String> sources) {}

    record Outcome(Values values, List<String> errors, List<String> changes) {}

    /** Values before any file is read: every setting's boot value. */
    static Values defaults(SettingsCatalog catalog) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (Setting s : catalog.all()) {
            values.put(s.name(), s.definition().bootValue());
            sources.put(s.name(), "default");
        }
        return new Values(Map.copyOf(values), Map.copyOf(sources));
    }

    /**
     * @param previous the values in force (the defaults at start)
     * @param reload false at start (postmaster settings may take the file's value), true on reload
     */
    static Outcome load(SettingsCatalog catalog, Path file, Values previous, boolean reload) {
        ConfigFileParser.Result parsed = ConfigFileParser.parseFile(file);
        return apply(catalog, parsed, previous, reload);
    }

    static Outcome apply(SettingsCatalog catalog, ConfigFileParser.Result parsed, Values previous, boolean reload) {
        List<String> errors = new ArrayList<>(parsed.errors());
        List<String> changes = new ArrayList<>();
        Map<String, String> fromFile = new LinkedHashMap<>();
        for (ConfigEntry e : parsed.entries()) {
            Setting s = catalog.find(e.name());
            if (s == null) {
                errors.add("unrecognized configuration parameter \"" + e.name() + "\" in " + e.where());
                continue;
            }
            String context = s.definition().context();
            if (context.equals("internal") || s.name().equals("data_directory")) {
                errors.add("parameter \"" + s.name() + "\" cannot be changed (" + e.where() + ")");
                continue;
            }
            try {
                String current = fromFile.getOrDefault(s.name(), previous.values().get(s.name()));
                fromFile.put(s.name(), ValueNormalizer.normalize(s, e.value(), current));
            } catch (DatabaseException ex) {
                errors.add(describe(ex) + " (" + e.where() + ")");
            }
        }

        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (Setting s : catalog.all()) {
            String name = s.name();
            String old = previous.values().get(name);
            String oldSource = previous.sources().get(name);
            String wanted = fromFile.get(name);
            String newValue = wanted != null ? wanted : s.definition().bootValue();
            String newSource = wanted != null ? "configuration file" : "default";
            if (reload && s.definition().context().equals("postmaster")) {
                if (!newValue.equals(old)) {
                    changes.add("parameter \"" + name + "\" cannot be changed without restarting the server");
                }
                values.put(name, old);
                sources.put(name, oldSource);
                continue;
            }
            if (reload && !newValue.equals(old)) {
                if (wanted == null) {
                    changes.add("parameter \"" + name + "\" removed from configuration file, reset to default");
                } else {
                    changes.add("parameter \"" + name + "\" changed to \"" + ValueNormalizer.display(s, newValue) + "\"");
                }
            }
            values.put(name, newValue);
            sources.put(name, newSource);
        }
        return new Outcome(new Values(Map.copyOf(values), Map.copyOf(sources)), List.copyOf(errors), List.copyOf(changes));
    }

    /** The message with its detail and hint, as one log line. */
    static String describe(DatabaseException e) {
        StringBuilder b = new StringBuilder(e.getMessage());
        if (e.detail() != null) {
            b.append(" ").append(e.detail());
        }
        if (e.hint() != null) {
            b.append(" ").append(e.hint());
        }
        return b.toString();
    }
}
