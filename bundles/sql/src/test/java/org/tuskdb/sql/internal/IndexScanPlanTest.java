package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's index paths: equality, ranges, prefixes, parameters, UPDATE / DELETE / FOR UPDATE sources. */
class IndexScanPlanTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private void bigTable() {
        db.rows("create table t (id int primary key, g int, s text)");
        StringBuilder b = new StringBuilder("insert into t values ");
        for (int i = 1; i <= 1000; i++) {
            b.append(i == 1 ? "" : ", ").append("(").append(i).append(", ").append(i % 10).append(", 'v").append(i)
                .append("')");
        }
        db.rows(b.toString());
        db.rows("create index t_g_s on t (g, s)");
    }

    private <T> T scans(java.util.function.Supplier<T> f, int expected) {
        int before = storage.indexes.scans;
        T r = f.get();
        assertEquals(expected, storage.indexes.scans - before, "index scans");
        return r;
    }

    @Test
    void equalityOnThePrimaryKeyUsesTheIndexEvenOnASmallTable() {
        db.rows("create table k (id int primary key, v text)");
        db.rows("insert into k values (1, 'a'), (2, 'b')");
        assertEquals("b", scans(() -> db.value("select v from k where id = 2"), 1));
        assertEquals("b", scans(() -> db.value("select v from k where 2 = id"), 1));
        assertEquals(List.of(), scans(() -> db.rows("select v from k where id = null"), 0));
    }

    @Test
    void constantExpressionsAndStableFunctionsAreIndexBounds() {
        db.rows("create table k (id int primary key, v text)");
        db.rows("insert into k values (1, 'a'), (2, 'b'), (3, 'c')");
        assertEquals("b", scans(() -> db.value("select v from k where id = 1 + 1"), 1));
        assertEquals(List.of("b", "c"), db.rows("select v from k where id between 1 + 1 and 2 * 2 order by id"));
        assertEquals(List.of(), scans(() -> db.rows("select v from k where id = random()::int + 100"), 0));
    }

    @Test
    void rangesAndPrefixesMatchASequentialScan() {
        bigTable();
        String[] queries = {
            "select id from t where id between 10 and 20 order by id",
            "select id from t where id > 995 order by id",
            "select id from t where id >= 995 order by id",
            "select id from t where id < 3 order by id",
            "select id from t where id <= 3 and id > 1 order by id",
            "select id from t where 998 < id order by id",
            "select id from t where g = 3 and s = 'v13'",
            "select id from t where g = 3 and s > 'v98' order by id",
            "select count(*) from t where g = 7",
            "select id from t where id = 501 and g = 1",
        };
        for (String q : queries) {
            List<String> viaIndex = scans(() -> db.rows(q), 1);
            List<String> viaSeq = db.rows(q.replace("where ", "where s is not null and 0 = 0 and ")
                .replace("id ", "(id + 0) ").replace("select (id + 0) ", "select id "));
            assertEquals(viaSeq, viaIndex, q);
            assertTrue(!viaIndex.isEmpty(), q);
        }
    }

    @Test
    void deadAndInvisibleVersionsAreSkipped() {
        bigTable();
        db.rows("update t set s = 'changed' where id = 7");
        db.rows("delete from t where id = 8");
        assertEquals("7|changed", scans(() -> db.value("select id, s from t where id = 7"), 1));
        assertEquals(List.of(), db.rows("select id from t where id = 8"));
        assertEquals(List.of("6", "7", "9"), db.rows("select id from t where id between 6 and 9 order by id"));
    }

    @Test
    void updateDeleteAndForUpdateUseTheIndex() {
        bigTable();
        scans(() -> db.rows("update t set s = 'x' where id = 42"), 1);
        assertEquals(List.of("UPDATE 1"), db.tags());
        scans(() -> db.rows("delete from t where id = 43"), 1);
        assertEquals(List.of("DELETE 1"), db.tags());
        scans(() -> db.rows("select * from t where id = 42 for update"), 1);
        assertEquals("42|2|x", db.value("select * from t where id = 42"));
    }

    @Test
    void preparedStatementWithAParameterUsesTheIndex() {
        bigTable();
        db.session.parse("get", "select s from t where id = $1", new int[] {23});
        db.session.sync();
        List<String> got = new ArrayList<>();
        int before = storage.indexes.scans;
        for (int i = 1; i <= 5; i++) {
            db.sink.clear();
            db.session.bind("", "get", null, new byte[][] {Integer.toString(i * 100).getBytes(StandardCharsets.UTF_8)},
                null);
            db.session.execute("", 0, db.sink);
            db.session.sync();
            got.addAll(db.sink.allRows());
        }
        assertEquals(List.of("v100", "v200", "v300", "v400", "v500"), got);
        assertEquals(5, storage.indexes.scans - before);
    }

    @Test
    void smallTableRangeUsesASequentialScan() {
        db.rows("create table s (a int, b int)");
        db.rows("create index on s (a)");
        db.rows("insert into s values (1, 1), (2, 2), (3, 3)");
        assertEquals(List.of("2", "3"), scans(() -> db.rows("select a from s where a > 1 order by a"), 0));
        assertEquals(List.of("3", "2"), scans(() -> db.rows("select a from s order by a desc limit 2"), 0));
        assertEquals("3", scans(() -> db.value("select max(a) from s"), 0));
    }

    @Test
    void orderByWithLimitIsServedByAnOrderedScanInBothDirections() {
        bigTable();
        db.rows("insert into t values (0, null, null), (-1, null, 'n')");
        assertEquals(List.of("-1", "0", "1"), scans(() -> db.rows("select id from t order by id limit 3"), 1));
        assertEquals(List.of("1000", "999"), scans(() -> db.rows("select id from t order by id desc limit 2"), 1));
        // (g, s): NULL g last ascending, first descending
        assertEquals(List.of("|", "|n"), scans(() -> db.rows("select g, s from t order by g desc, s desc limit 2"), 1));
        assertEquals(List.of("9|v999", "9|v99"), db.rows("select g, s from t where g is not null order by g desc, s desc limit 2"));
        assertEquals(List.of("3|v993", "3|v983"), scans(() -> db.rows("select g, s from t where g = 3 order by s desc limit 2"), 1));
        assertEquals(List.of("3|v103", "3|v113"), scans(() -> db.rows("select g, s from t where g = 3 order by s limit 2"), 1));
        // a mixed direction needs a sort; so does an unbounded scan without LIMIT
        assertEquals(List.of("0|v990", "0|v980"), scans(() -> db.rows("select g, s from t order by g, s desc limit 2"), 0));
        assertEquals(1002, scans(() -> db.rows("select id from t order by id"), 0).size());
        assertEquals(List.of("998", "999", "1000"), scans(() -> db.rows("select id from t where id > 997 order by id"), 1));
    }

    @Test
    void minAndMaxReadOneEndOfTheIndex() {
        bigTable();
        db.rows("insert into t values (0, null, null), (-1, null, null)");
        assertEquals("-1", scans(() -> db.value("select min(id) from t"), 1));
        assertEquals("1000", scans(() -> db.value("select max(id) from t"), 1));
        assertEquals("0", scans(() -> db.value("select min(g) from t"), 1));
        assertEquals("9", scans(() -> db.value("select max(g) from t"), 1));
        assertEquals("v999", scans(() -> db.value("select max(s) from t where g = 9"), 1));
        assertEquals("991", db.value("select max(id) from t where id < 992"));
        assertEquals("", db.value("select max(id) from t where id > 5000"));
        assertEquals("", db.value("select min(s) from t where g = 77"));
        db.rows("create table e (a int primary key)");
        assertEquals("", db.value("select max(a) from e"));
    }

    @Test
    void aTableInAJoinIsNarrowedByItsIndex() {
        bigTable();
        db.rows("create table o (tid int, note text)");
        db.rows("insert into o values (5, 'five'), (6, 'six'), (5, 'cinq')");
        assertEquals(List.of("5|v5|cinq", "5|v5|five"), scans(() -> db.rows(
            "select t.id, t.s, o.note from o join t on t.id = o.tid where t.id = 5 order by o.note"), 1));
        assertEquals(List.of("6|six"), scans(() -> db.rows(
            "select t.id, o.note from t, o where o.tid = t.id and t.id between 6 and 7 order by 1"), 1));
        assertEquals(List.of("5|v5", "6|v6"), db.rows(
            "select o.tid, t.s from o left join t on t.id = o.tid and t.id < 1000 where o.note <> 'cinq' order by 1"));
    }

    @Test
    void inListsScanEachDistinctValueOnce() {
        bigTable();
        assertEquals(List.of("3|v3", "500|v500", "999|v999"),
            scans(() -> db.rows("select id, s from t where id in (999, 3, 500, 3, null, 5000) order by id"), 4));
        assertEquals(List.of("3", "13"), scans(() -> db.rows("select id from t where (g = 3 or g = 3) and id < 20 order by id"), 1));
        db.rows("update t set s = 'in' where id in (7, 8)");
        assertEquals(List.of("UPDATE 2"), db.tags());
        assertEquals(List.of("7|in", "8|in"), db.rows("select id, s from t where id in (7, 8) order by id"));
        assertEquals("1000", db.value("select count(*) from t where id in (1, 2) or id > 0"));
    }
}
