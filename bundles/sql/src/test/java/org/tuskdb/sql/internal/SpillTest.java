package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * work_mem: sorts, hash aggregations and hash joins past it spill to temporary files and return
 * what they return in memory; the files are gone after the statement, however it ends.
 */
class SpillTest {
    private static final int ROWS = 20000;
    @TempDir
    Path tmp;
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void tables() {
        storage.tempDir = tmp.resolve("base").resolve("pgsql_tmp");
        db.rows("create table s_t (id int primary key, g int, x int, t text)"); // unique keys: hash joins
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= ROWS; i++) {
            sb.append(sb.isEmpty() ? "insert into s_t values " : ",");
            String x = i % 7 == 0 ? "null" : Integer.toString(i % 1000);
            String t = i % 11 == 0 ? "null" : "'v" + (i * 7919L % 5000) + "'";
            sb.append('(').append(i).append(',').append(i % 1500).append(',').append(x).append(',').append(t).append(')');
            if (i % 2000 == 0) {
                db.rows(sb.toString());
                sb.setLength(0);
            }
        }
        db.rows("create table s_k (k int, v int)");
        sb.setLength(0);
        for (int i = 1; i <= 3000; i++) {
            sb.append(sb.isEmpty() ? "insert into s_k values " : ",");
            String k = i <= 2500 ? "1" : i % 10 == 0 ? "null" : Integer.toString(i * 3);
            sb.append('(').append(k).append(',').append(i).append(')');
        }
        db.rows(sb.toString());
    }

    private List<String> inMemoryAndSpilled(String sql) {
        db.rows("set work_mem = '4MB'");
        List<String> inMemory = db.rows(sql);
        db.rows("set work_mem = '64kB'");
        List<String> spilled = db.rows(sql);
        db.rows("reset work_mem");
        assertEquals(inMemory, spilled, sql);
        assertEquals(List.of(), tempFiles(), "temporary files left after " + sql);
        return inMemory;
    }

    private List<String> tempFiles() {
        if (!Files.isDirectory(storage.tempDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(storage.tempDir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The query's first row through the extended protocol, the portal left suspended; the temp files then. */
    private List<String> filesWhileSuspended(String sql) {
        db.rows("begin");
        db.rows("set local work_mem = '64kB'");
        db.session.parse("q", sql, new int[0]);
        db.session.bind("p", "q", new short[0], new byte[0][], new short[0]);
        db.session.execute("p", 1, db.sink);
        db.session.sync();
        List<String> files = tempFiles();
        db.session.closePortal("p");
        db.session.sync();
        assertEquals(List.of(), tempFiles(), "files left after the portal closed");
        db.rows("commit");
        return files;
    }

    @Test
    void sortPastWorkMemMergesRunsFromTempFilesInTheSameOrder() {
        List<String> r = inMemoryAndSpilled("select id, x, t from s_t order by x desc nulls first, t, id");
        assertEquals(ROWS, r.size());
        assertTrue(r.get(0).matches("\\d+\\|\\|.*"), r.get(0)); // NULL x first
        List<String> r2 = inMemoryAndSpilled("select t, x from s_t order by t nulls first, x");
        assertEquals(ROWS, r2.size());
        assertTrue(r2.get(0).startsWith("|"), r2.get(0));
    }

    @Test
    void sortIsStableAcrossRuns() {
        // many duplicates of the key: the ties come back in input (id) order from both paths
        List<String> r = inMemoryAndSpilled("select g % 3, id from s_t order by g % 3");
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            for (int i = 1; i <= ROWS; i++) {
                if (i % 1500 % 3 == m) {
                    expected.add(m + "|" + i);
                }
            }
        }
        assertEquals(expected, r);
    }

    @Test
    void integerKeysSortLikeTheComparatorIncludingNegativesDescAndNulls() {
        List<int[]> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            rows.add(new int[] {i, i % 7 == 0 ? Integer.MIN_VALUE : i % 1000 - 500});
        }
        rows.sort((a, b) -> {
            boolean an = a[1] == Integer.MIN_VALUE;
            boolean bn = b[1] == Integer.MIN_VALUE;
            if (an != bn) {
                return an ? 1 : -1; // NULLS LAST
            }
            int c = an ? 0 : Integer.compare(b[1], a[1]); // DESC
            return c != 0 ? c : Integer.compare(a[0], b[0]);
        });
        List<String> expected = rows.stream().map(r -> r[0] + "|" + (r[1] == Integer.MIN_VALUE ? "" : r[1])).toList();
        assertEquals(expected, inMemoryAndSpilled("select id, x - 500 from s_t order by x - 500 desc nulls last, id"));
        // beyond int's range the comparator path sorts: the same order
        assertEquals(expected, inMemoryAndSpilled(
            "select id, x - 500 from s_t order by (x - 500)::int8 * 10000000000 desc nulls last, id"));
        List<String> firstNulls = new ArrayList<>(expected.subList(expected.size() - ROWS / 7, expected.size()));
        assertEquals(firstNulls, db.rows("select id, x - 500 from s_t order by x - 500 desc nulls first, id")
            .subList(0, ROWS / 7));
    }

    @Test
    void rowsOfEveryKindOfValueComeBackFromTempFiles() {
        List<String> r = inMemoryAndSpilled("select id, 'lit', id::int2, id::int8 * 3, id::numeric / 7, 'NaN'::numeric, "
            + "id::float4 / 3, id::float8 / 3, 'NaN'::float8, id % 2 = 0, date '2020-01-01' + id, "
            + "timestamp '2020-01-01 10:00' + id * interval '1 minute', "
            + "timestamptz '2020-01-01 10:00+02' + id * interval '1 second', time '10:00' + id * interval '1 second', "
            + "interval '1 mon 2 days' * id, t::bytea, ('{\"a\": ' || id || '}')::json, ('{\"b\": ' || id || '}')::jsonb, "
            + "'10.0.0.1'::inet, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, array[id, x], array[t, null], "
            + "26::oid, t::varchar(3), t::char(6), t::name, x from s_t order by s_t.t, s_t.x desc, s_t.id");
        assertEquals(ROWS, r.size());
    }

    @Test
    void spilledSortWritesRunsThatGoWhenThePortalCloses() {
        assertTrue(!filesWhileSuspended("select * from s_t order by t, id").isEmpty(), "the sort should have spilled");
    }

    @Test
    void limitAboveSortKeepsTheFirstRowsOfTheFullSort() {
        List<String> all = db.rows("select t, id from s_t order by t desc nulls last, x");
        assertEquals(all.subList(5, 25), db.rows("select t, id from s_t order by t desc nulls last, x limit 20 offset 5"));
        assertEquals(all.subList(0, 1), db.rows("select t, id from s_t order by t desc nulls last, x limit 1"));
        db.rows("set work_mem = '64kB'");
        assertEquals(all.subList(0, 3000), db.rows("select t, id from s_t order by t desc nulls last, x limit 3000"));
    }

    @Test
    void errorMidSortLeavesNoTempFile() {
        db.rows("set work_mem = '64kB'");
        assertEquals("22012", db.error("select id, 1 / (id - 15000) from s_t order by t").sqlState());
        assertEquals(List.of(), tempFiles());
        db.rows("begin");
        assertEquals("22012", db.error("select id, 1 / (id - 15000) from s_t order by t").sqlState());
        db.rows("rollback");
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void hashAggregationPastWorkMemSpillsGroupsToPartitions() {
        List<String> r = inMemoryAndSpilled(
            "select g, count(*), sum(x), min(t), max(x), count(distinct x % 10) from s_t group by g order by g");
        assertEquals(1500, r.size());
        assertTrue(r.get(0).startsWith("0|13|"), r.get(0));
        List<String> byText = inMemoryAndSpilled("select t, count(*), sum(id) from s_t group by t order by t nulls first");
        assertTrue(byText.size() > 4000, "groups: " + byText.size());
        assertTrue(byText.get(0).startsWith("|"), byText.get(0)); // the NULL group
        assertEquals(List.of(Integer.toString(ROWS)),
            db.rows("select sum(c) from (select count(*) c from s_t group by t, x) s"));
    }

    @Test
    void distinctAndOrderedAggregatesPastWorkMem() {
        List<String> r = inMemoryAndSpilled("select g % 300, count(distinct t), string_agg(t, ',' order by t desc, id) "
            + "from s_t group by g % 300 order by 1");
        assertEquals(300, r.size());
        assertTrue(!filesWhileSuspended("select g % 300, string_agg(t, ',' order by t) from s_t group by g % 300").isEmpty(),
            "the ORDER BY buffers should count towards work_mem");
    }

    @Test
    void spilledAggregationLeavesNoFileWhenClosedEarly() {
        assertTrue(!filesWhileSuspended("select t, x, count(*) from s_t group by t, x").isEmpty(),
            "the aggregation should have spilled");
    }

    @Test
    void hashJoinPastWorkMemUsesBatchesWithTheSameResult() {
        inMemoryAndSpilled("select a.id, b.id from s_t a join s_t b on a.id = b.id + 1 order by a.id");
        inMemoryAndSpilled("select count(*), sum(a.x), sum(b.id) from s_t a join s_t b on a.g = b.g and a.t = b.t");
        assertTrue(!filesWhileSuspended("select a.id, b.id from s_t a join s_t b on a.id = b.id").isEmpty(),
            "the join should have spilled");
    }

    @Test
    void skewedAndOuterHashJoinsPastWorkMem() {
        List<String> inner = inMemoryAndSpilled("select count(*), sum(v), sum(id) from s_t join s_k on s_t.id = s_k.k");
        assertTrue(inner.get(0).startsWith("2950|"), inner.get(0)); // 2500 rows of key 1, 450 others
        inMemoryAndSpilled("select s_t.id, s_k.v from s_t left join s_k on s_t.id = s_k.k order by 1, 2");
        inMemoryAndSpilled("select s_t.id, s_k.v from s_t right join s_k on s_t.id = s_k.k order by 1, 2");
        List<String> full = inMemoryAndSpilled("select s_t.id, s_k.v from s_t full join s_k on s_t.id = s_k.k order by 1, 2");
        assertTrue(full.contains("|3000"), "unmatched NULL-key build row: " + full.subList(full.size() - 3, full.size()));
    }

    @Test
    void mergeJoinSortsItsInputsPastWorkMemInTempFiles() {
        db.rows("create table m_a (k int, v int)");
        db.rows("create table m_b (k int, w int)");
        db.rows("insert into m_a select case when g % 50 = 0 then null else g % 3000 end, g from generate_series(1, 9000) g");
        db.rows("insert into m_b select case when g % 70 = 0 then null else (g * 7) % 4000 end, g from generate_series(1, 9000) g");
        for (String kind : List.of("join", "left join", "right join", "full join")) {
            String from = "m_a " + kind + " m_b on m_a.k = m_b.k";
            assertEquals("Merge", db.rows("explain (costs off) select * from " + from).get(0).substring(0, 5), from);
            inMemoryAndSpilled("select m_a.v, m_b.w from " + from + " order by 1, 2");
        }
        // two keys, NULL in the second: the NULL-keyed rows sort as one block after the others
        db.rows("create table m_c (k int, j int, v int)");
        db.rows("insert into m_c select g % 40, case when g % 9 = 0 then null else g % 3 end, g from generate_series(1, 6000) g");
        String two = "select count(*), sum(x.v), sum(y.v) from m_c x join m_c y on x.k = y.k and x.j = y.j";
        assertEquals("Aggregate", db.rows("explain (costs off) " + two).get(0));
        assertEquals(List.of("244498|733560747|733560747"), inMemoryAndSpilled(two)); // PostgreSQL 15's result
        assertTrue(!filesWhileSuspended("select m_a.v, m_b.w from m_a join m_b on m_a.k = m_b.k").isEmpty(),
            "the merge join's sorts should have spilled");
    }
}
