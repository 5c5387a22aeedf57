package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Aggregates, GROUP BY, HAVING, DISTINCT [ON], ORDER BY; expected results are PostgreSQL 15's. */
class AggregatesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table t (g int, h text, x int, y bigint, z numeric, f float8, b bool)");
        db.rows("insert into t values (1,'a',1,10,1.5,0.5,true),(1,'b',2,20,2.25,1.5,false),"
            + "(2,'a',3,null,null,null,true),(2,'a',null,40,4,2,true),(3,null,5,50,5.125,3,null)");
    }

    @Test
    void aggregatesWithoutGroupByAndTheirResultTypes() {
        assertEquals("5|4|3|11|120|12.875|2.7500000000000000|30.0000000000000000|3.2187500000000000|1.75|7|a|b",
            db.value("select count(*), count(x), count(distinct g), sum(x), sum(y), sum(z), avg(x), avg(y), avg(z), "
                + "avg(f), sum(f), min(h), max(h) from t"));
        assertEquals("bigint|numeric|numeric|bigint|double precision",
            db.value("select pg_typeof(sum(x)), pg_typeof(sum(y)), pg_typeof(avg(x)), pg_typeof(count(*)), "
                + "pg_typeof(sum(f)) from t"));
    }

    @Test
    void emptyInputGivesOneRowWithoutGroupBy() {
        assertEquals("0||", db.value("select count(*), sum(x), max(x) from t where false"));
        assertEquals(List.of(), db.rows("select g, count(*) from t where false group by g"));
    }

    @Test
    void groupByExpressionsOrdinalsAndOutputNames() {
        assertEquals(List.of("1|2|3", "2|2|3", "3|1|5"), db.rows("select g, count(*), sum(x) as s from t group by g order by g"));
        assertEquals(List.of("1|a|1", "1|b|1", "2|a|2", "3||1"), db.rows("select g, h, count(*) from t group by 1, 2 order by 1, 2"));
        assertEquals(List.of("2|2", "3|2", "4|1"), db.rows("select g + 1 as k, count(*) from t group by k order by k"));
        assertEquals(List.of("2|3", "4|3", "6|5"), db.rows("select g * 2, sum(x) from t group by g * 2 order by 1"));
    }

    @Test
    void havingAndBooleanAggregates() {
        assertEquals(List.of("1|2", "2|2"), db.rows("select g, count(*) from t group by g having count(*) > 1 order by g"));
        assertEquals(List.of("1|f|t|f", "2|t|t|t", "3|||"),
            db.rows("select g, bool_and(b), bool_or(b), every(b) from t group by g order by g"));
        assertEquals(List.of(), db.rows("select 1 from t having count(*) > 5"));
    }

    @Test
    void stringAggWithOrderAndFilter() {
        assertEquals("b,a,a,a", db.value("select string_agg(h, ',' order by h desc) from t"));
        assertEquals("2", db.value("select count(*) filter (where x > 1 and g < 3) from t"));
    }

    @Test
    void ungroupedColumnsAndMisplacedAggregatesAre42803() {
        DatabaseException e = db.error("select g, x from t group by g");
        assertEquals("42803", e.sqlState());
        assertEquals("column \"t.x\" must appear in the GROUP BY clause or be used in an aggregate function", e.getMessage());
        assertEquals(11, e.position());
        assertEquals("aggregate functions are not allowed in WHERE", db.error("select 1 from t where sum(x) > 1").getMessage());
        assertEquals("aggregate function calls cannot be nested", db.error("select sum(count(*)) from t").getMessage());
        assertEquals("42P10", db.error("select count(*) from t group by 5").sqlState());
        assertEquals("42883", db.error("select sum(h) from t").sqlState());
    }

    @Test
    void distinctDistinctOnAndNullOrdering() {
        assertEquals(List.of("1", "2", "3"), db.rows("select distinct g from t order by g"));
        assertEquals(List.of("1|2", "2|", "3|5"), db.rows("select distinct on (g) g, x from t order by g, x desc"));
        assertEquals("42P10", db.error("select distinct on (g) g, x from t order by x").sqlState());
        assertEquals(List.of("", "1", "2", "3", "5"), db.rows("select x from t order by x nulls first"));
        assertEquals(List.of("5", "3", "2", "1", ""), db.rows("select x from t order by x desc nulls last"));
        assertEquals(List.of("3", "2", "1", "1", "2"), db.rows("select g from t order by -x"));
        assertEquals(List.of("1|1", "1|1"), db.rows("select g, g from t order by g limit 2"));
        assertEquals("42702", db.error("select g as k, x as k from t order by k").sqlState());
    }
}
