package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** CREATE / DROP SCHEMA, qualified names in DDL and DML, search_path resolution and creation. */
class SchemasTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void qualifiedNamesReachTheirSchema() {
        db.rows("create schema s");
        assertEquals(List.of("CREATE SCHEMA"), db.tags());
        db.rows("create table s.t (a int)");
        db.rows("create table t (a int)");
        db.rows("insert into s.t values (1)");
        db.rows("insert into t values (2)");
        assertEquals("1", db.value("select a from s.t"));
        assertEquals("1", db.value("select s.t.a from s.t"));
        assertEquals("2", db.value("select a from public.t"));
        db.rows("update s.t set a = 10 where a = 1");
        assertEquals("10", db.value("select * from s.t"));
        db.rows("create sequence s.q");
        assertEquals("1", db.value("select nextval('s.q')"));
        assertEquals("42P01", db.error("select nextval('q')").sqlState());
    }

    @Test
    void aSchemaNamedForTheUserCreatedByAnotherSessionTakesOverResolution() {
        SessionFixture other = new SessionFixture(engine);
        db.rows("create table t (x text)");
        db.rows("insert into t values ('public')");
        assertEquals("public", db.value("select x from t")); // "$user" (alice) does not exist yet
        assertEquals("public", db.value("select x from t"));
        other.rows("create schema alice");
        other.rows("create table alice.t (x text)");
        other.rows("insert into alice.t values ('alice')");
        assertEquals("alice", db.value("select x from t"));
        assertEquals("{alice,public}", db.value("select current_schemas(false)::text"));
        other.rows("drop schema alice cascade");
        assertEquals("public", db.value("select x from t"));
    }

    @Test
    void searchPathDecidesResolutionAndCreation() {
        db.rows("create schema a");
        db.rows("create schema b");
        db.rows("create table b.t (x text)");
        db.rows("insert into b.t values ('b')");
        assertEquals("42P01", db.error("select * from t").sqlState());
        db.rows("set search_path = a, b");
        assertEquals("b", db.value("select x from t"));
        db.rows("create table t (x text)"); // goes to a, the first schema
        db.rows("insert into t values ('a')");
        assertEquals("a", db.value("select x from t"));
        assertEquals("a", db.value("select x from a.t"));
        db.rows("set search_path = nosuch");
        DatabaseException e = db.error("create table u (a int)");
        assertEquals("3F000", e.sqlState());
        assertEquals("no schema has been selected to create in", e.getMessage());
        assertEquals("21", db.value("select relnatts from pg_class where relname = 'pg_class'"));
        db.rows("reset search_path");
        assertEquals("42P01", db.error("select * from t").sqlState());
    }

    @Test
    void preparedStatementsFollowSearchPathChanges() {
        db.rows("create schema a");
        db.rows("create table a.t (x int)");
        db.rows("create table t (x int)");
        db.rows("insert into a.t values (1)");
        db.rows("insert into t values (2)");
        db.session.parse("p", "select x from t", new int[0]);
        db.rows("set search_path = a");
        db.sink.clear();
        db.session.bind("", "p", new short[0], new byte[0][], new short[0]);
        db.session.execute("", 0, db.sink);
        db.session.sync();
        assertEquals(List.of("1"), db.sink.allRows());
    }

    @Test
    void createAndDropSchemaErrors() {
        db.rows("create schema s");
        assertEquals("schema \"s\" already exists", db.error("create schema s").getMessage());
        db.rows("create schema if not exists s");
        assertEquals("schema \"s\" already exists, skipping", db.sink.notices.get(0).getMessage());
        assertEquals("42939", db.error("create schema pg_x").sqlState());
        assertEquals("3F000", db.error("create table nosuch.t (a int)").sqlState());
        assertEquals("schema \"nosuch\" does not exist", db.error("drop schema nosuch").getMessage());
        db.rows("drop schema if exists nosuch");
        assertEquals("schema \"nosuch\" does not exist, skipping", db.sink.notices.get(0).getMessage());
        db.rows("create table s.t (id serial)");
        db.rows("create sequence s.q");
        DatabaseException e = db.error("drop schema s");
        assertEquals("2BP01", e.sqlState());
        assertEquals("cannot drop schema s because other objects depend on it", e.getMessage());
        assertEquals("table s.t depends on schema s\nsequence s.q depends on schema s", e.detail());
        db.rows("drop schema s cascade");
        assertEquals("drop cascades to 2 other objects", db.sink.notices.get(0).getMessage());
        assertEquals("drop cascades to table s.t\ndrop cascades to sequence s.q", db.sink.notices.get(0).detail());
        assertEquals(List.of(), db.rows("select relname from pg_class where relname in ('t', 't_id_seq', 'q')"));
        assertEquals(List.of("information_schema", "pg_catalog", "public"), db.rows("select nspname from pg_namespace order by nspname"));
    }
}
