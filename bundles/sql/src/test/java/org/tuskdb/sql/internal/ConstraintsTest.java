package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** NOT NULL, CHECK and DEFAULT on INSERT and UPDATE, and their catalog rows (pg_constraint, pg_attrdef). */
class ConstraintsTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void notNullViolationShowsTheFailingRow() {
        db.rows("create table t (a int not null, b text)");
        DatabaseException e = db.error("insert into t values (null, 'x')");
        assertEquals("23502", e.sqlState());
        assertEquals("null value in column \"a\" of relation \"t\" violates not-null constraint", e.getMessage());
        assertEquals("Failing row contains (null, x).", e.detail());
        db.rows("insert into t values (1, 'y')");
        e = db.error("update t set a = null");
        assertEquals("23502", e.sqlState());
        assertEquals("Failing row contains (null, y).", e.detail());
    }

    @Test
    void checkConstraintsAreNamedAndEnforced() {
        db.rows("create table t (a int check (a > 0), b int, c int constraint c_small check (c < 10), "
            + "check (a < b), check (b > 0))");
        assertEquals(List.of("t_b_check|c|{2}", "t_check|c|{1,2}", "c_small|c|{3}", "t_a_check|c|{1}"),
            db.rows("select conname, contype, conkey from pg_constraint order by oid desc"));
        DatabaseException e = db.error("insert into t values (-1, 5, 1)");
        assertEquals("23514", e.sqlState());
        assertEquals("new row for relation \"t\" violates check constraint \"t_a_check\"", e.getMessage());
        assertEquals("Failing row contains (-1, 5, 1).", e.detail());
        assertEquals("t_check", db.error("insert into t values (6, 5, 1)").getMessage().replaceAll(".*\"(\\w+)\"$", "$1"));
        db.rows("insert into t values (1, 5, null)"); // NULL passes a CHECK
        e = db.error("update t set c = 11");
        assertEquals("new row for relation \"t\" violates check constraint \"c_small\"", e.getMessage());
        assertEquals(List.of("1|5|"), db.rows("select * from t"));
    }

    @Test
    void checkMustBeBoolean() {
        DatabaseException e = db.error("create table t (a int check (a + 1))");
        assertEquals("42804", e.sqlState());
        assertEquals("argument of CHECK must be type boolean, not type integer", e.getMessage());
        assertEquals("42703", db.error("create table t (a int check (b > 0))").sqlState());
    }

    @Test
    void defaultsAreStoredInPgAttrdefAndEvaluatedPerRow() {
        db.rows("create sequence s");
        db.rows("create table t (a bigint default nextval('s'), b text default 'x' || 'y', c int)");
        assertEquals(List.of("1|'x' || 'y'", "0|nextval('s')"),
            db.rows("select adnum - 1, adbin from pg_attrdef order by adnum desc"));
        db.rows("insert into t (c) values (1), (2)");
        db.rows("insert into t values (default, default, 3)");
        db.rows("insert into t default values");
        db.rows("update t set b = default, c = 9 where c = 3");
        assertEquals(List.of("1|xy|1", "2|xy|2", "3|xy|9", "4|xy|"), db.rows("select * from t order by a"));
        assertEquals("t", db.value("select atthasdef from pg_attribute where attname = 'b'"));
    }

    @Test
    void primaryKeyIsRecordedAndImpliesNotNull() {
        db.rows("create table p (id int primary key, code text unique)");
        db.rows("create table c (id int, pid int references p, foreign key (id) references p (id) on delete cascade)");
        assertEquals(List.of("p_pkey|p|{1}", "p_code_key|u|{2}", "c_pid_fkey|f|{2}", "c_id_fkey|f|{1}"),
            db.rows("select conname, contype, conkey from pg_constraint order by oid"));
        assertEquals("c", db.value("select confdeltype from pg_constraint where conname = 'c_id_fkey'"));
        assertEquals("23502", db.error("insert into p values (null, 'a')").sqlState());
        assertEquals("42P16", db.error("create table q (a int primary key, b int, primary key (b))").sqlState());
        assertEquals("42830", db.error("create table r (a int references c)").sqlState());
    }

    @Test
    void dropTableRemovesItsConstraintsAndDefaults() {
        db.rows("create table t (a int check (a > 0) default 1)");
        db.rows("drop table t");
        assertEquals(List.of(), db.rows("select conname from pg_constraint"));
        assertEquals(List.of(), db.rows("select adbin from pg_attrdef"));
    }
}
