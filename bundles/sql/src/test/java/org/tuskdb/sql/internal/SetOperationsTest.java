package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** UNION / INTERSECT / EXCEPT [ALL], WITH [RECURSIVE] and window functions; expected results are PostgreSQL 15's. */
class SetOperationsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void unionRemovesDuplicatesUnionAllKeepsThem() {
        assertEquals(List.of("1", "2"), db.rows("select 1 union select 2 union select 1 order by 1"));
        assertEquals(List.of("1", "1", "2"), db.rows("select 1 union all select 1 union all select 2 order by 1"));
    }

    @Test
    void intersectAndExceptWithAndWithoutAll() {
        db.rows("create table u (id int)");
        db.rows("insert into u values (1), (1), (2), (null)");
        assertEquals(List.of("1", "1", "2", ""), db.rows("select id from u intersect all select id from u order by 1"));
        assertEquals(List.of("1", "2", ""), db.rows("select id from u except all select 1 order by 1"));
        assertEquals(List.of("2", ""), db.rows("select id from u except select 1 order by 1"));
        assertEquals(List.of("1"), db.rows("select id from u intersect select 1"));
    }

    @Test
    void columnTypesAreResolvedAcrossTheSides() {
        assertEquals(List.of("1", "1.5"), db.rows("select 1 union select 1.5 order by 1"));
        assertEquals(List.of("1", ""), db.rows("select null union select 1 order by 1"));
        DatabaseException e = db.error("select 1 union select 'a'");
        assertEquals("22P02", e.sqlState());
        assertEquals("42601", db.error("select 1, 2 union select 1").sqlState());
        assertEquals("0A000", db.error("select 1 as a union select 2 order by a + 1").sqlState());
    }

    @Test
    void orderByAndLimitApplyToTheWholeSetOperation() {
        assertEquals(List.of("y|2"), db.rows("select 'x' as b, 1 as a union select 'y', 2 order by b desc limit 1"));
        assertEquals(List.of("2", "3", "100"),
            db.rows("(select 3 union select 2 union select 1 order by 1 desc limit 2) union all (select 100) order by 1"));
    }

    @Test
    void withAndWithRecursive() {
        assertEquals(List.of("1|2"), db.rows("with a as (select 1 as x), b as (select x + 1 as y from a) select * from a, b"));
        assertEquals(List.of("1", "2", "3", "4", "5"),
            db.rows("with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r"));
        assertEquals(List.of("1", "2", "3"),
            db.rows("with recursive r(n) as (select 1 union select n % 3 + 1 from r) select * from r order by n"));
        assertEquals(List.of("1", "2", "3"),
            db.rows("with recursive r as (select 1 as n union all select n + 1 from r) select * from r limit 3"));
        assertEquals("42712", db.error("with x as (select 1), x as (select 2) select 1").sqlState());
    }

    @Test
    void windowFunctions() {
        db.rows("create table w (dept text, emp text, sal int)");
        db.rows("insert into w values ('a','x',10),('a','y',20),('a','z',20),('b','p',5),('b','q',null),('c','r',7)");
        assertEquals(List.of("x|1|1|1|10", "y|2|2|2|50", "z|3|2|2|50", "p|1|1|1|5", "q|2|2|2|5", "r|1|1|1|7"), db.rows(
            "select emp, row_number() over (partition by dept order by sal, emp), rank() over (partition by dept order by sal), "
                + "dense_rank() over (partition by dept order by sal), sum(sal) over (partition by dept order by sal) "
                + "from w order by dept, emp"));
        assertEquals(List.of("p||10", "q|5|20", "r||20", "x|7|-1", "y|10|-1", "z|20|-1"),
            db.rows("select emp, lag(sal) over (order by emp), lead(sal, 3, -1) over (order by emp) from w order by emp"));
        assertEquals("42P20", db.error("select emp from w where row_number() over () > 1").sqlState());
    }
}
