-- Data-modifying statements in WITH: DELETE/UPDATE/INSERT ... RETURNING as CTEs, WITH ... INSERT/UPDATE/DELETE, one snapshot, run to completion, command tags, errors
CREATE TABLE modifying_cte_a (id int PRIMARY KEY, v text);
CREATE TABLE modifying_cte_b (id int, v text);
INSERT INTO modifying_cte_a VALUES (1, 'x'), (2, 'y'), (3, 'z'), (4, 'w');
-- move rows from one table to another
WITH moved AS (DELETE FROM modifying_cte_a WHERE id >= 3 RETURNING *) INSERT INTO modifying_cte_b SELECT * FROM moved;
SELECT * FROM modifying_cte_a ORDER BY id;
SELECT * FROM modifying_cte_b ORDER BY id;
-- the outer query's tag is the command tag
WITH u AS (UPDATE modifying_cte_a SET v = v || '!' RETURNING id) SELECT count(*) FROM u;
WITH i AS (INSERT INTO modifying_cte_b VALUES (5, 'q'), (6, 'r') RETURNING id) SELECT id FROM i ORDER BY id;
-- run to completion though the outer query reads nothing or one row
WITH d AS (DELETE FROM modifying_cte_b WHERE id >= 5 RETURNING id) SELECT 1 AS one;
SELECT count(*) FROM modifying_cte_b;
WITH i AS (INSERT INTO modifying_cte_b VALUES (7, 's'), (8, 't') RETURNING id) SELECT * FROM i ORDER BY id LIMIT 1;
WITH i AS (INSERT INTO modifying_cte_b VALUES (9, 'u')) SELECT 2 AS two;
SELECT count(*) FROM modifying_cte_b;
-- one snapshot: the outer query sees the table as it was
WITH i AS (INSERT INTO modifying_cte_a VALUES (10, 'n') RETURNING id)
  SELECT (SELECT count(*) FROM modifying_cte_a) AS before, (SELECT count(*) FROM i) AS inserted;
SELECT count(*) FROM modifying_cte_a;
WITH u AS (UPDATE modifying_cte_a SET v = 'cte' WHERE id = 1 RETURNING id)
  UPDATE modifying_cte_a SET v = 'outer' WHERE id = 1;
SELECT v FROM modifying_cte_a WHERE id = 1;
WITH u AS (UPDATE modifying_cte_a SET v = 'cte' WHERE id = 2 RETURNING id)
  UPDATE modifying_cte_a SET v = 'outer' WHERE id = 2 AND EXISTS (SELECT 1 FROM u);
SELECT v FROM modifying_cte_a WHERE id = 2;
-- several CTEs, each reading the earlier ones
WITH d AS (DELETE FROM modifying_cte_b WHERE id > 6 RETURNING *),
     i AS (INSERT INTO modifying_cte_a SELECT id + 100, v FROM d RETURNING *)
  SELECT * FROM i ORDER BY id;
-- the main statement may be an UPDATE or DELETE reading a CTE
WITH src AS (DELETE FROM modifying_cte_b WHERE id = 3 RETURNING id, v)
  UPDATE modifying_cte_a SET v = src.v FROM src WHERE modifying_cte_a.id = src.id - 1 RETURNING modifying_cte_a.*;
WITH gone AS (SELECT 107 AS id) DELETE FROM modifying_cte_a USING gone WHERE modifying_cte_a.id = gone.id RETURNING modifying_cte_a.id;
WITH d(n, w) AS (DELETE FROM modifying_cte_a WHERE id = 108 RETURNING id, v) SELECT q.n, q.w FROM d AS q;
WITH i AS (INSERT INTO modifying_cte_b VALUES (20, 'k') RETURNING id) SELECT id FROM i WHERE id IN (SELECT id FROM i);
-- a plain CTE before INSERT / UPDATE / DELETE
WITH s AS (SELECT 30 AS id, 'p' AS v) INSERT INTO modifying_cte_b SELECT * FROM s;
WITH s AS (SELECT 30 AS id) UPDATE modifying_cte_b SET v = 'pp' WHERE id IN (SELECT id FROM s);
WITH s AS (SELECT 30 AS id) DELETE FROM modifying_cte_b WHERE id IN (SELECT id FROM s);
-- in a transaction block the next statement sees the changes
BEGIN;
WITH d AS (DELETE FROM modifying_cte_a WHERE id = 1 RETURNING id) SELECT count(*) FROM d;
SELECT count(*) FROM modifying_cte_a;
ROLLBACK;
SELECT count(*) FROM modifying_cte_a;
-- prepared
PREPARE modifying_cte_p(int) AS WITH d AS (DELETE FROM modifying_cte_b WHERE id = $1 RETURNING *) INSERT INTO modifying_cte_a SELECT id + 200, v FROM d;
EXECUTE modifying_cte_p(20);
DEALLOCATE modifying_cte_p;
SELECT * FROM modifying_cte_a ORDER BY id;
SELECT * FROM modifying_cte_b ORDER BY id;
-- EXPLAIN
EXPLAIN (COSTS OFF) WITH u AS (UPDATE modifying_cte_a SET v = 'q' RETURNING id) SELECT count(*) FROM u;
EXPLAIN (COSTS OFF) WITH moved AS (DELETE FROM modifying_cte_b RETURNING *) INSERT INTO modifying_cte_a SELECT * FROM moved;
-- errors
SELECT * FROM (WITH d AS (DELETE FROM modifying_cte_a RETURNING *) SELECT * FROM d) s;
WITH d AS (DELETE FROM modifying_cte_a) SELECT * FROM d;
WITH d(x, y, z) AS (DELETE FROM modifying_cte_a RETURNING id, v) SELECT * FROM d;
WITH i AS (INSERT INTO modifying_cte_a VALUES (1, 'dup') RETURNING id) SELECT * FROM i;
INSERT INTO modifying_cte_b WITH d AS (DELETE FROM modifying_cte_a RETURNING *) SELECT * FROM d;
SELECT count(*) FROM modifying_cte_a;
DROP TABLE modifying_cte_a, modifying_cte_b;
