package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** FETCH FIRST n ROWS WITH TIES: the rows tied with the last one on the ORDER BY keys follow (PostgreSQL 15's results). */
class FetchWithTiesTest {
    private final SessionFixture a = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    private void table() {
        a.rows("create table t (id int, g int)");
        a.rows("insert into t values (1, 1), (2, 1), (3, 2), (4, 2), (5, 2), (6, 3)");
    }

    @Test
    void tiedRowsFollowTheLastCountedRow() {
        table();
        assertEquals(List.of("1|1", "2|1"), a.rows("select * from t order by g fetch first 1 row with ties")
            .stream().sorted().toList());
        assertEquals(List.of("1", "1", "2", "2", "2"), a.rows("select g from t order by g fetch first 3 rows with ties"));
        assertEquals(List.of("1", "2", "2", "2"),
            a.rows("select g from t order by g offset 1 rows fetch first 2 rows with ties"));
        assertEquals(List.of(), a.rows("select * from t order by g fetch first 0 rows with ties"));
        assertEquals(List.of("6|3"), a.rows("select * from t order by g desc fetch next row with ties"));
        assertEquals(List.of("1", "1", "2", "2", "2", "3"), a.rows("select g from t order by g fetch first 6 rows with ties"));
    }

    @Test
    void errorsAsPostgreSql() {
        table();
        DatabaseException e = a.error("select * from t fetch first 1 row with ties");
        assertEquals("42601", e.sqlState());
        assertEquals("WITH TIES cannot be specified without ORDER BY clause", e.getMessage());
        e = a.error("select * from t order by g fetch first null rows with ties");
        assertEquals("2201W", e.sqlState());
        assertEquals("row count cannot be null in FETCH FIRST ... WITH TIES clause", e.getMessage());
        e = a.error("select * from t order by g fetch first 1 row with ties for update skip locked");
        assertEquals("SKIP LOCKED and WITH TIES options cannot be used together", e.getMessage());
        assertEquals("42601", a.error("select * from t order by g limit 1 with ties").sqlState());
    }
}
