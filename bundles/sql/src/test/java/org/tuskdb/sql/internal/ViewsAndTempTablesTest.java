package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Views (pg_rewrite), COMMENT ON (pg_description), temporary tables and their end with the session. */
class ViewsAndTempTablesTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void viewsRunTheirStoredQuery() {
        db.rows("create table t (a int, b text)");
        db.rows("insert into t values (1, 'x'), (2, 'y')");
        db.rows("create view v (n, label) as select a * 10, upper(b) from t where a > 1");
        assertEquals(List.of("CREATE VIEW"), db.tags());
        assertEquals("20|Y", db.value("select * from v"));
        db.rows("insert into t values (3, 'z')");
        assertEquals(List.of("20", "30"), db.rows("select n from v order by n"));
        assertEquals("select a * 10, upper(b) from t where a > 1", db.value("select ev_action from pg_rewrite"));
        DatabaseException e = db.error("drop table t");
        assertEquals("2BP01", e.sqlState());
        assertEquals("view v depends on table t", e.detail());
        db.rows("create or replace view v as select a as n, b as label, a from t");
        assertEquals("42P16", db.error("create or replace view v as select a as n from t").sqlState());
        db.rows("drop table t cascade");
        assertEquals("drop cascades to view v", db.sink.notices.get(0).getMessage());
        assertEquals("42P01", db.error("select * from v").sqlState());
    }

    @Test
    void commentsAreStoredInPgDescription() {
        db.rows("create table t (a int, b int)");
        db.rows("comment on table t is 'tab'");
        db.rows("comment on column t.b is 'col'");
        String oid = db.value("select oid from pg_class where relname = 't'");
        assertEquals("tab|col", db.value("select obj_description(" + oid + ", 'pg_class'), col_description(" + oid
            + ", 2)"));
        db.rows("comment on table t is null");
        assertEquals(List.of("col"), db.rows("select description from pg_description where objoid <> 2200 and classoid not in ('pg_extension'::regclass, 'pg_language'::regclass)"));
        db.rows("drop table t");
        assertEquals(List.of(), db.rows("select description from pg_description where objoid <> 2200 and classoid not in ('pg_extension'::regclass, 'pg_language'::regclass)"));
    }

    @Test
    void temporaryTablesAreSessionLocalAndGoWithTheSession() {
        db.rows("create temp table tt (a int default 3)");
        db.rows("insert into tt default values");
        assertEquals("3", db.value("select * from tt"));
        assertEquals("t", db.value("select relpersistence from pg_class where relname = 'tt'"));
        SessionFixture other = new SessionFixture(engine);
        assertEquals("42P01", other.error("select * from tt").sqlState());
        db.rows("create table tt (b text)"); // a permanent one of the same name, hidden by the temporary one
        assertEquals("3", db.value("select * from tt"));
        db.session.close();
        assertEquals(List.of("tt|p"), other.rows("select relname, relpersistence from pg_class where relname = 'tt'"));
        assertEquals(List.of("information_schema", "pg_catalog", "public"), other.rows("select nspname from pg_namespace order by nspname"));
    }

    @Test
    void discardTempDropsTemporaryTables() {
        db.rows("create temp table tt (a int)");
        db.rows("discard temp");
        assertEquals(List.of("DISCARD TEMP"), db.tags());
        assertEquals("42P01", db.error("select * from tt").sqlState());
        db.rows("create temp table tt (b int)");
        db.rows("insert into tt values (1)");
        db.rows("discard all");
        assertEquals(List.of(), db.rows("select relname from pg_class where relname = 'tt'"));
    }
}
