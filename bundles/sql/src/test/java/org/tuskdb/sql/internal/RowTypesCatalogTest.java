package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** System columns in pg_attribute and tables' row types in pg_type, as PostgreSQL's heap.c creates them. */
class RowTypesCatalogTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void tablesHaveSixSystemColumnsWithNegativeAttnums() {
        db.rows("create table t (a int)");
        assertEquals(List.of("tableoid|26|-6|4", "cmax|29|-5|4", "xmax|28|-4|4", "cmin|29|-3|4", "xmin|28|-2|4",
            "ctid|27|-1|6", "a|23|1|4"), db.rows("select attname, atttypid, attnum, attlen from pg_attribute"
            + " where attrelid = 't'::regclass order by attnum"));
        db.rows("create view v as select a from t");
        assertEquals("0", db.value("select count(*) from pg_attribute where attrelid = 'v'::regclass and attnum < 0"));
    }

    @Test
    void tablesAndViewsHaveARowTypeAndItsArrayType() {
        db.rows("create table t (a int)");
        db.rows("create view v as select a from t");
        db.rows("create sequence s");
        assertEquals(List.of("_t|b|A|t", "_v|b|A|v", "t|c|C|t", "v|c|C|v"), db.rows("select t.typname, t.typtype,"
            + " t.typcategory, coalesce(nullif(t.typrelid, 0), e.typrelid)::regclass from pg_type t left join pg_type e"
            + " on e.oid = t.typelem where t.typname in ('t', '_t', 'v', '_v', 's', '_s') order by 1"));
        assertEquals(List.of("s|t", "t|f", "v|f"), db.rows("select relname, reltype = 0 from pg_class"
            + " where relname in ('s', 't', 'v') order by 1"));
        assertEquals("t", db.value("select t.typname from pg_class c join pg_type t on t.oid = c.reltype"
            + " where c.relname = 't'"));
        db.rows("drop view v");
        assertEquals("0", db.value("select count(*) from pg_type where typname in ('v', '_v')"));
    }
}
