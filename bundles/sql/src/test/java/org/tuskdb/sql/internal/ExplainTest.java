package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** EXPLAIN / EXPLAIN ANALYZE output in PostgreSQL's text format, and the cost model's numbers. */
class ExplainTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void seqScanOfAnEmptyTableCostsTenPagesAsPostgres() {
        db.rows("create table t (id int)");
        assertEquals(List.of("Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4)"), db.rows("explain select * from t"));
        assertEquals(List.of("QUERY PLAN"), db.sink.columnNames());
        assertEquals(List.of("EXPLAIN"), db.tags());
        assertEquals(List.of("Seq Scan on t  (cost=0.00..41.88 rows=13 width=4)", "  Filter: (id = 1)"),
            db.rows("explain select * from t where id = 1"));
    }

    @Test
    void pointLookupByPrimaryKeyIsAnIndexScanWithOneRow() {
        db.rows("create table t1 (id int primary key, a int, b text)");
        assertEquals(List.of("Index Scan using t1_pkey on t1  (cost=0.15..8.17 rows=1 width=40)", "  Index Cond: (id = 1)"),
            db.rows("explain select * from t1 where id = 1"));
        assertEquals(List.of("Index Scan using t1_pkey on public.t1  (cost=0.15..8.17 rows=1 width=4)",
            "  Output: a", "  Index Cond: (t1.id = 2)"), db.rows("explain verbose select a from t1 where id = 2"));
    }

    @Test
    void costConstantsAreSessionSettings() {
        db.rows("create table t1 (id int primary key, a int)");
        db.rows("set random_page_cost = 1");
        db.rows("set cpu_tuple_cost = 0.02");
        assertEquals(List.of("Index Scan using t1_pkey on t1  (cost=0.15..2.18 rows=1 width=8)", "  Index Cond: (id = 1)"),
            db.rows("explain select * from t1 where id = 1"));
        assertEquals(List.of("Seq Scan on t1  (cost=0.00..55.20 rows=2260 width=8)"), db.rows("explain select * from t1"));
    }

    @Test
    void filtersAreDeparsedAsPostgresPrintsThem() {
        db.rows("create table t1 (id int, a int, b text)");
        assertEquals(List.of("Seq Scan on t1", "  Filter: ((a > 1) AND (b < 'x'::text))"),
            db.rows("explain (costs off) select * from t1 where a > 1 and b < 'x'"));
        assertEquals(List.of("Seq Scan on t1", "  Filter: ((a IS NULL) OR (id = 5))"),
            db.rows("explain (costs off) select * from t1 where a is null or id = 5"));
    }

    @Test
    void hashJoinShowsHashCondAndTheBuildSideUnderHash() {
        db.rows("create table t1 (id int, a int)");
        db.rows("create table t2 (id int, a int)");
        assertEquals(List.of("Hash Join", "  Hash Cond: (t1.a = t2.a)", "  ->  Seq Scan on t1", "  ->  Hash",
            "        ->  Seq Scan on t2", "              Filter: (id = 3)"),
            db.rows("explain (costs off) select * from t1 join t2 on t1.a = t2.a where t2.id = 3"));
        // PostgreSQL 15 without statistics: a merge join, the smaller (filtered) input outside
        assertEquals(List.of("Merge Join", "  Merge Cond: (t2.a = t1.a)", "  ->  Sort", "        Sort Key: t2.a",
            "        ->  Seq Scan on t2", "              Filter: (id > 3)", "  ->  Sort", "        Sort Key: t1.a",
            "        ->  Seq Scan on t1"),
            db.rows("explain (costs off) select * from t1 join t2 on t1.a = t2.a where t2.id > 3"));
        assertEquals(List.of("Nested Loop Left Join", "  Join Filter: (t1.id < t2.id)", "  ->  Seq Scan on t1",
            "  ->  Materialize", "        ->  Seq Scan on t2"),
            db.rows("explain (costs off) select * from t1 left join t2 on t1.id < t2.id"));
    }

    @Test
    void aggregatesSortsLimitsValuesAndModifications() {
        db.rows("create table t1 (id int, a int)");
        assertEquals(List.of("HashAggregate", "  Group Key: a", "  ->  Seq Scan on t1"),
            db.rows("explain (costs off) select a, count(*) from t1 group by a"));
        assertEquals(List.of("Aggregate", "  ->  Seq Scan on t1"), db.rows("explain (costs off) select count(*) from t1"));
        assertEquals(List.of("Limit", "  ->  Sort", "        Sort Key: a DESC", "        ->  Seq Scan on t1"),
            db.rows("explain (costs off) select * from t1 order by a desc limit 3"));
        assertEquals(List.of("Values Scan on \"*VALUES*\"  (cost=0.00..0.03 rows=2 width=4)"),
            db.rows("explain values (1), (2)"));
        assertEquals(List.of("Insert on t1  (cost=0.00..0.01 rows=0 width=0)",
            "  ->  Result  (cost=0.00..0.01 rows=1 width=8)"), db.rows("explain insert into t1 values (1, 2)"));
        assertEquals(List.of("Result  (cost=0.00..0.01 rows=1 width=4)"), db.rows("explain select 1"));
    }

    @Test
    void sortUnderLimitIsATopNSortAndSetOperationsAppend() {
        db.rows("create table c (id int primary key, a int, b text, c numeric, d bigint)");
        assertEquals(List.of("Limit  (cost=33.71..33.73 rows=10 width=80)",
            "  ->  Sort  (cost=33.71..35.58 rows=750 width=80)", "        Sort Key: a",
            "        ->  Seq Scan on c  (cost=0.00..17.50 rows=750 width=80)"),
            db.rows("explain select * from c order by a limit 10"));
        assertEquals(List.of("HashAggregate  (cost=61.25..76.25 rows=1500 width=4)", "  Group Key: c.a",
            "  ->  Append  (cost=0.00..57.50 rows=1500 width=4)",
            "        ->  Seq Scan on c  (cost=0.00..17.50 rows=750 width=4)",
            "        ->  Seq Scan on c c_1  (cost=0.00..17.50 rows=750 width=4)"),
            db.rows("explain select a from c union select id from c"));
        assertEquals(List.of("WindowAgg", "  ->  Sort", "        Sort Key: a", "              ->  Seq Scan on c".substring(6)),
            db.rows("explain (costs off) select row_number() over (order by a) from c"));
    }

    @Test
    void explainAnalyzeRunsTheStatementAndCountsRows() {
        db.rows("create table t1 (id int, a int)");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            values.append(i > 1 ? ", " : "").append("(").append(i).append(", ").append(i % 3).append(")");
        }
        db.rows("insert into t1 values " + values);
        assertEquals(List.of("Seq Scan on t1 (actual rows=10 loops=1)", "  Filter: (a = 0)",
            "  Rows Removed by Filter: 20"),
            db.rows("explain (analyze, costs off, timing off, summary off) select * from t1 where a = 0"));
        assertEquals(List.of("Seq Scan on public.t1 (actual rows=10 loops=1)", "  Output: id, a", "  Filter: (t1.a = 0)",
            "  Rows Removed by Filter: 20"),
            db.rows("explain (analyze, verbose, costs off, timing off, summary off) select * from t1 where a = 0"));
        List<String> timed = db.rows("explain analyze select * from t1");
        assertTrue(timed.get(0).matches("Seq Scan on t1  \\(cost=\\S+ rows=\\d+ width=8\\) "
            + "\\(actual time=\\d+\\.\\d{3}\\.\\.\\d+\\.\\d{3} rows=30 loops=1\\)"), timed.get(0));
        assertTrue(timed.get(1).startsWith("Planning Time: ") && timed.get(2).startsWith("Execution Time: "), timed.toString());
        db.rows("explain (analyze, costs off, timing off, summary off) delete from t1 where a = 1");
        assertEquals("20", db.value("select count(*) from t1"), "EXPLAIN ANALYZE of a DELETE deletes");
        db.rows("explain delete from t1");
        assertEquals("20", db.value("select count(*) from t1"), "EXPLAIN alone does not");
    }

    @Test
    void subqueriesAreInitPlansAndSubPlansWithQualifiedOuterReferences() {
        db.rows("create table s (id int primary key, a int)");
        db.rows("create table u (id int, a int)");
        assertEquals(List.of("Seq Scan on s", "  Filter: (a = $0)", "  InitPlan 1 (returns $0)", "    ->  Aggregate",
            "          ->  Seq Scan on u"), db.rows("explain (costs off) select * from s where a = (select max(a) from u)"));
        assertEquals(List.of("Seq Scan on s", "  SubPlan 1", "    ->  Aggregate", "          ->  Seq Scan on u",
            "                Filter: (a = s.a)"),
            db.rows("explain (costs off) select id, (select count(*) from u where u.a = s.a) from s"));
        assertEquals(List.of("Seq Scan on s", "  Filter: (NOT (hashed SubPlan 1))", "  SubPlan 1", "    ->  Seq Scan on u"),
            db.rows("explain (costs off) select * from s where a not in (select a from u)"));
    }

    @Test
    void badOptionsAndBadStatementsAreErrors() {
        db.rows("create table t1 (id int)");
        DatabaseException e = db.error("explain (foo) select 1");
        assertEquals("42601", e.sqlState());
        assertEquals("unrecognized EXPLAIN option \"foo\"", e.getMessage());
        assertEquals("22023", db.error("explain (timing) select 1").sqlState());
        assertEquals("42P01", db.error("explain select * from nope").sqlState());
        assertEquals("42601", db.error("explain create table x (a int)").sqlState());
    }
}
