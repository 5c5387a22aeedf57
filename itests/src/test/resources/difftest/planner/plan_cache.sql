-- planner/plan_cache: prepared statements' custom vs generic plans (plan_cache_mode, the first five custom plans), EXPLAIN EXECUTE, errors at EXECUTE, identifier truncation
CREATE TABLE plan_cache_t (id integer PRIMARY KEY, v text);
INSERT INTO plan_cache_t SELECT g, 'v' || g FROM generate_series(1, 1000) g;
PREPARE plan_cache_p(int) AS SELECT v FROM plan_cache_t WHERE id = $1;
-- the first five executions use custom plans (the parameter folded in), then the generic one
EXPLAIN (COSTS OFF) EXECUTE plan_cache_p(1);
EXECUTE plan_cache_p(1);
EXECUTE plan_cache_p(2);
EXECUTE plan_cache_p(3);
EXECUTE plan_cache_p(4);
EXPLAIN (COSTS OFF) EXECUTE plan_cache_p(5);
EXPLAIN (COSTS OFF) EXECUTE plan_cache_p(6);
EXECUTE plan_cache_p(7);
SET plan_cache_mode = force_custom_plan;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_p(8);
SET plan_cache_mode = force_generic_plan;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_p(8);
EXECUTE plan_cache_p(8);
SHOW plan_cache_mode;
RESET plan_cache_mode;
SET plan_cache_mode = bogus;
-- folding with the parameters' values: custom plans fold them, generic plans keep $n
PREPARE plan_cache_q(int) AS SELECT v FROM plan_cache_t WHERE id = $1 + 1 AND 10 / $1 > 0;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_q(1);
EXECUTE plan_cache_q(1);
EXECUTE plan_cache_q(0);
SET plan_cache_mode = force_generic_plan;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_q(2);
EXECUTE plan_cache_q(2);
EXECUTE plan_cache_q(0);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE plan_cache_q(2);
PREPARE plan_cache_g(int) AS SELECT v FROM plan_cache_t WHERE $1 > 0 AND id = 3;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_g(1);
EXECUTE plan_cache_g(1);
EXECUTE plan_cache_g(0);
RESET plan_cache_mode;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_g(0);
-- a statement without parameters has only the generic plan; its errors are EXECUTE's, not PREPARE's
PREPARE plan_cache_z AS SELECT 1/0;
EXECUTE plan_cache_z;
PREPARE plan_cache_n AS SELECT v FROM plan_cache_t WHERE id = 10 + 5;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_n;
EXECUTE plan_cache_n;
-- DML
PREPARE plan_cache_u(int, text) AS UPDATE plan_cache_t SET v = $2 || '!' WHERE id = $1 RETURNING id, v;
EXPLAIN (COSTS OFF) EXECUTE plan_cache_u(3, 'x');
EXECUTE plan_cache_u(3, 'x');
EXPLAIN EXECUTE plan_cache_nope(1);
EXPLAIN EXECUTE plan_cache_p(1, 2);
DEALLOCATE ALL;
DROP TABLE plan_cache_t;
-- 63-byte identifiers
CREATE TABLE plan_cache_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijXYZ (a int);
SELECT * FROM plan_cache_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijQQQ;
DROP TABLE "plan_cache_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij_and_more";
SELECT 1 AS "Quoted_Very_Long_Column_Name_That_Goes_On_And_On_And_On_Past_Sixty_Three";
SELECT 1 AS ééééééééééééééééééééééééééééééééééé;
SELECT 1 AS abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc;
