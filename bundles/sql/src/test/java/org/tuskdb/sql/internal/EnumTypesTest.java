package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CREATE TYPE ... AS ENUM, ALTER TYPE, DROP TYPE (PostgreSQL 15's results; difftest types/enums compares more). */
class EnumTypesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void valuesCompareBySortOrderAlsoAfterAddValueBeforeAndAfter() {
        db.rows("create type mood as enum ('sad', 'ok', 'happy')");
        db.rows("create table t (m mood)");
        db.rows("insert into t values ('happy'), ('sad'), ('ok')");
        db.rows("alter type mood add value 'meh' before 'ok'");
        db.rows("alter type mood add value 'glad' after 'ok'");
        db.rows("insert into t values ('meh'), ('glad')");
        assertEquals(List.of("sad", "meh", "ok", "glad", "happy"), db.rows("select m from t order by m"));
        assertEquals(List.of("glad", "happy"), db.rows("select m from t where m > 'ok' order by m"));
        assertEquals("{sad,meh,ok,glad,happy}", db.value("select enum_range(null::mood)"));
    }

    @Test
    void renamedLabelsKeepStoredValuesAndIndexesOrderBySortOrder() {
        db.rows("create type mood as enum ('b', 'a')");
        db.rows("create table t (m mood primary key)");
        db.rows("insert into t values ('a'), ('b')");
        assertEquals("23505", db.error("insert into t values ('a')").sqlState());
        db.rows("alter type mood rename value 'a' to 'z'");
        assertEquals(List.of("b", "z"), db.rows("select m from t order by m"));
        assertEquals("z", db.value("select m from t where m = 'z'"));
        assertEquals("22P02", db.error("select 'a'::mood").sqlState());
    }

    @Test
    void dropTypeRefusesUsedTypesUnlessCascade() {
        db.rows("create type mood as enum ('x')");
        db.rows("create table t (a int, m mood)");
        var e = db.error("drop type mood");
        assertEquals("2BP01", e.sqlState());
        assertEquals("column m of table t depends on type mood", e.detail());
        db.rows("drop type mood cascade");
        assertEquals(List.of("a"), db.rows("select attname from pg_attribute where attrelid = 't'::regclass and attnum > 0"
            + " and not attisdropped"));
        assertEquals("42704", db.error("select 'x'::mood").sqlState());
    }

    @Test
    void addedValuesAreUnsafeUntilCommit() {
        db.rows("create type mood as enum ('x')");
        db.rows("begin");
        db.rows("alter type mood add value 'y'");
        assertEquals("55P04", db.error("select 'y'::mood").sqlState());
        db.rows("rollback");
        db.rows("alter type mood add value 'y'");
        assertEquals("y", db.value("select 'y'::mood"));
    }
}
