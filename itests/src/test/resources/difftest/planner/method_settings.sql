-- planner/method_settings: the enable_* planner switches (SHOW, pg_settings, SET / RESET) and their effect on EXPLAIN (COSTS OFF): disabled methods cost disable_cost more
SELECT name, setting, vartype, context, category, short_desc FROM pg_settings WHERE name LIKE 'enable%' ORDER BY name;
SELECT name, setting, category, short_desc FROM pg_settings WHERE name IN ('jit', 'jit_above_cost', 'jit_inline_above_cost', 'jit_optimize_above_cost') ORDER BY name;
SHOW enable_seqscan;
SHOW enable_partitionwise_join;
SET enable_seqscan = nonsense;
SET enable_seqscan = off;
SHOW enable_seqscan;
RESET enable_seqscan;
SHOW enable_seqscan;
CREATE TABLE ms_t (id int PRIMARY KEY, a int, b text);
CREATE TABLE ms_u (id int, a int);
CREATE INDEX ms_t_a ON ms_t (a);
INSERT INTO ms_t SELECT g, g % 10, 'x' || g FROM generate_series(1, 50) g;
INSERT INTO ms_u SELECT g, g % 5 FROM generate_series(1, 50) g;
-- sequential scans: a disabled seq scan still runs where no index helps, and costs disable_cost
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ms_u WHERE a = 3;
EXPLAIN SELECT * FROM ms_u;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ms_t WHERE a = 3;
SELECT * FROM ms_t WHERE a = 3 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM ms_t ORDER BY id;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- index scans off: the primary key lookup becomes a sequential scan
SET enable_indexscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ms_t WHERE id = 7;
SELECT * FROM ms_t WHERE id = 7;
RESET enable_indexscan;
RESET enable_bitmapscan;
EXPLAIN (COSTS OFF) SELECT * FROM ms_t WHERE id = 7;
-- joins
EXPLAIN (COSTS OFF) SELECT * FROM ms_u u1 JOIN ms_u u2 ON u1.a = u2.a;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT * FROM ms_u u1 JOIN ms_u u2 ON u1.a = u2.a;
SELECT count(*) FROM ms_u u1 JOIN ms_u u2 ON u1.a = u2.a;
SELECT count(*) FROM ms_u u1 LEFT JOIN ms_t ON ms_t.a = u1.id;
RESET enable_hashjoin;
RESET enable_mergejoin;
-- aggregates: enable_hashagg off gives a GroupAggregate over a Sort of the group keys
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ms_u GROUP BY a;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ms_u GROUP BY a;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ms_u GROUP BY a ORDER BY a;
EXPLAIN (COSTS OFF) SELECT a, count(*) FROM ms_u GROUP BY a ORDER BY count(*) DESC, a;
SELECT a, count(*), sum(id) FROM ms_u GROUP BY a ORDER BY a;
SELECT a, id % 2 AS p, count(*) FROM ms_u GROUP BY a, id % 2 ORDER BY 1, 2;
RESET enable_hashagg;
-- prepared statements are planned again after a switch changes
PREPARE ms_p AS SELECT * FROM ms_u u1 JOIN ms_u u2 ON u1.a = u2.a WHERE u1.id > 0;
EXPLAIN (COSTS OFF) EXECUTE ms_p;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
-- difftest: differs: PostgreSQL keeps a generic plan across SET enable_*; Tusk plans it again under the new switches
EXPLAIN (COSTS OFF) EXECUTE ms_p;
DEALLOCATE ms_p;
RESET ALL;
DROP TABLE ms_t, ms_u;
