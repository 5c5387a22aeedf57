package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.TriggerSet;
import org.tuskdb.sql.internal.plan.TriggerFiring;

/** Triggers on FakeStorage (PostgreSQL 15's results for the same statements; difftests ddl/triggers and features/plpgsql_triggers). */
class TriggersTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private void touchTrigger() {
        db.rows("create table t (id int primary key, name text, n int default 0)");
        db.rows("create function touch() returns trigger language plpgsql as $$ begin "
            + "if new.id < 0 then return null; end if; new.name := upper(new.name); new.n := new.n + 1; "
            + "return new; end $$");
        db.rows("create trigger t_touch before insert or update on t for each row execute function touch()");
    }

    @Test
    void beforeRowTriggerRewritesTheRowOrSkipsIt() {
        touchTrigger();
        db.rows("insert into t (id, name) values (1, 'a'), (-1, 'skipped'), (2, 'b')");
        assertEquals("INSERT 0 2", db.tags().get(db.tags().size() - 1));
        assertEquals(List.of("1,A,1", "2,B,1"), db.rows("select id || ',' || name || ',' || n from t order by id"));
        db.rows("update t set name = 'c' where id = 2");
        assertEquals("C,2", db.value("select name || ',' || n from t where id = 2"));
    }

    @Test
    void afterRowTriggersSeeTheWholeStatementAndWriteInItsTransaction() {
        db.rows("create table t (id int)");
        db.rows("create table log (msg text)");
        db.rows("create function audit() returns trigger language plpgsql as $$ begin "
            + "insert into log values (tg_op || ' ' || new.id || ' of ' || (select count(*) from t)); return null; end $$");
        db.rows("create trigger t_audit after insert on t for each row execute function audit()");
        db.rows("insert into t values (1), (2)");
        assertEquals(List.of("INSERT 1 of 2", "INSERT 2 of 2"), db.rows("select msg from log order by msg"));
        db.rows("begin");
        db.rows("insert into t values (3)");
        db.rows("rollback");
        assertEquals("2", db.value("select count(*) from log"));
    }

    @Test
    void aTableWithoutTriggersFiresNothing() {
        db.rows("create table plain (a int)");
        db.rows("insert into plain values (1)");
        var none = new org.tuskdb.sql.internal.catalog.TableDescriptor(1, "public", CatalogTables.PUBLIC_NAMESPACE, "x",
            null, List.of(), new boolean[0], new org.tuskdb.sql.internal.expr.Expression[0], new String[0], null, false);
        assertSame(TriggerSet.NONE, none.triggers());
        assertNull(TriggerFiring.of(none, null, null)); // no per-statement trigger state at all
    }

    @Test
    void triggerFunctionErrors() {
        db.rows("create table t (id int)");
        var e = db.error("create function bad(a int) returns trigger language plpgsql as $$ begin return null; end $$");
        assertEquals("42P13", e.sqlState());
        assertEquals("trigger functions cannot have declared arguments", e.getMessage());
        db.rows("create function f() returns int language sql as 'select 1'");
        e = db.error("create trigger tr before insert on t for each row execute function f()");
        assertEquals("42P17", e.sqlState());
        assertEquals("function f must return type trigger", e.getMessage());
        db.rows("create function g() returns trigger language plpgsql as $$ begin return new; end $$");
        e = db.error("select g()");
        assertEquals("0A000", e.sqlState());
        assertEquals("trigger functions can only be called as triggers", e.getMessage());
        db.rows("create trigger tr before insert on t for each row execute function g()");
        e = db.error("drop function g()");
        assertEquals("2BP01", e.sqlState());
        db.rows("drop function g() cascade");
        assertEquals("0", db.value("select count(*) from pg_trigger"));
    }

    @Test
    void recursionEndsInStackDepthError() {
        db.rows("create table r (n int)");
        db.rows("create function rec() returns trigger language plpgsql as $$ begin "
            + "insert into r values (new.n + 1); return new; end $$");
        db.rows("create trigger r_rec before insert on r for each row execute function rec()");
        var e = db.error("insert into r values (1)");
        assertEquals("54001", e.sqlState());
        assertEquals("0", db.value("select count(*) from r"));
        assertEquals("1", db.value("select 1")); // the session goes on
    }

    @Test
    void insteadOfTriggersChangeAView() {
        db.rows("create table base (id int primary key, name text)");
        db.rows("create view v as select id, name from base");
        db.rows("create function v_ins() returns trigger language plpgsql as $$ begin "
            + "if tg_op = 'INSERT' then insert into base values (new.id, upper(new.name)); return new; end if; "
            + "if tg_op = 'UPDATE' then update base set name = new.name where id = old.id; return new; end if; "
            + "delete from base where id = old.id; return old; end $$");
        db.rows("create trigger v_t instead of insert or update or delete on v for each row execute function v_ins()");
        db.rows("insert into v values (1, 'a'), (2, 'b')");
        db.rows("update v set name = 'z' where id = 2");
        db.rows("delete from v where id = 1");
        assertEquals(List.of("2,z"), db.rows("select id || ',' || name from base order by id"));
        var e = db.error("update v set name = 'y' from base b where b.id = v.id");
        assertEquals("0A000", e.sqlState());
        e = db.error("create trigger v_b before insert on v for each row execute function v_ins()");
        assertEquals("42809", e.sqlState());
        assertEquals("Views cannot have row-level BEFORE or AFTER triggers.", e.detail());
    }
}
