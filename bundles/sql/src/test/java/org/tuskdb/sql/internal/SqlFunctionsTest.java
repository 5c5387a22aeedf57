package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CREATE FUNCTION ... LANGUAGE sql, calls, DROP FUNCTION (PostgreSQL 15's results for the same statements). */
class SqlFunctionsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void createdFunctionsAreCalledByNameWithParametersByNameAndPosition() {
        db.rows("create function add1(x int) returns int language sql immutable as $$ select x + 1 $$");
        db.rows("create function add2(int, int) returns int as 'select $1 + $2' language sql strict");
        assertEquals(List.of("2|5"), db.rows("select add1(1), add2(2, 3)"));
        assertEquals(List.of("t"), db.rows("select add2(null, 3) is null"));
        db.rows("create table t (a int)");
        db.rows("insert into t values (1), (2), (3)");
        assertEquals(List.of("2", "3"), db.rows("select a from t where add1(a) > 2 order by a"));
        db.rows("create function tcount() returns bigint language sql stable return (select count(*) from t)");
        assertEquals("3", db.value("select tcount()"));
        db.rows("create function public.twice(x int) returns int language sql as 'select add1(x) + add1(x) - 2'");
        assertEquals("4", db.value("select public.twice(2)"));
    }

    @Test
    void bodiesAreCheckedAtCreation() {
        assertEquals("42703", db.error("create function f(x int) returns int language sql as $$ select y $$").sqlState());
        var e = db.error("create function f(x int) returns int language sql as $$ select 'a'::text $$");
        assertEquals("42P13", e.sqlState());
        assertEquals("return type mismatch in function declared to return integer", e.getMessage());
        assertEquals("42601", db.error("create function f() returns int language plpgsql as $$ begin x $$").sqlState());
    }

    @Test
    void dropAndReplaceFollowPostgresRules() {
        db.rows("create function f(x int) returns int language sql as 'select x'");
        db.rows("create function f(x text) returns int language sql as 'select 1'");
        assertEquals("42725", db.error("drop function f").sqlState());
        assertEquals("42P13", db.error("create or replace function f(x int) returns text language sql as 'select 1::text'")
            .sqlState());
        db.rows("create or replace function f(x int) returns int language sql as 'select x * 10'");
        assertEquals("30", db.value("select f(3)"));
        db.rows("drop function f(int)");
        assertEquals("42883", db.error("drop function f(int)").sqlState());
        assertEquals("1", db.value("select f('a')"));
        db.rows("drop function if exists f(int), f(text)");
        assertEquals("42883", db.error("select f('a')").sqlState());
    }

    @Test
    void voidFunctionsRunTheirStatements() {
        db.rows("create table log (m text)");
        db.rows("create function note(m text) returns void language sql as $$ insert into log values (m); "
            + "insert into log values (m || '!') $$");
        db.rows("select note('hi')");
        assertEquals(List.of("hi", "hi!"), db.rows("select m from log order by m"));
    }

    @Test
    void recordResultsTakeTheCallsColumnDefinitionList() {
        db.rows("create function pairs() returns setof record language sql as $$ select 1, 'a'::text $$");
        assertEquals(List.of("1|a"), db.rows("select * from pairs() as (n int, t text)"));
        assertEquals(List.of("a"), db.rows("select x.t from pairs() x(n int, t text)"));
        assertEquals(List.of("(1,a)"), db.rows("select pairs()"));
        var e = db.error("select * from pairs()");
        assertEquals("42601", e.sqlState());
        assertEquals("a column definition list is required for functions returning \"record\"", e.getMessage());
        e = db.error("select * from pairs() as (n int, t int)");
        assertEquals("42P13", e.sqlState());
        assertEquals("Final statement returns text instead of integer at column 2.", e.detail());
        e = db.error("select * from generate_series(1, 2) as (n int)");
        assertEquals("a column definition list is only allowed for functions returning \"record\"", e.getMessage());
    }

    @Test
    void variadicParametersTakeAListOrAnArray() {
        db.rows("create function total(label text, variadic n int[]) returns text language sql as "
            + "$$ select label || (select sum(x) from unnest(n) x) $$");
        assertEquals(List.of("s6|s3|"), db.rows("select total('s', 1, 2, 3), total('s', variadic array[1, 2]), "
            + "total('s', variadic '{}'::int[])"));
        assertEquals("42883", db.error("select total('s')").sqlState());
        assertEquals("42883", db.error("select total('s', array[1])").sqlState());
        var e = db.error("create function bad(variadic int) returns int language sql as 'select 1'");
        assertEquals("42P13", e.sqlState());
        assertEquals("VARIADIC parameter must be an array", e.getMessage());
    }

    @Test
    void rowTypeValuesAreReadWrittenAndPassedWhole() {
        db.rows("create table t (id int, name varchar(3))");
        db.rows("insert into t values (1, 'a')");
        db.rows("create function lbl(r t) returns text language sql as $$ select r.name || r.id $$");
        assertEquals(List.of("a1"), db.rows("select lbl(t.*) from t"));
        assertEquals(List.of("2|b c"), db.rows("select ('(2,\"b c\")'::t).*"));
        assertEquals(List.of("t|f"), db.rows("select '(,)'::t is null, '(1,)'::t is not null"));
        var e = db.error("select '(1,a,b)'::t");
        assertEquals("22P02", e.sqlState());
        assertEquals("Too many columns.", e.detail());
    }
}
