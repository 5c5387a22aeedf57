package org.tuskdb.itests.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The differential runner's own logic, without servers: markers, the runnable copy, the compared form, the diff. */
class DifftestScriptTest {

    @Test
    void theSenderPidOfAReceivedNotificationIsNotCompared() {
        DifftestScript s = DifftestScript.parse(List.of("-- n", "NOTIFY a, 'x';"));
        assertEquals(List.of("NOTIFY", "Asynchronous notification \"a\" with payload \"x\" received from server process with PID N.",
                "Asynchronous notification \"b\" received from server process with PID N."),
            s.comparable(List.of("NOTIFY", "Asynchronous notification \"a\" with payload \"x\" received from server process with PID 4711.",
                "Asynchronous notification \"b\" received from server process with PID 12.")));
    }

    @Test
    void pendingMarkerAmongTheLeadingCommentsSkipsTheFile() {
        DifftestScript s = DifftestScript.parse(List.of("-- covers joins", "-- difftest: pending hash joins", "SELECT 1;"));
        assertEquals("hash joins", s.pending());
    }

    @Test
    void pendingMarkerAfterTheFirstStatementDoesNotCount() {
        DifftestScript s = DifftestScript.parse(List.of("-- covers x", "SELECT 1;", "-- difftest: pending later", "SELECT 2;"));
        assertNull(s.pending());
        assertEquals(List.of("line 4: later"), s.pendingStatements());
    }

    @Test
    void differsMarkerCoversTheStatementUpToItsSemicolon() {
        DifftestScript s = DifftestScript.parse(List.of("-- t", "-- difftest: differs: the plan shape", "SELECT 1", "  + 1; -- two", "SELECT 2;"));
        assertEquals(List.of(new DifftestScript.Differs(1, 3, "the plan shape", false)), s.differs());
        assertEquals("-- t\n-- difftest: differs: the plan shape\nSELECT 1\n  + 1; \\echo '" + DifftestScript.END_OF_DIFFERS
                + "' -- two\nSELECT 2;\n", s.runnableText());
    }

    @Test
    void differsMarkerWithoutReasonOrStatementIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DifftestScript.parse(List.of("-- difftest: differs:", "SELECT 1;")));
        assertThrows(IllegalArgumentException.class, () -> DifftestScript.parse(List.of("-- difftest: differs: why", "SELECT 1")));
        assertThrows(IllegalArgumentException.class, () -> DifftestScript.parse(List.of("-- x", "SELECT 1;", "-- difftest: pending y", "\\dt", "SELECT 2;")));
        assertThrows(IllegalArgumentException.class, () -> DifftestScript.parse(List.of("-- x", "-- difftest: differ: typo", "SELECT 2;")));
    }

    @Test
    void differsStatementComparesOnlyMessageSqlstates() {
        DifftestScript s = DifftestScript.parse(List.of("-- difftest: differs: texts", "SELECT x;", "SELECT 2;"));
        List<String> pg = List.of("-- difftest: differs: texts", "SELECT x; \\echo '" + DifftestScript.END_OF_DIFFERS + "'",
                "psql:a/b.sql:2: ERROR:  42703: column \"x\" does not exist", "LINE 1: SELECT x;", "               ^",
                "LOCATION:  errorMissingColumn, parse_relation.c:3651", DifftestScript.END_OF_DIFFERS, "SELECT 2;");
        List<String> tusk = List.of("-- difftest: differs: texts", "SELECT x; \\echo '" + DifftestScript.END_OF_DIFFERS + "'",
                "psql:a/b.sql:2: ERROR:  42703: another text", DifftestScript.END_OF_DIFFERS, "SELECT 2;");
        assertEquals(s.comparable(pg), s.comparable(tusk));
        assertTrue(s.comparable(pg).contains("psql:a/b.sql:2: ERROR:  42703"));
        List<String> other = List.of("-- difftest: differs: texts", "SELECT x; \\echo '" + DifftestScript.END_OF_DIFFERS + "'",
                "psql:a/b.sql:2: ERROR:  42P01: a different SQLSTATE", DifftestScript.END_OF_DIFFERS, "SELECT 2;");
        assertTrue(!s.comparable(pg).equals(s.comparable(other)));
    }

    @Test
    void pendingMarkerAboveAStatementExcludesItsResults() {
        DifftestScript s = DifftestScript.parse(List.of("-- covers x", "SELECT 1;", "-- difftest: pending regex", "SELECT 'a' ~ 'b';"));
        assertNull(s.pending());
        assertEquals(List.of("line 4: regex"), s.pendingStatements());
        String end = DifftestScript.END_OF_DIFFERS;
        List<String> pg = List.of("SELECT 1;", "1", "-- difftest: pending regex", "SELECT 'a' ~ 'b'; \\echo '" + end + "'", " f", end);
        List<String> tusk = List.of("SELECT 1;", "1", "-- difftest: pending regex", "SELECT 'a' ~ 'b'; \\echo '" + end + "'",
                "psql:x.sql:4: ERROR:  42883: operator does not exist: unknown ~ unknown", end);
        assertEquals(s.comparable(pg), s.comparable(tusk));
    }

    @Test
    void locationLinesAreDroppedEverywhereElseNothing() {
        DifftestScript s = DifftestScript.parse(List.of("SELECT 1/0;"));
        assertEquals(List.of("SELECT 1/0;", "psql:x.sql:1: ERROR:  22012: division by zero"),
                s.comparable(List.of("SELECT 1/0;", "psql:x.sql:1: ERROR:  22012: division by zero", "LOCATION:  int4div, int.c:869")));
    }

    @Test
    void unifiedDiffShowsChangedLinesWithContext() {
        List<String> a = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        List<String> b = List.of("1", "2", "3", "4", "five", "6", "7", "8", "9", "10", "11");
        String diff = UnifiedDiff.diff("pg", a, "tusk", b, 2);
        assertEquals("--- pg\n+++ tusk\n@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+five\n 6\n 7\n@@ -9,2 +9,3 @@\n 9\n 10\n+11\n", diff);
        assertEquals("", UnifiedDiff.diff("pg", a, "tusk", a, 3));
    }

    @Test
    void unifiedDiffOfAnEmptySide() {
        assertEquals("--- pg\n+++ tusk\n@@ -0,0 +1 @@\n+x\n", UnifiedDiff.diff("pg", List.of(), "tusk", List.of("x"), 3));
        assertEquals("--- pg\n+++ tusk\n@@ -1 +0,0 @@\n-x\n", UnifiedDiff.diff("pg", List.of("x"), "tusk", List.of(), 3));
    }
}
