-- planner/explain_errors: EXPLAIN of statements that fail, bad options, and what cannot be explained
\set VERBOSITY verbose
CREATE TABLE explain_errors_t (id int PRIMARY KEY, a int);
EXPLAIN SELECT * FROM explain_errors_nope;
EXPLAIN SELECT nope FROM explain_errors_t;
EXPLAIN SELECT * FROM explain_errors_t WHERE a = 'x';
EXPLAIN SELEC 1;
EXPLAIN (COSTS OFF) INSERT INTO explain_errors_t VALUES ('a');
EXPLAIN (FOO) SELECT 1;
EXPLAIN (COSTS maybe) SELECT 1;
EXPLAIN (TIMING) SELECT 1;
EXPLAIN DROP TABLE explain_errors_t;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT 1 / 0;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) INSERT INTO explain_errors_t VALUES (1, 1), (1, 2);
SELECT count(*) FROM explain_errors_t;
BEGIN;
EXPLAIN SELECT * FROM explain_errors_nope;
EXPLAIN (COSTS OFF) SELECT 1;
ROLLBACK;
DROP TABLE explain_errors_t;
