package org.tuskdb.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

class ValueNormalizerTest {
    private final SettingsComponent settings = new SettingsComponent(Path.of("/nonexistent-tusk-data"));

    private String norm(String name, String value) {
        return settings.normalize(name, value);
    }

    private DatabaseException failure(String name, String value) {
        return assertThrows(DatabaseException.class, () -> settings.normalize(name, value));
    }

    @Test
    void memoryUnitsConvertToTheBaseUnit() {
        assertEquals("16384", norm("shared_buffers", "128MB"));
        assertEquals("4096", norm("work_mem", "4MB"));
        assertEquals("1048576", norm("work_mem", "1GB"));
        assertEquals("1536", norm("work_mem", "1.5MB"));
        assertEquals("2048", norm("max_stack_depth", "2 MB"));
        assertEquals("64", norm("work_mem", "64"));
        assertEquals("128", norm("shared_buffers", "1024kB"));
        assertEquals("10240", norm("log_rotation_size", "10MB"));
    }

    @Test
    void timeUnitsConvertToTheBaseUnit() {
        assertEquals("60000", norm("statement_timeout", "1min"));
        assertEquals("1500", norm("statement_timeout", "1.5s"));
        assertEquals("250", norm("statement_timeout", "250"));
        assertEquals("60", norm("authentication_timeout", "1min"));
        assertEquals("10", norm("authentication_timeout", "10s"));
        assertEquals("1440", norm("log_rotation_age", "1d"));
        assertEquals("90", norm("log_rotation_age", "1.5h"));
        assertEquals("1", norm("statement_timeout", "1000us"));
        assertEquals("16", norm("statement_timeout", "0x10"));
    }

    @Test
    void unknownUnitIsRejectedWithTheValidUnitsAsHint() {
        DatabaseException e = failure("work_mem", "4mb");
        assertEquals("22023", e.sqlState());
        assertEquals("invalid value for parameter \"work_mem\": \"4mb\"", e.getMessage());
        assertEquals(Units.MEMORY_HINT, e.hint());
        assertEquals(Units.TIME_HINT, failure("statement_timeout", "5 years").hint());
    }

    @Test
    void unitOnAUnitlessSettingIsRejected() {
        assertEquals("invalid value for parameter \"port\": \"5kB\"", failure("port", "5kB").getMessage());
        assertEquals("22023", failure("port", "abc").sqlState());
        assertEquals("22023", failure("port", "").sqlState());
    }

    @Test
    void outOfRangeNamesTheLimits() {
        assertEquals("0 is outside the valid range for parameter \"port\" (1 .. 65535)",
                failure("port", "0").getMessage());
        assertEquals("1 8kB is outside the valid range for parameter \"shared_buffers\" (16 .. 1073741823)",
                failure("shared_buffers", "8kB").getMessage());
        assertEquals("Value exceeds integer range.", failure("statement_timeout", "100000000000").hint());
    }

    @Test
    void displayPicksTheLargestExactUnit() {
        assertEquals("128MB", settings.display("shared_buffers", "16384"));
        assertEquals("24kB", settings.display("shared_buffers", "3"));
        assertEquals("4MB", settings.display("work_mem", "4096"));
        assertEquals("4097kB", settings.display("work_mem", "4097"));
        assertEquals("1GB", settings.display("work_mem", "1048576"));
        assertEquals("1s", settings.display("statement_timeout", "1000"));
        assertEquals("1500ms", settings.display("statement_timeout", "1500"));
        assertEquals("0", settings.display("statement_timeout", "0"));
        assertEquals("1min", settings.display("authentication_timeout", "60"));
        assertEquals("1d", settings.display("log_rotation_age", "1440"));
        assertEquals("90min", settings.display("log_rotation_age", "90"));
        assertEquals("10MB", settings.display("log_rotation_size", "10240"));
        assertEquals("5432", settings.display("port", "5432"));
        assertEquals("ISO, MDY", settings.display("DateStyle", "ISO, MDY"));
    }

    @Test
    void booleansAcceptPostgresSpellings() {
        for (String t : new String[] {"on", "ON", "true", "t", "tr", "yes", "y", "1", "True"}) {
            assertEquals("on", norm("restart_after_crash", t), t);
        }
        for (String f : new String[] {"off", "of", "false", "f", "fal", "no", "n", "0", "OFF"}) {
            assertEquals("off", norm("restart_after_crash", f), f);
        }
        for (String bad : new String[] {"o", "2", "onn", "yess", "", "maybe"}) {
            DatabaseException e = failure("restart_after_crash", bad);
            assertEquals("parameter \"restart_after_crash\" requires a Boolean value", e.getMessage(), bad);
        }
    }

    @Test
    void enumsAreCaseInsensitiveAndCanonical() {
        assertEquals("warning", norm("log_min_messages", "WARNING"));
        assertEquals("read committed", norm("default_transaction_isolation", "Read Committed"));
        assertEquals("sql_standard", norm("IntervalStyle", "SQL_STANDARD"));
        DatabaseException e = failure("IntervalStyle", "british");
        assertEquals("invalid value for parameter \"IntervalStyle\": \"british\"", e.getMessage());
        assertEquals("Available values: postgres, postgres_verbose, sql_standard, iso_8601.", e.hint());
    }

    @Test
    void stringSettingsWithCheckHooksAreCanonicalized() {
        assertEquals("UTF8", norm("client_encoding", "utf-8"));
        assertEquals("UTF8", norm("client_encoding", "unicode"));
        assertEquals("SQL_ASCII", norm("client_encoding", "sql_ascii"));
        assertEquals("22023", failure("client_encoding", "klingon").sqlState());
        assertEquals("ISO, DMY", norm("datestyle", "iso, dmy"));
        assertEquals("Postgres, MDY", norm("DateStyle", "postgres"));
        assertEquals("German, DMY", norm("DateStyle", "German"));
        assertEquals("ISO, YMD", norm("DateStyle", "YMD"));
        assertTrue(failure("DateStyle", "ISO, SQL").detail().contains("Conflicting"));
        assertEquals("Unrecognized key word: \"bogus\".", failure("DateStyle", "bogus").detail());
        assertEquals("Europe/Berlin", norm("timezone", "europe/berlin"));
        assertEquals("UTC", norm("TimeZone", "utc"));
        assertEquals("+02:00", norm("TimeZone", "+02:00"));
        assertEquals("22023", failure("TimeZone", "Mars/Olympus").sqlState());
        assertEquals("anything at all", norm("application_name", "anything at all"));
    }

    @Test
    void unknownSettingIsUndefinedObject() {
        DatabaseException e = failure("no_such_setting", "1");
        assertEquals("42704", e.sqlState());
        assertEquals("unrecognized configuration parameter \"no_such_setting\"", e.getMessage());
        assertEquals("42704", assertThrows(DatabaseException.class, () -> settings.value("nope")).sqlState());
    }
}
