-- features/row_locking_subqueries: FOR UPDATE / FOR SHARE inside a subquery in FROM, a WITH query and an IN subquery (the rows of that subquery's relations are locked; results and lock modes as PostgreSQL)
CREATE TABLE row_locking_subqueries_t (id int PRIMARY KEY, v int);
INSERT INTO row_locking_subqueries_t VALUES (1, 10), (2, 20), (3, 30);
SELECT * FROM (SELECT * FROM row_locking_subqueries_t WHERE id < 3 FOR UPDATE) s ORDER BY id;
WITH w AS (SELECT * FROM row_locking_subqueries_t WHERE id = 2 FOR SHARE) SELECT * FROM w;
SELECT * FROM row_locking_subqueries_t WHERE id IN (SELECT id FROM row_locking_subqueries_t WHERE v > 15 FOR UPDATE) ORDER BY id;
BEGIN;
SELECT * FROM (SELECT * FROM row_locking_subqueries_t WHERE id < 3 FOR NO KEY UPDATE) s ORDER BY id;
SELECT locktype, mode, granted FROM pg_locks WHERE locktype = 'relation' AND relation = 'row_locking_subqueries_t'::regclass ORDER BY mode;
ROLLBACK;
UPDATE row_locking_subqueries_t SET v = v + 1
 WHERE id IN (SELECT id FROM row_locking_subqueries_t WHERE v > 15 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *;
SELECT * FROM (SELECT count(*) FROM row_locking_subqueries_t FOR UPDATE) s;
DROP TABLE row_locking_subqueries_t;
