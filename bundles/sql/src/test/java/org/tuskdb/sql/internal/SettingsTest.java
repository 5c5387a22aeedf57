package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** SET / SHOW / RESET, current_setting / set_config, and ParameterStatus reports. */
class SettingsTest {
    private final SessionFixture db = new SessionFixture();

    /** Tusk has one role (the session's user, alice here): authorizing as it changes nothing, another is 22023. */
    @Test
    void setSessionAuthorizationAcceptsOnlyTheSessionsUser() {
        db.rows("set session authorization alice");
        assertEquals(List.of("SET"), db.tags());
        db.rows("set session authorization default");
        db.rows("reset session authorization");
        assertEquals(List.of("RESET"), db.tags());
        DatabaseException e = db.error("set session authorization 'bob'");
        assertEquals("22023", e.sqlState());
        assertEquals("role \"bob\" does not exist", e.getMessage());
        assertEquals("alice", db.value("show session_authorization"));
        assertEquals("alice|alice", db.value("select session_user, current_user"));
    }

    @Test
    void showFormatsWithUnitsAndNamesTheColumnAfterTheSetting() {
        assertEquals("4MB", db.value("show work_mem"));
        assertEquals(List.of("work_mem"), db.sink.columnNames());
        assertEquals(List.of("SHOW"), db.sink.tags);
        assertEquals("128MB", db.value("show shared_buffers"));
        assertEquals("1d", db.value("show log_rotation_age"));
        assertEquals("ISO, MDY", db.value("show datestyle"));
        assertEquals(List.of("DateStyle"), db.sink.columnNames());
        assertEquals(List.of("TimeZone"), db.rows("show time zone").isEmpty() ? List.of() : db.sink.columnNames());
    }

    @Test
    void setAcceptsUnitsAndShowsTheLargestExactUnit() {
        db.rows("set statement_timeout = 60000");
        assertEquals(List.of("SET"), db.sink.tags);
        assertEquals("1min", db.value("show statement_timeout"));
        db.rows("set statement_timeout to '90s'");
        assertEquals("90s", db.value("show statement_timeout"));
        db.rows("set work_mem = 1024");
        assertEquals("1MB", db.value("show work_mem"));
        db.rows("set session work_mem = default");
        assertEquals("4MB", db.value("show work_mem"));
        db.rows("set search_path = public, 'my schema', x");
        assertEquals("public, \"my schema\", x", db.value("show search_path"));
        db.rows("reset search_path");
        assertEquals(List.of("RESET"), db.sink.tags);
        assertEquals("\"$user\", public", db.value("show search_path"));
    }

    @Test
    void rejectsUnknownBadAndServerOnlySettings() {
        DatabaseException unknown = db.error("set foo = 1");
        assertEquals("42704", unknown.sqlState());
        assertEquals("unrecognized configuration parameter \"foo\"", unknown.getMessage());
        DatabaseException bad = db.error("set work_mem = 'x'");
        assertEquals("22023", bad.sqlState());
        assertEquals("invalid value for parameter \"work_mem\": \"x\"", bad.getMessage());
        DatabaseException postmaster = db.error("set port = 1");
        assertEquals("55P02", postmaster.sqlState());
        assertEquals("parameter \"port\" cannot be changed without restarting the server", postmaster.getMessage());
        assertEquals("22023", db.error("set standard_conforming_strings = maybe").sqlState());
        assertEquals("22023", db.error("set timezone = 'nowhere/none'").sqlState());
    }

    @Test
    void currentSettingAndSetConfig() {
        assertEquals("4MB", db.value("select current_setting('work_mem')"));
        assertEquals("", db.value("select current_setting('nosuch', true)"));
        assertEquals("42704", db.error("select current_setting('nosuch')").sqlState());
        assertEquals("8MB", db.value("select set_config('work_mem', '8MB', false)"));
        assertEquals("8MB", db.value("show work_mem"));
        db.rows("begin");
        assertEquals("16MB", db.value("select set_config('work_mem', '16MB', true)"));
        db.rows("commit");
        assertEquals("8MB", db.value("show work_mem"));
    }

    @Test
    void reportedSettingsAreAnnouncedAndChangesSent() {
        Map<String, String> reported = db.session.reportedParameters();
        assertEquals("UTF8", reported.get("server_encoding"));
        assertEquals("15.0", reported.get("server_version"));
        assertEquals("junit", reported.get("application_name"));
        assertEquals("UTC", reported.get("TimeZone"));
        assertEquals("ISO, MDY", reported.get("DateStyle"));
        assertEquals("alice", reported.get("session_authorization"));
        assertEquals("on", reported.get("is_superuser"));
        assertTrue(reported.containsKey("integer_datetimes") && reported.containsKey("standard_conforming_strings"));

        db.rows("set application_name = 'app2'");
        assertEquals(1, db.sink.parameterStatus.size());
        assertEquals("application_name", db.sink.parameterStatus.get(0)[0]);
        assertEquals("app2", db.sink.parameterStatus.get(0)[1]);
        db.rows("set work_mem = '8MB'");
        assertEquals(0, db.sink.parameterStatus.size());
        db.rows("begin; set timezone = 'Europe/Berlin'");
        assertEquals("Europe/Berlin", db.sink.parameterStatus.get(0)[1]);
        db.rows("rollback");
        assertEquals("TimeZone", db.sink.parameterStatus.get(0)[0]);
        assertEquals("UTC", db.sink.parameterStatus.get(0)[1]);
    }

    @Test
    void startupParametersAreTheSessionDefaults() {
        SessionFixture s = new SessionFixture(Map.of("application_name", "psql", "extra_float_digits", "2",
            "DateStyle", "ISO", "TimeZone", "Europe/Berlin"), false);
        assertEquals("Europe/Berlin", s.value("show timezone"));
        assertEquals("ISO, MDY", s.value("show DateStyle"));
        s.rows("set extra_float_digits = 0");
        s.rows("reset extra_float_digits");
        assertEquals("2", s.value("show extra_float_digits"));
        s.rows("reset all");
        assertEquals("psql", s.value("show application_name"));
    }

    @Test
    void unknownStartupParameterFailsTheSession() {
        DatabaseException e = SessionFixture.error(() -> new SessionFixture(Map.of("nosuch", "1"), false));
        assertEquals("42704", e.sqlState());
    }

    @Test
    void showAllListsEverySetting() {
        List<String> rows = db.rows("show all");
        assertEquals(List.of("name", "setting", "description"), db.sink.columnNames());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("work_mem|4MB|")));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("TimeZone|UTC|")));
    }
}
