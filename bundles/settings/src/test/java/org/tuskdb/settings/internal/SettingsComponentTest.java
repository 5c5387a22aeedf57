package org.tuskdb.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.SettingDefinition;

class SettingsComponentTest {
    @TempDir
    Path data;

    private SettingsComponent start(String conf) throws IOException {
        Files.writeString(data.resolve("tusk.conf"), conf);
        return new SettingsComponent(data);
    }

    @Test
    void defaultsApplyWithoutAFile() {
        SettingsComponent s = new SettingsComponent(data);
        assertEquals("5432", s.value("port"));
        assertEquals("16384", s.value("shared_buffers"));
        assertEquals("default", s.source("port"));
        assertEquals(5432, s.intValue("port"));
        assertTrue(s.boolValue("restart_after_crash"));
        assertEquals(data.toString(), s.value("data_directory"));
        assertEquals("ISO, MDY", s.value("datestyle"));
    }

    @Test
    void fileValuesOverrideDefaultsInBaseUnits() throws IOException {
        SettingsComponent s = start("""
                port = 6543
                shared_buffers = 256MB
                statement_timeout = '1min'
                restart_after_crash = false
                log_min_messages = ERROR
                """);
        assertEquals("6543", s.value("port"));
        assertEquals("configuration file", s.source("PORT"));
        assertEquals("32768", s.value("shared_buffers"));
        assertEquals("256MB", s.display("shared_buffers", s.value("shared_buffers")));
        assertEquals("60000", s.value("statement_timeout"));
        assertEquals("off", s.value("restart_after_crash"));
        assertEquals("error", s.value("log_min_messages"));
    }

    @Test
    void badValuesKeepTheDefaultAndAreReportedWithFileAndLine() throws IOException {
        Path file = data.resolve("tusk.conf");
        ConfigLoader.Outcome outcome = ConfigLoader.apply(new SettingsCatalog(data.toString()),
                ConfigFileParser.parseText(file, """
                        port = 99999
                        work_mem = lots
                        no_such_thing = 1
                        server_version = '99'
                        max_connections = 7
                        """),
                ConfigLoader.defaults(new SettingsCatalog(data.toString())), false);
        assertEquals("5432", outcome.values().values().get("port"));
        assertEquals("4096", outcome.values().values().get("work_mem"));
        assertEquals("15.0", outcome.values().values().get("server_version"));
        assertEquals("7", outcome.values().values().get("max_connections"));
        assertEquals(List.of(
                "99999 is outside the valid range for parameter \"port\" (1 .. 65535) (file \"" + file + "\" line 1)",
                "invalid value for parameter \"work_mem\": \"lots\" (file \"" + file + "\" line 2)",
                "unrecognized configuration parameter \"no_such_thing\" in file \"" + file + "\" line 3",
                "parameter \"server_version\" cannot be changed (file \"" + file + "\" line 4)"),
                outcome.errors());
    }

    @Test
    void aDamagedFileStillStarts() throws IOException {
        SettingsComponent s = start("port = = 1\nwork_mem = 8MB\n\u0000garbage\n");
        assertEquals("5432", s.value("port"));
        assertEquals("8192", s.value("work_mem"));
    }

    @Test
    void lastValidLineWins() throws IOException {
        SettingsComponent s = start("work_mem = 1MB\nwork_mem = 2MB\nwork_mem = bad\n");
        assertEquals("2048", s.value("work_mem"));
    }

    @Test
    void reloadChangesSighupSettingsButNotPostmasterOnes() throws IOException {
        SettingsComponent s = start("port = 6000\nauthentication_timeout = 30s\nwork_mem = 8MB\n");
        Files.writeString(data.resolve("tusk.conf"), "port = 7000\nauthentication_timeout = 2min\n");
        s.reload();
        assertEquals("6000", s.value("port"));
        assertEquals("configuration file", s.source("port"));
        assertEquals("120", s.value("authentication_timeout"));
        assertEquals("4096", s.value("work_mem"));
        assertEquals("default", s.source("work_mem"));
    }

    @Test
    void reloadReportsWhatChangedAndWhatNeedsARestart() {
        SettingsCatalog catalog = new SettingsCatalog(data.toString());
        Path file = data.resolve("tusk.conf");
        ConfigLoader.Values start = ConfigLoader.apply(catalog,
                ConfigFileParser.parseText(file, "work_mem = 8MB\nport = 6000\n"), ConfigLoader.defaults(catalog), false).values();
        ConfigLoader.Outcome reload = ConfigLoader.apply(catalog,
                ConfigFileParser.parseText(file, "port = 7000\nstatement_timeout = 5s\nlog_rotation_age = bad\n"), start, true);
        List<String> changes = new ArrayList<>(reload.changes());
        changes.sort(null);
        assertEquals(List.of(
                "parameter \"port\" cannot be changed without restarting the server",
                "parameter \"statement_timeout\" changed to \"5s\"",
                "parameter \"work_mem\" removed from configuration file, reset to default"), changes);
        assertEquals(1, reload.errors().size());
        assertEquals("1440", reload.values().values().get("log_rotation_age"));
    }

    @Test
    void definitionsAreSortedAndComplete() {
        SettingsComponent s = new SettingsComponent(data);
        List<String> names = s.definitions().stream().map(SettingDefinition::name).toList();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
        for (String n : List.of("port", "listen_addresses", "unix_socket_directories", "max_connections",
                "authentication_timeout", "restart_after_crash", "backend_pool_min_idle", "backend_pool_max_idle",
                "backend_max_sessions", "log_rotation_age", "log_rotation_size", "log_min_messages",
                "application_name", "client_encoding", "DateStyle", "TimeZone", "IntervalStyle",
                "extra_float_digits", "search_path", "statement_timeout", "lock_timeout",
                "standard_conforming_strings", "integer_datetimes", "server_version", "server_version_num",
                "server_encoding", "data_directory", "is_superuser", "session_authorization",
                "default_transaction_isolation", "transaction_isolation", "default_transaction_read_only",
                "work_mem", "shared_buffers", "max_stack_depth", "client_min_messages")) {
            SettingDefinition d = s.find(n.toUpperCase());
            assertNotNull(d, n);
            assertEquals(n, d.name());
            // Every boot value must pass its own validation.
            assertEquals(d.bootValue(), s.normalize(n, d.bootValue()), n);
        }
        assertNull(s.find("nope"));
        assertEquals("min", s.find("log_rotation_age").unit());
        assertEquals("8kB", s.find("shared_buffers").unit());
        assertEquals("postmaster", s.find("port").context());
        assertTrue(s.find("work_mem").isUserSettable());
        assertTrue(s.reportedSettings().containsAll(List.of("DateStyle", "TimeZone", "server_version",
                "client_encoding", "integer_datetimes", "standard_conforming_strings", "application_name",
                "is_superuser", "session_authorization", "IntervalStyle", "server_encoding")));
    }

    @Test
    void shippedSampleIsTheGeneratedText() throws IOException {
        SettingsComponent s = new SettingsComponent(Path.of("/nonexistent-tusk-data"));
        try (InputStream in = SettingsComponent.class.getResourceAsStream("/tusk.conf.sample")) {
            assertNotNull(in, "tusk.conf.sample resource");
            assertEquals(s.sampleConfiguration(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "regenerate src/main/resources/tusk.conf.sample from SampleConfig");
        }
    }

    @Test
    void sampleWithEveryLineUncommentedGivesTheDefaults() {
        SettingsCatalog catalog = new SettingsCatalog("/d");
        String uncommented = SampleConfig.render(catalog).lines()
                .map(l -> l.matches("#[a-zA-Z_]+ = .*") ? l.substring(1) : l)
                .reduce("", (a, b) -> a + b + "\n");
        ConfigLoader.Outcome o = ConfigLoader.apply(catalog, ConfigFileParser.parseText(Path.of("/d/tusk.conf"), uncommented),
                ConfigLoader.defaults(catalog), false);
        assertEquals(List.of(), o.errors());
        long set = o.values().sources().values().stream().filter("configuration file"::equals).count();
        assertTrue(set > 25, "sample sets " + set);
        for (Setting st : catalog.all()) {
            assertEquals(st.definition().bootValue(), o.values().values().get(st.name()), st.name());
        }
    }
}
