package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CREATE / ALTER / DROP DOMAIN and values of domains (PostgreSQL 15's results; difftest types/domains compares more). */
class DomainsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void checksRunOnInsertUpdateAndCastsAndOperatorsSeeTheBaseType() {
        db.rows("create domain posint as int check (value > 0)");
        db.rows("create table t (id posint, n int)");
        db.rows("insert into t values (1, 1)");
        var e = db.error("insert into t values (0, 1)");
        assertEquals("23514", e.sqlState());
        assertEquals("value for domain posint violates check constraint \"posint_check\"", e.getMessage());
        assertEquals("23514", db.error("update t set id = -1").sqlState());
        assertEquals("23514", db.error("select (-5)::posint").sqlState());
        assertEquals("3|integer", db.value("select id + 2 || '|' || pg_typeof(id + 2) from t"));
        assertEquals("posint", db.value("select pg_typeof(id) from t"));
    }

    @Test
    void notNullAndDefaultApplyToColumnsWithoutTheirOwn() {
        db.rows("create domain code as varchar(3) default 'x' not null");
        db.rows("create table t (a int, c code)");
        db.rows("insert into t (a) values (1)");
        assertEquals("x", db.value("select c from t"));
        db.rows("alter domain code drop default");
        var e = db.error("insert into t (a) values (2)");
        assertEquals("23502", e.sqlState());
        assertEquals("domain code does not allow null values", e.getMessage());
        assertEquals("22001", db.error("insert into t values (3, 'abcd')").sqlState());
    }

    @Test
    void preparedStatementsSeeConstraintsAddedLater() {
        db.rows("create domain small as int");
        db.rows("create table t (v small)");
        db.rows("prepare ins(int) as insert into t values ($1)");
        db.rows("execute ins(50)");
        db.rows("delete from t");
        db.rows("alter domain small add constraint small_max check (value < 10)");
        assertEquals("23514", db.error("execute ins(50)").sqlState());
        db.rows("execute ins(5)");
        assertEquals(List.of("5"), db.rows("select v from t"));
    }

    @Test
    void addConstraintAndSetNotNullCheckExistingRows() {
        db.rows("create domain d as int");
        db.rows("create table t (c d)");
        db.rows("insert into t values (5), (null)");
        var e = db.error("alter domain d add check (value > 10)");
        assertEquals("23514", e.sqlState());
        assertEquals("column \"c\" of table \"t\" contains values that violate the new constraint", e.getMessage());
        assertEquals("23502", db.error("alter domain d set not null").sqlState());
        db.rows("alter domain d add check (value > 1)");
        assertEquals("d_check", db.value("select conname from pg_constraint where contypid = 'd'::regtype"));
    }
}
