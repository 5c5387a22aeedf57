package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ctid, xmin, xmax by name, and the tid type (PostgreSQL 15's results for the same statements). */
class SystemColumnsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void systemColumnsAreSelectableByNameButNotInStar() {
        db.rows("create table t (a int, b text)");
        db.rows("insert into t values (1, 'x'), (2, 'y')");
        assertEquals(List.of("1|x", "2|y"), db.rows("select * from t order by a"));
        assertEquals(List.of("(0,1)|1", "(0,2)|2"), db.rows("select ctid, a from t order by ctid"));
        assertEquals(List.of("1|t|t"), db.rows("select t.a, xmin::text::bigint > 0, xmax = '0'::xid from t"
            + " where t.ctid = '(0,1)'"));
        assertEquals(List.of("t|1"), db.rows("select tableoid::regclass, a from t where ctid = '(0,1)'::tid"));
        assertEquals(List.of("2"), db.rows("select a from t where ctid > '(0,1)'"));
        assertEquals(List.of("t"), db.rows("select xmin = xmin and xmax <> 1 from t where a = 1"));
        assertEquals(List.of("(0,1)|1"), db.rows("select ctid, a from t where a = 1 for update"));
        assertEquals(List.of("(0,2)|(0,2)"), db.rows("select x.ctid, y.ctid from t x join t y on y.a = x.a"
            + " where x.a = 2 for update of x"));
    }

    @Test
    void systemColumnsInJoinsAndDml() {
        db.rows("create table t (a int primary key, b text)");
        db.rows("create table u (a int)");
        db.rows("insert into t values (1, 'x'), (2, 'y')");
        db.rows("insert into u values (1), (2)");
        assertEquals(List.of("1|(0,1)|(0,1)", "2|(0,2)|(0,2)"),
            db.rows("select t.a, t.ctid, u.ctid from t join u on u.a = t.a order by 1"));
        assertEquals("42702", db.error("select ctid from t, u").sqlState());
        assertEquals(List.of("x"), db.rows("delete from t where ctid = '(0,1)' returning b"));
        List<String> updated = db.rows("update t set b = 'z' where ctid = '(0,2)' returning ctid, b");
        assertEquals(1, updated.size());
        assertEquals(List.of(updated.get(0)), db.rows("select ctid, b from t"));
        assertEquals(List.of("t"), db.rows("insert into u values (3) returning xmin::text::bigint > 0 and xmax = 0"));
        assertEquals(List.of("t"), db.rows("update u set a = 4 from t where u.a = 3 returning u.xmin::text::bigint > 0"));
    }

    @Test
    void systemColumnNamesAreReservedAndNotOnViews() {
        assertEquals("42701", db.error("create table t (ctid int)").sqlState());
        assertEquals("column name \"xmin\" conflicts with a system column name",
            db.error("create table t (a int, xmin int)").getMessage());
        db.rows("create table t (a int)");
        assertEquals("42701", db.error("alter table t add column cmax int").sqlState());
        assertEquals("42701", db.error("alter table t rename column a to xmax").sqlState());
        db.rows("create view v as select a from t");
        assertEquals("42703", db.error("select ctid from v").sqlState());
        assertEquals("42703", db.error("select ctid from (select a from t) s").sqlState());
        assertEquals("42703", db.error("select x.ctid from (values (1)) x(a)").sqlState());
    }

    @Test
    void tidTypeInputOutputAndComparisons() {
        assertEquals(List.of("(0,1)|t|f|t|(4294967295,65535)"), db.rows("select '(0,1)'::tid, '(0,1)'::tid = '(0,1)',"
            + " '(0,1)'::tid <> '(0,1)', '(0,2)'::tid > '(0,1)', '(4294967295,65535)'::tid"));
        assertEquals("22P02", db.error("select 'x'::tid").sqlState());
        assertEquals("22P02", db.error("select '(0,65536)'::tid").sqlState());
        assertEquals(List.of("t|t|f|t"), db.rows("select '5'::xid = '5'::xid, '5'::xid = 5, '5'::xid <> 5,"
            + " '4294967295'::xid = -1"));
    }
}
