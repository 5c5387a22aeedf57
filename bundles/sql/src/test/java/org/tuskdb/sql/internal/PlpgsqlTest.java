package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DO blocks and LANGUAGE plpgsql functions (PostgreSQL 15's results for the same statements). */
class PlpgsqlTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void functionsRunLoopsAndReturnValues() {
        db.rows("create function fact(n int) returns bigint language plpgsql as $$ declare r bigint := 1; "
            + "begin for i in 2..n loop r := r * i; end loop; return r; end $$");
        assertEquals("3628800", db.value("select fact(10)"));
        assertEquals("1", db.value("select fact(1)"));
    }

    @Test
    void statementsSeeVariablesAndExceptionBlocksRollBack() {
        db.rows("create table t (a int primary key)");
        db.rows("do $$ declare v int := 1; begin insert into t values (v); begin insert into t values (v + 1); "
            + "insert into t values (v); exception when unique_violation then null; end; end $$");
        assertEquals(List.of("1"), db.rows("select a from t order by a"));
    }

    @Test
    void raiseExceptionIsP0001WithContext() {
        var e = db.error("do $$ begin raise exception 'bad %', 1; end $$");
        assertEquals("P0001", e.sqlState());
        assertEquals("bad 1", e.getMessage());
        assertEquals("PL/pgSQL function inline_code_block line 1 at RAISE", e.context());
    }

    @Test
    void setReturningFunctionsCollectReturnNextAndReturnQuery() {
        db.rows("create table t (a int)");
        db.rows("insert into t values (5), (6)");
        db.rows("create function f(n int) returns table (k int, v text) language plpgsql as $$ begin "
            + "for i in 1..n loop k := i; v := 'v' || i; return next; end loop; "
            + "return query select a, 'q' from t order by a; end $$");
        assertEquals(List.of("1,v1", "2,v2", "5,q", "6,q"), db.rows("select k || ',' || v from f(2)"));
        assertEquals(List.of("(1,v1)", "(5,q)", "(6,q)"), db.rows("select f(1)"));
    }

    @Test
    void executeRunsDynamicSqlWithUsingParameters() {
        db.rows("create table t (a int, b text)");
        db.rows("do $$ declare n int; begin execute format('insert into %I values ($1, %L)', 't', 'x') using 3; "
            + "execute 'select a from t where b = $1' into strict n using 'x'; raise notice 'n=%', n; end $$");
        assertEquals(List.of("3"), db.rows("select a from t"));
        var e = db.error("do $$ begin execute null; end $$");
        assertEquals("22004", e.sqlState());
        assertEquals("query string argument of EXECUTE is null", e.getMessage());
    }

    @Test
    void variableNamedLikeColumnIsAmbiguous() {
        db.rows("create table t (id int)");
        db.rows("create function f(id int) returns int language plpgsql as $$ begin "
            + "return (select count(*) from t where id = 1); end $$");
        var e = db.error("select f(1)");
        assertEquals("42702", e.sqlState());
        assertEquals("column reference \"id\" is ambiguous", e.getMessage());
        assertEquals("It could refer to either a PL/pgSQL variable or a table column.", e.detail());
    }

    @Test
    void returnWithValueInSetReturningFunctionIsRefusedAtCreate() {
        var e = db.error("create function f() returns setof int language plpgsql as $$ begin return 1; end $$");
        assertEquals("42804", e.sqlState());
        assertEquals("RETURN cannot have a parameter in function returning set", e.getMessage());
        e = db.error("create function g() returns int language plpgsql as $$ begin return next 1; end $$");
        assertEquals("cannot use RETURN NEXT in a non-SETOF function", e.getMessage());
    }

    @Test
    void recordVariablesAreValuesOfTheirTablesRowType() {
        db.rows("create table t (id int, name text)");
        db.rows("insert into t values (1, 'a'), (2, 'b')");
        db.rows("create function up() returns setof t language plpgsql as $$ declare r t; begin "
            + "for r in select * from t order by id loop r.name := upper(r.name); return next r; end loop; end $$");
        assertEquals(List.of("1 A", "2 B"), db.rows("select id || ' ' || name from up()"));
        db.rows("create function label(x t) returns text language plpgsql as $$ begin "
            + "return x.name || x.id; end $$");
        db.rows("create function first() returns t language plpgsql as $$ declare r record; s t; begin "
            + "select * into r from t order by id limit 1; s := r; return s; end $$");
        assertEquals("a1", db.value("select label(first())"));
        assertEquals("(1,a)", db.value("select first()"));
        assertEquals("a", db.value("select (first()).name"));
    }

    @Test
    void unassignedRecordIsNullAsAWholeAnd55000ForAField() {
        var e = db.error("do $$ declare r record; begin raise notice '%', r.x; end $$");
        assertEquals("55000", e.sqlState());
        assertEquals("record \"r\" is not assigned yet", e.getMessage());
        assertEquals("The tuple structure of a not-yet-assigned record is indeterminate.", e.detail());
        db.rows("create table t (id int)");
        db.rows("create function f() returns boolean language plpgsql as $$ declare r t; q record; begin "
            + "return r is null and q is null; end $$");
        assertEquals("t", db.value("select f()"));
    }
}
