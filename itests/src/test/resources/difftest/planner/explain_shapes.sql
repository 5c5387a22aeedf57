-- planner/explain_shapes: EXPLAIN plan shapes (COSTS OFF) where Tusk's choice is PostgreSQL's: scans, point lookups, ordered index scans with LIMIT, hash and merge joins, join order, aggregates, DML
CREATE TABLE explain_shapes_t (id int PRIMARY KEY, a int, b text);
CREATE TABLE explain_shapes_u (id int, a int);
CREATE TABLE explain_shapes_big (id int PRIMARY KEY, a int);
INSERT INTO explain_shapes_big WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 3000) SELECT g, g % 10 FROM s;
-- sequential scans and their filters, as ruleutils prints expressions
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u WHERE a = 1;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u WHERE a > 1 AND id < 2;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t WHERE b = 'x' OR a IS NULL;
EXPLAIN (COSTS OFF) SELECT id FROM explain_shapes_t WHERE lower(b) = 'q';
-- point lookup by primary key
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT b FROM explain_shapes_t WHERE id = 7 AND a > 2;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_big WHERE id = 42;
-- ORDER BY the indexed column with LIMIT
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_big ORDER BY id LIMIT 5;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_big ORDER BY id DESC LIMIT 5;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u ORDER BY a DESC, id;
-- joins: hash join building on the small or unique side, merge join of two unanalyzed tables
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t JOIN explain_shapes_u ON explain_shapes_u.id = explain_shapes_t.id;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t LEFT JOIN explain_shapes_u ON explain_shapes_u.id = explain_shapes_t.id;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u u1 JOIN explain_shapes_u u2 ON u1.a = u2.a WHERE u1.id = 5;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t JOIN explain_shapes_u ON explain_shapes_t.a = explain_shapes_u.a;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_u u1, explain_shapes_u u2 WHERE u1.id = u2.id;
-- join order: three relations written in an order that is not the cheapest
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t, explain_shapes_u, explain_shapes_u u3 WHERE explain_shapes_t.id = explain_shapes_u.id AND explain_shapes_u.a = u3.a;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t LEFT JOIN explain_shapes_u ON explain_shapes_t.id < explain_shapes_u.id;
-- aggregates
EXPLAIN (COSTS OFF) SELECT count(*) FROM explain_shapes_u;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM explain_shapes_u GROUP BY a;
EXPLAIN (COSTS OFF) SELECT a, sum(id) FROM explain_shapes_u WHERE id > 0 GROUP BY a;
EXPLAIN (COSTS OFF) SELECT DISTINCT a FROM explain_shapes_u;
-- VALUES, Result, DML
EXPLAIN (COSTS OFF) VALUES (1), (2);
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN (COSTS OFF) INSERT INTO explain_shapes_u VALUES (1, 2);
EXPLAIN (COSTS OFF) INSERT INTO explain_shapes_u VALUES (1, 2), (3, 4);
EXPLAIN (COSTS OFF) UPDATE explain_shapes_u SET a = 1 WHERE id = 2;
EXPLAIN (COSTS OFF) DELETE FROM explain_shapes_t WHERE id = 2;
-- costs where the estimates are PostgreSQL's (empty tables count as 10 pages)
EXPLAIN SELECT * FROM explain_shapes_u;
EXPLAIN SELECT * FROM explain_shapes_u WHERE a = 1;
EXPLAIN SELECT * FROM explain_shapes_t WHERE id = 1;
EXPLAIN SELECT * FROM explain_shapes_t WHERE a < 5;
EXPLAIN VALUES (1), (2);
EXPLAIN SELECT 1;
EXPLAIN INSERT INTO explain_shapes_u VALUES (1, 2), (3, 4);
CREATE TABLE explain_shapes_c (id int PRIMARY KEY, a int, b text, c numeric, d bigint);
EXPLAIN SELECT a, count(*) FROM explain_shapes_c GROUP BY a;
EXPLAIN SELECT count(*) FROM explain_shapes_c;
EXPLAIN SELECT * FROM explain_shapes_c ORDER BY a;
EXPLAIN SELECT * FROM explain_shapes_c ORDER BY a LIMIT 10;
EXPLAIN SELECT * FROM explain_shapes_c ORDER BY a LIMIT 10 OFFSET 5;
EXPLAIN SELECT DISTINCT a FROM explain_shapes_c;
EXPLAIN SELECT a FROM explain_shapes_c UNION ALL SELECT id FROM explain_shapes_c;
EXPLAIN SELECT a FROM explain_shapes_c UNION SELECT id FROM explain_shapes_c;
EXPLAIN SELECT b FROM explain_shapes_c WHERE b LIKE 'x%';
EXPLAIN SELECT * FROM explain_shapes_c WHERE a <> 5;
EXPLAIN SELECT * FROM explain_shapes_c WHERE a > 1 AND a < 10;
EXPLAIN SELECT * FROM explain_shapes_c WHERE c = 1.5;
EXPLAIN SELECT a + 1 FROM explain_shapes_c;
EXPLAIN (COSTS OFF) SELECT row_number() OVER (ORDER BY a) FROM explain_shapes_c;
EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_c CROSS JOIN explain_shapes_c c2;
DROP TABLE explain_shapes_c;
-- VERBOSE
EXPLAIN (VERBOSE, COSTS OFF) SELECT a FROM explain_shapes_t WHERE id = 3;
EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM explain_shapes_u WHERE a = 1;
-- EXPLAIN ANALYZE really runs (row counts only: no timings)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) INSERT INTO explain_shapes_u VALUES (1, 2), (3, 4), (5, 2);
SELECT * FROM explain_shapes_u ORDER BY id;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM explain_shapes_u WHERE a = 2;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, BUFFERS OFF, FORMAT TEXT) SELECT count(*) FROM explain_shapes_u;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM explain_shapes_big WHERE id = 9;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM explain_shapes_big ORDER BY id DESC LIMIT 3;
BEGIN;
-- difftest: differs: UPDATE / DELETE scan their table inside ModifyTable, which EXPLAIN ANALYZE does not instrument yet (no actual rows on the scan line)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) DELETE FROM explain_shapes_u WHERE a = 2;
SELECT count(*) FROM explain_shapes_u;
ROLLBACK;
SELECT count(*) FROM explain_shapes_u;
-- a prepared EXPLAIN
PREPARE explain_shapes_p AS EXPLAIN (COSTS OFF) SELECT * FROM explain_shapes_t WHERE id = $1;
EXECUTE explain_shapes_p(4);
DEALLOCATE explain_shapes_p;
DROP TABLE explain_shapes_t, explain_shapes_u, explain_shapes_big;
