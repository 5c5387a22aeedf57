-- planner/constant_folding: constant folding at plan time (eval_const_expressions): folded EXPLAIN output, AND/OR/NOT/CASE/COALESCE simplification, dummy Results for constant-false quals, errors raised while planning
CREATE TABLE constant_folding_t (a integer, b integer, c text);
CREATE TABLE constant_folding_e (a integer);
CREATE TABLE constant_folding_k (id integer PRIMARY KEY, v text);
INSERT INTO constant_folding_k SELECT g, 'v' || g FROM generate_series(1, 2000) g;
INSERT INTO constant_folding_t VALUES (1, 10, 'x'), (2, 20, 'y'), (6, NULL, NULL);
-- operators and immutable functions of constants are computed once
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE b = 5 + 1;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE b = 2 * 3 AND c = 'a' || 'b';
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE c = upper('x') OR b = length('abc');
EXPLAIN (VERBOSE, COSTS OFF) SELECT a + (2 * 3), coalesce(null, 1, a), coalesce(a, null, b), 1::text, 2::bigint, '2020-01-01'::date + 1, 3::numeric / 2 FROM constant_folding_t;
EXPLAIN (VERBOSE, COSTS OFF) SELECT null::int IS NULL, 1 IS NULL, NOT true, NOT null::bool, 1 IS DISTINCT FROM 2, nullif(1, 1), greatest(1, 2), 1 = ANY(ARRAY[1,2]), ARRAY[1,2], (ARRAY[1,2])[1], true IS NOT FALSE FROM constant_folding_t;
-- stable and volatile functions stay calls
EXPLAIN (VERBOSE, COSTS OFF) SELECT now() - now(), random() < 2, 'x'::text || 1 FROM constant_folding_t;
EXPLAIN (VERBOSE, COSTS OFF) SELECT to_char(12, '999'), age('2020-01-02'::timestamp, '2020-01-01'::timestamp), '2020-01-01'::date::text FROM constant_folding_t;
-- AND / OR with constants, NOT pushed down
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 AND true;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 OR true;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 OR false OR b = 2;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a + 0 = 1 AND 2 > 1;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 OR NULL;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE NOT (c = 'x');
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE NOT (a = 1 AND b < 2);
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE NOT (a IS NULL OR c LIKE 'x%');
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE NOT (a > 1 IS TRUE);
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE NOT NOT (a > 1);
SELECT a FROM constant_folding_t WHERE NOT (a = 1 AND b < 20) ORDER BY a;
-- CASE: constant conditions, simple CASE of a constant
EXPLAIN (VERBOSE, COSTS OFF) SELECT CASE WHEN a > 0 THEN 1 WHEN false THEN 1/0 ELSE 3 END, CASE 1 WHEN 1 THEN 'one' ELSE 'x' END, CASE WHEN a > 0 THEN 2 END, CASE WHEN true THEN a ELSE 1/0 END FROM constant_folding_t;
EXPLAIN (VERBOSE, COSTS OFF) SELECT CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, CASE 2 WHEN a THEN 'a' ELSE 'b' END FROM constant_folding_t;
SELECT a, CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, CASE 2 WHEN a THEN 'a' ELSE 'b' END FROM constant_folding_t ORDER BY a;
-- constant-false quals: a dummy Result
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE false;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE null;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 AND NULL;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t WHERE a = 1 AND b = null;
EXPLAIN (COSTS OFF) SELECT count(*) FROM constant_folding_t WHERE 1 = 2;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t x JOIN constant_folding_e y ON x.a = y.a WHERE false;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t x JOIN constant_folding_e y ON x.a = y.a AND 1 = 2;
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_t x LEFT JOIN constant_folding_e y ON x.a = y.a AND 1 = 2;
EXPLAIN (COSTS OFF) SELECT 1 WHERE false;
EXPLAIN (COSTS OFF) SELECT 1 WHERE 1 = 1;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM constant_folding_t WHERE false;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM constant_folding_t WHERE 1 = 2;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT 1 WHERE false;
SELECT count(*) FROM constant_folding_t WHERE false;
SELECT x.a, y.a FROM constant_folding_t x LEFT JOIN constant_folding_e y ON x.a = y.a AND 1 = 2 ORDER BY x.a;
SELECT * FROM constant_folding_t WHERE a = 1 AND b = null;
-- index bounds take the folded constant
EXPLAIN (COSTS OFF) SELECT * FROM constant_folding_k WHERE id = 5 + 1;
SELECT id FROM constant_folding_k WHERE id IN (3, 1 + 1, NULL) ORDER BY id;
SELECT id, v FROM constant_folding_k WHERE id = 5 + 1;
-- errors at plan time, even when no row is read
SELECT 1 FROM constant_folding_e WHERE 1/0 = 1;
SELECT 1 FROM constant_folding_e WHERE false AND 1/0 = 1;
SELECT 1 FROM constant_folding_e WHERE 1/0 = 1 AND false;
SELECT 1 FROM constant_folding_e WHERE true OR 1/0 = 1;
SELECT 1 FROM constant_folding_e WHERE 1/0 = 1 OR true;
SELECT 1 FROM constant_folding_e WHERE a = 1/0;
SELECT coalesce(1, 1/0) FROM constant_folding_e;
SELECT coalesce(a, 1/0) FROM constant_folding_e;
SELECT case when a > 0 then 1/0 else 1 end FROM constant_folding_e;
SELECT case when false then 1/0 else 1 end FROM constant_folding_e;
SELECT case when true then 1 else 1/0 end FROM constant_folding_e;
SELECT case when a > 0 then 1 when true then 2 else 1/0 end FROM constant_folding_e;
SELECT case 1 when 2 then 1/0 else 3 end FROM constant_folding_e;
SELECT 1 FROM constant_folding_e LIMIT 1/0;
SELECT 2147483647 + 1 FROM constant_folding_e;
UPDATE constant_folding_e SET a = 1/0 WHERE a = 999;
DELETE FROM constant_folding_e WHERE a = 1/0;
INSERT INTO constant_folding_e SELECT 1/0 WHERE false;
DROP TABLE constant_folding_t, constant_folding_e, constant_folding_k;
