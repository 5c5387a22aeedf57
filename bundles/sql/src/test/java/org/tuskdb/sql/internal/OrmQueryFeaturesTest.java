package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/**
 * SQL that applications and ORMs send and that needs more than the basic grammar: named
 * function arguments, OVERLAPS, whole-row references, grouping sets, RANGE frames with
 * offsets, operator classes in CREATE INDEX, unit spellings, DISTINCT aggregates' order.
 */
class OrmQueryFeaturesTest {
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    @Test
    void namedArgumentsFillTheirParametersAndDefaultsTheRest() {
        assertEquals("1 year 3 days 02:00:00", db.value("select make_interval(1, hours => 2, days := 3)"));
        assertEquals("00:00:00", db.value("select make_interval()"));
        DatabaseException e = db.error("select make_interval(dayz => 3)");
        assertEquals("42883", e.sqlState());
        assertEquals("function make_interval(dayz => integer) does not exist", e.getMessage());
        assertEquals("positional argument cannot follow named argument",
            db.error("select make_interval(days => 3, 1)").getMessage());
    }

    @Test
    void overlapsFollowsSqlNullRules() {
        assertEquals("t", db.value("select (date '2024-01-01', date '2024-01-05') overlaps (date '2024-01-03', date '2024-01-09')"));
        assertEquals("f", db.value("select (time '10:00', time '11:00') overlaps (time '11:00', interval '1 hour')"));
        assertEquals("t", db.value("select ((timestamp '2024-01-01', null::timestamp) overlaps "
            + "(timestamp '2024-01-02', timestamp '2024-01-03')) is null"));
        assertEquals("42601", db.error("select (1, 2, 3) overlaps (1, 2)").sqlState());
    }

    @Test
    void aTableNameIsItsRowAndConvertsToJson() {
        db.rows("create table t (id int, name text)");
        db.rows("insert into t values (1, 'a'), (2, null)");
        assertEquals(List.of("(1,a)", "(2,)"), db.rows("select t from t order by id"));
        assertEquals(List.of("{\"id\":1,\"name\":\"a\"}"), db.rows("select row_to_json(x) from t x where id = 1"));
        assertEquals("{\"id\": 2, \"name\": null}", db.value("select to_jsonb(t) from t where id = 2"));
        assertEquals("a", db.value("select (x).name from t x where id = 1"));
        assertEquals("[{\"id\":1,\"name\":\"a\"}, \n {\"id\":2,\"name\":null}]", db.value("select json_agg(t order by id) from t"));
    }

    @Test
    void rollupAddsSubtotalsAndGroupingTellsThemApart() {
        db.rows("create table s (r text, p text, n int)");
        db.rows("insert into s values ('eu', 'a', 1), ('eu', 'b', 2), ('us', 'a', 4)");
        assertEquals(List.of("eu|a|1|0", "eu|b|2|0", "eu||3|1", "us|a|4|0", "us||4|1", "||7|3"),
            db.rows("select r, p, sum(n), grouping(r, p) from s group by rollup (r, p) order by r, p"));
        assertEquals(List.of("|a|5", "|b|2", "eu||3", "us||4"),
            db.rows("select r, p, sum(n) from s group by grouping sets ((r), (p)) order by 1 nulls first, 2"));
        assertEquals("7", db.value("select sum(n) from s group by ()"));
        assertEquals("42803", db.error("select r, p from s group by rollup (r)").sqlState());
    }

    @Test
    void rangeFramesWithOffsetsCompareTheOrderKey() {
        db.rows("create table w (id int, n int, d date)");
        db.rows("insert into w values (1, 1, '2024-01-01'), (2, 2, '2024-01-02'), (3, 4, '2024-01-02'), (4, null, null)");
        assertEquals(List.of("1|3", "2|3", "3|4", "4|"),
            db.rows("select id, sum(n) over (order by n range between 1 preceding and 1 following) from w order by id"));
        assertEquals(List.of("1|1", "2|3", "3|3", "4|1"), db.rows("select id, count(*) over (order by d "
            + "range between interval '1 day' preceding and current row) from w order by id"));
        assertEquals("22013", db.error("select sum(n) over (order by n range -1 preceding) from w").sqlState());
    }

    @Test
    void indexOperatorClassesAreAcceptedAndUnknownOnesRejected() {
        db.rows("create table i (title varchar(20))");
        db.rows("create index i_like on i (title varchar_pattern_ops)");
        assertEquals(List.of("CREATE INDEX"), db.tags());
        assertEquals("42704", db.error("create index i_bad on i (title nosuch_ops)").sqlState());
    }

    @Test
    void unitSpellingsAndDistinctAggregateOrder() {
        assertEquals("1500.000", db.value("select extract(millisecond from timestamp '2024-01-01 10:00:01.5')"));
        assertEquals("22023", db.error("select extract(fortnight from timestamp '2024-01-01')").sqlState());
        assertEquals("atrue", db.value("select 'a' || true"));
        db.rows("create table v (x int)");
        db.rows("insert into v values (3), (1), (null), (3), (2)");
        assertEquals("{1,2,3,NULL}", db.value("select array_agg(distinct x) from v"));
    }

    @Test
    void likeAnyMultiColumnSetAndZippedUnnest() {
        db.rows("create table u (id int primary key, a text, b int default 5)");
        db.rows("insert into u (id, a) select * from unnest(array[1, 2, 3], array['Hello', 'world'])");
        assertEquals(List.of("1|Hello|5", "2|world|5", "3||5"), db.rows("select * from u order by id"));
        assertEquals(List.of("1", "2"), db.rows("select id from u where a ilike any (array['h%', '%LD']) order by id"));
        db.rows("update u set b = 7 where id = 3");
        db.rows("update u set (a, b) = ('x', default) where id = 3");
        assertEquals("42601", db.error("update u set (a, b) = ('x', default), b = 7").sqlState());
        assertEquals("x|5", db.value("select a, b from u where id = 3"));
        assertEquals("42601", db.error("update u set (a, b) = ('x', 1, 2)").sqlState());
        db.rows("insert into u (id, a) values (3, 'y') on conflict (id) where b > 0 do update set a = excluded.a");
        assertEquals("y", db.value("select a from u where id = 3"));
    }

    @Test
    void jsonbPathDeleteDateBinAndIntervalToChar() {
        assertEquals("{\"a\": 1, \"b\": {\"d\": 3}}", db.value("select '{\"a\":1,\"b\":{\"c\":2,\"d\":3}}'::jsonb #- '{b,c}'"));
        assertEquals("2024-01-01 08:00:00",
            db.value("select date_bin('1 hour', timestamp '2024-01-01 08:30', timestamp '2024-01-01 10:00')"));
        assertEquals("30:15", db.value("select to_char(interval '30 hours 15 minutes', 'HH24:MI')"));
    }
}
