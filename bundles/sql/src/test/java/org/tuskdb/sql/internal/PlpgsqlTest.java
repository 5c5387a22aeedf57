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
}
