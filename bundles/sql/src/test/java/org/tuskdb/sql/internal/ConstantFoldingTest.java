package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constant folding at plan time (PostgreSQL's eval_const_expressions), checked through EXPLAIN
 * and through the errors it raises; expected texts are PostgreSQL 15's for the same queries.
 */
class ConstantFoldingTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private List<String> plan(String sql) {
        return db.rows("explain (costs off) " + sql);
    }

    private List<String> verbose(String sql) {
        return db.rows("explain (verbose, costs off) " + sql);
    }

    private void tables() {
        db.rows("create table t (a int, b int, c text)");
        db.rows("create table e (a int)");
    }

    @Test
    void operatorsOfConstantsAreComputedOnce() {
        tables();
        assertEquals(List.of("Seq Scan on t", "  Filter: (a = 6)"), plan("select * from t where a = 5 + 1"));
        assertEquals(List.of("Seq Scan on public.t", "  Output: (a + 6), 3, 'ab'::text, 'X'::text, '2020-01-02'::date"),
            verbose("select a + (2 * 3), length('abc'), 'a' || 'b', upper('x'), '2020-01-01'::date + 1 from t"));
    }

    @Test
    void stableAndVolatileFunctionsAreNotFolded() {
        tables();
        assertEquals(List.of("Seq Scan on public.t", "  Output: now(), (random() < '2'::double precision)"),
            verbose("select now(), random() < 2 from t"));
    }

    @Test
    void andOrDropConstantsAndNotIsPushedDown() {
        tables();
        assertEquals(List.of("Seq Scan on t", "  Filter: (a = 1)"), plan("select * from t where a = 1 and true"));
        assertEquals(List.of("Seq Scan on t"), plan("select * from t where a = 1 or true"));
        assertEquals(List.of("Seq Scan on t", "  Filter: (c <> 'x'::text)"), plan("select * from t where not (c = 'x')"));
        assertEquals(List.of("Seq Scan on t", "  Filter: ((a <> 1) OR (b >= 2))"),
            plan("select * from t where not (a = 1 and b < 2)"));
        assertEquals(List.of("Seq Scan on t", "  Filter: (a IS NOT NULL)"), plan("select * from t where not (a is null)"));
        assertEquals(List.of("Seq Scan on t", "  Filter: ((a > 1) IS NOT TRUE)"),
            plan("select * from t where not (a > 1 is true)"));
        assertEquals(List.of("Seq Scan on t", "  Filter: (a > 1)"), plan("select * from t where not not (a > 1)"));
    }

    @Test
    void caseAndCoalesceDropWhatCannotBeReached() {
        tables();
        assertEquals(List.of("Seq Scan on public.t", "  Output: CASE WHEN (a > 0) THEN 1 ELSE 3 END, 'one'::text, "
                + "CASE WHEN (a > 0) THEN 2 ELSE NULL::integer END, a, 1, COALESCE(a, b)"),
            verbose("select case when a > 0 then 1 when false then 1/0 else 3 end, case 1 when 1 then 'one' else 'x' end,"
                + " case when a > 0 then 2 end, case when true then a else 1/0 end, coalesce(null, 1, a), coalesce(a, null, b) from t"));
    }

    @Test
    void constantFalseWhereIsADummyResult() {
        tables();
        List<String> dummy = List.of("Result", "  One-Time Filter: false");
        assertEquals(dummy, plan("select * from t where false"));
        assertEquals(dummy, plan("select * from t where null"));
        assertEquals(dummy, plan("select * from t where a = 1 and b = null"));
        assertEquals(dummy, plan("select * from t x join e y on x.a = y.a and 1 = 2"));
        assertEquals(List.of("Aggregate", "  ->  Result", "        One-Time Filter: false"),
            plan("select count(*) from t where 1 = 2"));
        assertEquals(List.of("Nested Loop Left Join", "  Join Filter: false", "  ->  Seq Scan on t x", "  ->  Result",
            "        One-Time Filter: false"), plan("select * from t x left join e y on x.a = y.a and 1 = 2"));
        db.rows("insert into t values (1, 2, 'x')");
        assertEquals(List.of("0"), db.rows("select count(*) from t where false"));
        assertEquals(List.of("1|"), db.rows("select x.a, y.a from t x left join e y on x.a = y.a and 1 = 2"));
    }

    @Test
    void errorsOfFoldingHappenAtPlanTimeEvenWithoutRows() {
        tables();
        assertEquals("22012", db.error("select 1 from e where 1/0 = 1").sqlState());
        assertEquals("22012", db.error("select 1 from e where 1/0 = 1 and false").sqlState());
        assertEquals("22012", db.error("select case when a > 0 then 1/0 else 1 end from e").sqlState());
        assertEquals("22012", db.error("update e set a = 1/0 where a = 999").sqlState());
        // what folding never reaches is never evaluated
        assertEquals(List.of(), db.rows("select 1 from e where false and 1/0 = 1"));
        assertEquals(List.of(), db.rows("select 1 from e where true or 1/0 = 1"));
        assertEquals(List.of(), db.rows("select case when false then 1/0 else 1 end from e"));
        assertEquals(List.of(), db.rows("select coalesce(1, 1/0) from e"));
        assertEquals(List.of(), db.rows("select case 1 when 2 then 1/0 else 3 end from e"));
    }

    @Test
    void indexBoundsTakeTheFoldedConstant() {
        db.rows("create table k (id int primary key, v text)");
        db.rows("insert into k select g, 'v' || g from generate_series(1, 2000) g");
        assertEquals(List.of("Index Scan using k_pkey on k", "  Index Cond: (id = 6)"), plan("select * from k where id = 5 + 1"));
        assertEquals(List.of("6|v6"), db.rows("select id, v from k where id = 5 + 1"));
        assertEquals(List.of("2", "3"), db.rows("select id from k where id in (3, 1 + 1, null) order by id"));
    }

    @Test
    void pseudoConstantConditionsAreAOneTimeFilter() {
        db.rows("create table k (id int primary key, v text)");
        db.rows("insert into k select g, 'v' || g from generate_series(1, 2000) g");
        db.rows("prepare q(int) as select v from k where id = $1 + 1 and 10 / $1 > 0");
        db.rows("set plan_cache_mode = force_generic_plan");
        assertEquals(List.of("Result", "  One-Time Filter: ((10 / $1) > 0)", "  ->  Index Scan using k_pkey on k",
            "        Index Cond: (id = ($1 + 1))"), db.rows("explain (costs off) execute q(2)"));
        assertEquals(List.of("v3"), db.rows("execute q(2)"));
        assertEquals(List.of(), db.rows("execute q(20)"));
        assertEquals("22012", db.error("execute q(0)").sqlState());
    }

    @Test
    void longIdentifiersAreTruncatedWithANotice() {
        String name = "a_very_long_column_name_that_goes_on_and_on_and_on_past_sixty_three_bytes";
        db.rows("select 1 as " + name);
        assertEquals(List.of(name.substring(0, 63)), db.sink.columnNames());
        assertEquals(1, db.sink.notices.size());
        assertEquals("42622", db.sink.notices.get(0).sqlState());
        assertEquals("identifier \"" + name + "\" will be truncated to \"" + name.substring(0, 63) + "\"",
            db.sink.notices.get(0).getMessage());
        // 35 two-byte characters: cut at the character boundary, 62 bytes
        String e = "é".repeat(35);
        db.rows("select 1 as " + e);
        assertEquals(List.of("é".repeat(31)), db.sink.columnNames());
        db.rows("select 1 as \"" + "Q".repeat(64) + "\"");
        assertEquals(List.of("Q".repeat(63)), db.sink.columnNames());
        db.rows("select 1 as " + "x".repeat(63));
        assertTrue(db.sink.notices.isEmpty());
    }
}
