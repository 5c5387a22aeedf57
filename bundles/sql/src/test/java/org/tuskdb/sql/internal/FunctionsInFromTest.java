package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Functions in FROM: set-returning functions (lazily produced), scalar functions, aliases, ordinality, errors. */
class FunctionsInFromTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void generateSeriesOverIntegersNumericAndTimestamps() {
        assertEquals(List.of("1", "4", "7", "10"), db.rows("select * from generate_series(1, 10, 3)"));
        assertEquals(List.of("5", "3", "1"), db.rows("select x from generate_series(5, 1, -2) as g(x)"));
        assertEquals(List.of("2147483646", "2147483647"), db.rows("select * from generate_series(2147483646, 2147483647)"));
        assertEquals(List.of("1.5", "2.0", "2.5"), db.rows("select * from generate_series(1.5, 2.5, 0.5)"));
        assertEquals(List.of("2024-01-01 00:00:00", "2024-01-01 12:00:00"),
            db.rows("select * from generate_series('2024-01-01'::timestamp, '2024-01-01 12:00', '12 hours')"));
        assertEquals(List.of(), db.rows("select * from generate_series(1, null)"));
    }

    @Test
    void aSeriesIsProducedLazily() {
        assertEquals(List.of("1", "2", "3"), db.rows("select * from generate_series(1, 2000000000) limit 3"));
    }

    @Test
    void aliasesNameTheColumnAndOrdinalityNumbersTheRows() {
        db.rows("select * from generate_series(1, 2) g");
        assertEquals(List.of("g"), db.sink.columnNames());
        assertEquals(List.of("a|1", "b|2"), db.rows("select * from unnest('{a,b}'::text[]) with ordinality"));
        assertEquals(List.of("ABC"), db.rows("select u from upper('abc') u"));
        assertEquals(List.of("15"), db.rows("select sum(g) from generate_series(1, 5) g"));
    }

    @Test
    void jsonAndRegexSets() {
        assertEquals(List.of("a|[2]", "b|1"), db.rows("select * from jsonb_each('{\"b\": 1, \"a\": [2]}')"));
        assertEquals(List.of("{123}", "{45}"), db.rows("select * from regexp_matches('foo123bar45', '(\\d+)', 'g')"));
        assertEquals(List.of("a", "b", "", "c"), db.rows("select * from regexp_split_to_table('a,b,,c', ',')"));
    }

    @Test
    void errorsAreRaisedWithPostgresStates() {
        assertEquals("22023", db.error("select * from generate_series(1, 3, 0)").sqlState());
        assertEquals("42725", db.error("select * from generate_series('a', 'b')").sqlState());
        assertEquals("42P10", db.error("select * from generate_series(1, 2) g(a, b)").sqlState());
        assertEquals("42883", db.error("select * from nosuchfunc(1)").sqlState());
        assertEquals("42803", db.error("select * from count(*)").sqlState());
        assertEquals("22023", db.error("select * from jsonb_array_elements('{\"a\":1}')").sqlState());
    }
}
