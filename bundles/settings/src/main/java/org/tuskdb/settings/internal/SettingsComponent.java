package org.tuskdb.settings.internal;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.SqlState;

/**
 * The settings registry of this process (every role has one): the catalog's definitions, with
 * the values of {@code <data>/tusk.conf} over the built-in defaults. Values are held in one
 * immutable snapshot swapped on reload, so readers on any thread never see half a reload.
 * Settings given on the command line ({@code tusk -p PORT}, or the framework property
 * {@value #COMMAND_LINE_PREFIX}{@code <name>} the launcher sets for them) win over the file, as
 * PostgreSQL's command-line options win over postgresql.conf, and survive reloads.
 */
@Component(service = SettingsRegistry.class)
public final class SettingsComponent implements SettingsRegistry {
    /** The configuration file's name inside the data directory. */
    public static final String CONFIG_FILE = "tusk.conf";

    /** Framework properties with this prefix carry settings given on the command line. */
    public static final String COMMAND_LINE_PREFIX = "tusk.setting.";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsComponent.class);

    private final SettingsCatalog catalog;
    private final Path configFile;
    private final Object reloadLock = new Object();
    private final Map<String, String> commandLine;
    private volatile ConfigLoader.Values current;
    /** {@link #generation()}: bumped by every reload, written under reloadLock. */
    private volatile long generation;

    @Activate
    public SettingsComponent(@Reference(name = "process") ProcessContext process, BundleContext context) {
        this(process.dataDirectory(), name -> context.getProperty(COMMAND_LINE_PREFIX + name));
    }

    SettingsComponent(Path dataDirectory) {
        this(dataDirectory, name -> null);
    }

    /** @param commandLineValue the command-line value of a setting, or null when none was given */
    SettingsComponent(Path dataDirectory, UnaryOperator<String> commandLineValue) {
        this.catalog = new SettingsCatalog(dataDirectory.toString());
        this.configFile = dataDirectory.resolve(CONFIG_FILE);
        ConfigLoader.Outcome outcome = ConfigLoader.load(catalog, configFile, ConfigLoader.defaults(catalog), false);
        for (String error : outcome.errors()) {
            LOG.error("{}; the setting keeps its default", error);
        }
        Map<String, String> given = new HashMap<>();
        for (Setting s : catalog.all()) {
            String raw = commandLineValue.apply(s.name());
            if (raw == null) {
                continue;
            }
            try {
                given.put(s.name(), ValueNormalizer.normalize(s, raw, outcome.values().values().get(s.name())));
            } catch (DatabaseException e) {
                LOG.error("invalid value for parameter \"{}\" on the command line: \"{}\"; it keeps its value", s.name(), raw);
            }
        }
        this.commandLine = Map.copyOf(given);
        this.current = withCommandLine(outcome.values());
    }

    private ConfigLoader.Values withCommandLine(ConfigLoader.Values fromFile) {
        if (commandLine.isEmpty()) {
            return fromFile;
        }
        Map<String, String> values = new HashMap<>(fromFile.values());
        Map<String, String> sources = new HashMap<>(fromFile.sources());
        commandLine.forEach((name, value) -> {
            values.put(name, value);
            sources.put(name, "command line");
        });
        return new ConfigLoader.Values(Map.copyOf(values), Map.copyOf(sources));
    }

    @Override
    public Collection<SettingDefinition> definitions() {
        return catalog.all().stream().map(Setting::definition).toList();
    }

    @Override
    public SettingDefinition find(String name) {
        Setting s = catalog.find(name);
        return s == null ? null : s.definition();
    }

    @Override
    public String value(String name) {
        return current.values().get(require(name).name());
    }

    @Override
    public String source(String name) {
        return current.sources().get(require(name).name());
    }

    @Override
    public String normalize(String name, String value) {
        Setting s = require(name);
        return ValueNormalizer.normalize(s, value, current.values().get(s.name()));
    }

    @Override
    public String display(String name, String baseValue) {
        return ValueNormalizer.display(require(name), baseValue);
    }

    @Override
    public void reload() {
        synchronized (reloadLock) {
            ConfigLoader.Outcome outcome = ConfigLoader.load(catalog, configFile, current, true);
            for (String error : outcome.errors()) {
                LOG.error("{}", error);
            }
            for (String change : outcome.changes()) {
                LOG.info("{}", change);
            }
            if (!outcome.errors().isEmpty()) {
                LOG.error("configuration file \"{}\" contains errors; unaffected changes were applied", configFile);
            }
            current = withCommandLine(outcome.values());
            generation++; // after current: whoever sees the new number reads the new values
        }
    }

    @Override
    public long generation() {
        return generation;
    }

    /** The text of a fresh tusk.conf: every setting commented out with its default. */
    public String sampleConfiguration() {
        return SampleConfig.render(catalog);
    }

    /** Names of the settings PostgreSQL reports to clients with ParameterStatus (GUC_REPORT). */
    public List<String> reportedSettings() {
        return catalog.all().stream().filter(Setting::reported).map(Setting::name).toList();
    }

    private Setting require(String name) {
        Setting s = catalog.find(name);
        if (s == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name + "\"");
        }
        return s;
    }
}
