package org.tuskdb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.server.ServerControl.ShutdownMode;

class TuskCommandsTest {
    /** One day, two hours, three minutes and four seconds after the server started. */
    private static final long NOW = Fakes.START + ((26 * 60 + 3) * 60 + 4) * 1000L;

    private final Fakes.Server server = new Fakes.Server();
    private final Fakes.Procs procs = new Fakes.Procs();
    private final Fakes.Settings settings = Fakes.Settings.typical();
    private final TuskCommands commands = new TuskCommands(server, procs, settings, new Fakes.Process(Path.of("/srv/tusk/data")),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void statusShowsServerAndEveryProcessWithRoleAndPid() {
        procs.add(Fakes.logger(0, 101)).add(Fakes.pooledBackend(1, 102)).add(Fakes.session(2, 103, "active", "select 1", null));

        String status = commands.status();

        assertTrue(status.contains("state      running"), status);
        assertTrue(status.contains("uptime     1 day 02:03:04 (since 2026-11-26 10:00:00 UTC)"), status);
        assertTrue(status.contains("/srv/tusk/data"), status);
        assertTrue(status.contains("port       5433"), status);
        assertTrue(status.contains("4 (1 in session, 1 pooled backends)"), status);
        assertTrue(status.matches("(?s).*-\\s+4242\\s+postmaster\\s+running\\s+2026-11-26 10:00:00\n.*"), status);
        assertTrue(status.matches("(?s).*0\\s+101\\s+logger\\s+-\\s+2026-11-26 10:00:01\n.*"), status);
        assertTrue(status.matches("(?s).*1\\s+102\\s+backend\\s+pooled\\s+2026-11-26 10:00:02\n.*"), status);
        assertTrue(status.matches("(?s).*2\\s+103\\s+backend\\s+active\\s+2026-11-26 10:00:02\\s+2026-11-26 10:01:00\n.*"), status);
        assertTrue(status.endsWith("(4 rows)\n"), status);
        assertFitsScreen(status);
    }

    @Test
    void statusUsesTheServersTimeZone() {
        settings.values.put("timezone", "Europe/Berlin");

        assertTrue(commands.status().contains("(since 2026-11-26 11:00:00 Europe/Berlin)"));
    }

    @Test
    void backendsListsOnlySessionsLikePgStatActivity() {
        procs.add(Fakes.logger(0, 101)).add(Fakes.pooledBackend(1, 102))
                .add(Fakes.session(2, 103, "active", "select pg_sleep(60)", "127.0.0.1"))
                .add(Fakes.session(3, 104, "idle", "select 1", null));

        String table = commands.backends(false);

        assertEquals("""
                pid  user   database  application  client           state   query start
                ---  -----  --------  -----------  ---------------  ------  -------------------
                103  alice  postgres  psql         127.0.0.1:51234  active  2026-11-26 10:01:02
                     select pg_sleep(60)
                104  alice  postgres  psql         local            idle    2026-11-26 10:01:02
                     select 1
                (2 rows)
                """, table);
        assertFalse(table.contains("102"), "a pooled backend has no session");
    }

    @Test
    void backendsShowsQueryStartAsTimeOfDayWhenToday() {
        TuskCommands sameDay = new TuskCommands(server, procs, settings, new Fakes.Process(Path.of("/d")),
                Clock.fixed(Instant.ofEpochMilli(Fakes.START + 3_600_000), ZoneOffset.UTC));
        procs.add(Fakes.session(2, 103, "active", "select 1", null));

        String table = sameDay.backends(false);

        assertTrue(table.contains("  10:01:02\n     select 1\n"), table);
    }

    @Test
    void backendsAllIncludesPooledAndAuxiliaryProcesses() {
        procs.add(Fakes.logger(0, 101)).add(Fakes.pooledBackend(1, 102));

        String table = commands.backends(true);

        assertTrue(table.matches("(?s).*101\\s+logger\\s+-.*"), table);
        assertTrue(table.matches("(?s).*102\\s+backend\\s+pooled.*"), table);
    }

    @Test
    void backendsSaysSoWhenThereAreNoSessions() {
        procs.add(Fakes.pooledBackend(1, 102));

        assertEquals("no sessions (tusk:backends -a lists every process)\n", commands.backends(false));
    }

    @Test
    void longQueriesWrapOntoAFewLinesUnderTheirRow() {
        String query = "select\n" + "x, ".repeat(200) + "1";
        procs.add(Fakes.session(2, 103, "idle in transaction", query, "192.168.100.200"));

        String table = commands.backends(false);

        List<String> lines = table.lines().toList();
        assertEquals(2 + 1 + TextTable.DETAIL_MAX_LINES + 1, lines.size(), table);
        assertTrue(lines.get(3).startsWith("     select x, x,"), table);
        assertTrue(lines.get(4).startsWith("     x, x, "), table);
        assertTrue(lines.get(6).endsWith("..."), "the rest is cut: " + table);
        assertFitsScreen(table);
    }

    @Test
    void tablesFitTheScreenEvenWithWideValues() {
        procs.add(new org.tuskdb.api.shmem.ProcInfo(2, 1234567, "backend", "client backend", "idle in transaction",
                "accounting_database", "application_user", "PostgreSQL JDBC Driver", "2001:db8:85a3::8a2e:370:7334", 54321,
                Fakes.START, Fakes.START, Fakes.START, Fakes.START, Fakes.START, "select 1", true));

        assertFitsScreen(commands.backends(false));
        assertFitsScreen(commands.backends(true));
    }

    @Test
    void cancelSignalsTheBackend() {
        procs.add(Fakes.session(2, 103, "active", "select pg_sleep(60)", null));

        assertEquals("sent cancel request to backend 103 (active)\n", commands.cancel(103));
        assertEquals(List.of(103L), procs.cancelled);
    }

    @Test
    void cancelOfUnknownPidSaysThereIsNoSuchBackend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.cancel(999));

        assertEquals("PID 999 is not a process of this server", e.getMessage());
        assertTrue(procs.cancelled.isEmpty());
    }

    @Test
    void terminateSignalsTheBackend() {
        procs.add(Fakes.session(2, 103, "idle", "select 1", null));

        assertTrue(commands.terminate(103).startsWith("sent terminate request to backend 103"));
        assertEquals(List.of(103L), procs.terminated);
    }

    @Test
    void terminateRefusesAnAuxiliaryProcess() {
        procs.add(Fakes.logger(0, 101));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.terminate(101));

        assertEquals("PID 101 is the logger process, not a backend", e.getMessage());
        assertTrue(procs.terminated.isEmpty());
    }

    @Test
    void settingsListsValuesAsShowShowsThem() {
        String table = commands.settings();

        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("name\\s+value\\s+source\\s+context\\s+description"), lines.get(0));
        assertTrue(table.matches("(?s).*\nwork_mem\\s+4MB\\s+default\\s+user\\s+Sets the maximum memory.*"), table);
        assertTrue(table.matches("(?s).*\nport\\s+5432\\s+configuration file\\s+postmaster\\s+.*"), table);
        assertTrue(table.endsWith("(4 rows)\n"));
        assertFitsScreen(table);
    }

    @Test
    void settingsWithANameShowsThatSettingInFull() {
        String record = commands.settings("WORK_MEM");

        assertTrue(record.contains("name         work_mem\n"), record);
        assertTrue(record.contains("value        4MB\n"), record);
        assertTrue(record.contains("type         integer (base unit kB)\n"), record);
        assertTrue(record.contains("range        64 .. 2147483647 kB\n"), record);
        assertTrue(record.replaceAll("\\s+", " ").contains("query workspaces, before writing to temporary disk files."), record);
    }

    @Test
    void settingsWithPartOfANameListsTheMatches() {
        String table = commands.settings("conn");

        assertTrue(table.contains("max_connections"));
        assertFalse(table.contains("work_mem"));
    }

    @Test
    void settingsWithAnUnknownNameFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.settings("no_such"));

        assertEquals("unrecognized configuration parameter \"no_such\"", e.getMessage());
    }

    @Test
    void shutdownModesParseLikePgCtl() {
        assertEquals(ShutdownMode.SMART, TuskCommands.parseMode("smart"));
        assertEquals(ShutdownMode.FAST, TuskCommands.parseMode("Fast"));
        assertEquals(ShutdownMode.IMMEDIATE, TuskCommands.parseMode("i"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TuskCommands.parseMode("now"));
        assertEquals("unrecognized shutdown mode \"now\": use smart, fast or immediate", e.getMessage());
    }

    @Test
    void stopWithoutConsoleHookStillShutsDownAfterAMoment() throws InterruptedException {
        assertTrue(commands.stop(null, "immediate").startsWith("immediate shutdown requested"));
        assertTrue(server.shutdowns().isEmpty(), "the reply comes before the shutdown");

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.shutdowns().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(ShutdownMode.IMMEDIATE), server.shutdowns());
    }

    @Test
    void stopRejectsAnUnknownModeWithoutShuttingDown() throws InterruptedException {
        assertThrows(IllegalArgumentException.class, () -> commands.stop(null, "slow"));
        Thread.sleep(AfterReply.FOREIGN_CONSOLE_DELAY_MILLIS + 100);
        assertTrue(server.shutdowns().isEmpty());
    }

    static void assertFitsScreen(String text) {
        text.lines().forEach(line -> assertTrue(line.length() <= TextTable.SCREEN_WIDTH, "too wide: " + line));
    }
}
