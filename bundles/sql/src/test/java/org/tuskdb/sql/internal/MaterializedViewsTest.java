package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Materialized views on FakeStorage (PostgreSQL 15's results for the same statements; difftest ddl/materialized_views). */
class MaterializedViewsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void keepsTheRowsOfItsLastRefresh() {
        db.rows("create table t (id int primary key, v text)");
        db.rows("insert into t values (1, 'a')");
        db.rows("create materialized view mv as select id, upper(v) as u from t");
        assertEquals("SELECT 1", db.tags().get(db.tags().size() - 1));
        db.rows("insert into t values (2, 'b')");
        assertEquals(List.of("A"), db.rows("select u from mv order by id"));
        db.rows("refresh materialized view mv");
        assertEquals(List.of("A", "B"), db.rows("select u from mv order by id"));
        db.rows("create unique index mv_id on mv (id)");
        db.rows("update t set v = 'z' where id = 1");
        db.rows("refresh materialized view concurrently mv");
        assertEquals(List.of("Z", "B"), db.rows("select u from mv order by id"));
    }

    @Test
    void anUnpopulatedOneRefusesScansAndNothingChangesOne() {
        db.rows("create table t (id int)");
        db.rows("create materialized view mv as select id from t with no data");
        assertEquals("55000", db.error("select * from mv").sqlState());
        assertEquals("materialized view \"mv\" has not been populated", db.error("select * from mv").getMessage());
        assertEquals("0A000", db.error("refresh materialized view concurrently mv").sqlState());
        db.rows("refresh materialized view mv");
        assertEquals("0", db.value("select count(*) from mv"));
        assertEquals("42809", db.error("insert into mv values (1)").sqlState());
        assertEquals("42809", db.error("truncate mv").sqlState());
        assertEquals("2BP01", db.error("drop table t").sqlState());
        db.rows("drop table t cascade");
        assertEquals("0", db.value("select count(*) from pg_class where relname = 'mv'"));
    }
}
