package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Row constructors and row comparisons; expected results are PostgreSQL 15's. */
class RowValuesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void tables() {
        db.rows("create table t (created int, id int, name text)");
        db.rows("insert into t values (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (2, 1, 'd'), (2, 2, null), (3, 1, 'f'),"
            + " (null, 9, 'g'), (3, null, 'h')");
    }

    @Test
    void rowConstructorIsARecordNamedRow() {
        assertEquals(List.of("(1,a)|(1,2.5,)|()"), db.rows("select row(1, 'a'), (1, 2.5, null), row()"));
        assertEquals(List.of("row", "row", "row"), db.sink.columnNames());
        assertEquals(List.of("1|2"), db.rows("select ((1, 2)).f1, (row('x', 2)).f2"));
    }

    @Test
    void equalityIsPairwiseWithNulls() {
        assertEquals(List.of("t|f||f|"),
            db.rows("select (1, 2) = (1, 2), (1, 2) = (1, 3), (1, 2) = (1, null), (1, 2) = (2, null), (null, 1) = (null, 1)"));
        assertEquals(List.of("f|t|t|"),
            db.rows("select (1, 2) <> (1, 2), (1, 2) <> (1, 3), (1, 2) <> (2, null), (1, 2) <> (1, null)"));
    }

    @Test
    void orderingComparisonsAreLexicographic() {
        assertEquals(List.of("t|f|t|t|f"),
            db.rows("select (1, 2) < (1, 3), (1, 3) < (1, 3), (1, 3) <= (1, 3), (2, 0) > (1, 9), (1, 9) >= (2, 0)"));
        assertEquals(List.of("t|||t|t"),
            db.rows("select (1, null) < (2, 1), (1, null) < (1, 3), (null, 1) <= (null, 1), (2, null) > (1, null),"
                + " (1, 2, 3) < (1, 2, 4)"));
    }

    @Test
    void keysetPagination() {
        assertEquals(List.of("1|3", "2|1"),
            db.rows("select created, id from t where (created, id) > (1, 2) order by created, id limit 2"));
        assertEquals(List.of("2|2", "3|1", "3|"),
            db.rows("select created, id from t where (created, id) > (2, 1) order by created, id"));
        assertEquals(List.of("2|1", "1|3", "1|2", "1|1"),
            db.rows("select created, id from t where (created, id) < (2, 2) order by created desc, id desc"));
        assertEquals(List.of("2"), db.rows("select id from t where (created, id) = (1, 2)"));
    }

    @Test
    void inListsAndSubqueriesOfRows() {
        assertEquals(List.of("t|t||f"),
            db.rows("select (1, 2) in ((1, 2), (3, 4)), (1, 2) not in ((1, 3), (3, 4)), (1, null) in ((1, 2)),"
                + " (1, null) in ((2, 2))"));
        assertEquals(List.of("1|1", "2|2"),
            db.rows("select created, id from t where (created, id) in ((1, 1), (2, 2), (3, 3)) order by 1, 2"));
        assertEquals(List.of("t|t|t|t"),
            db.rows("select (1, 2) in (select 1, 2), (1, 2) = any (select 1, 2), (1, 2) < all (select 3, 4),"
                + " (1, 2) <> all (select 1, 3)"));
        assertEquals(List.of("|t"),
            db.rows("select (1, 2) not in (select 1, null::int), (1, 3) not in (select 2, null::int)"));
        assertEquals(List.of("1|1", "1|2", "1|3", "2|1", "2|2", "3|1"),
            db.rows("select a.created, a.id from t a where (a.created, a.id) in (select b.id, b.created from t b) order by 1, 2"));
        assertEquals(List.of("1|d"),
            db.rows("select a.id, a.name from t a where (a.created, a.id) = (select max(created), min(id) from t where created < 3)"));
        assertEquals("21000", db.error("select (1, 2) < (select 1, 3 union select 1, 4)").sqlState());
    }

    @Test
    void distinctAndNullTestsOfRows() {
        assertEquals(List.of("t|t|f|f"),
            db.rows("select (1, 2) is distinct from (1, null), (1, null) is not distinct from (1, null),"
                + " (1, 2) is distinct from (1, 2), (null, 2) is not distinct from (1, 2)"));
        assertEquals(List.of("f|t|f|f|t"),
            db.rows("select (1, 2) is null, (null, null) is null, (1, null) is not null, row(null, 1) is not null,"
                + " (1, 2) is not null"));
    }

    @Test
    void rowsOfUnequalLengthAre42601() {
        DatabaseException e = db.error("select (1, 2) = (1, 2, 3)");
        assertEquals("42601", e.sqlState());
        assertEquals("unequal number of entries in row expressions", e.getMessage());
        assertEquals(15, e.position());
        assertEquals("42601", db.error("select (1, 2) < (1, 2, 3)").sqlState());
        assertEquals("subquery has too few columns", db.error("select (1, 2) in (select 1)").getMessage());
        assertEquals("subquery has too many columns", db.error("select (1, 2) in (select 1, 2, 3)").getMessage());
        assertEquals("operator does not exist: record = integer", db.error("select (1, 2) = 1").getMessage());
        assertEquals("operator does not exist: integer ~ integer", db.error("select (1, 2) ~ (3, 4)").getMessage());
    }
}
