-- features/row_locking: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE with OF, NOWAIT, SKIP LOCKED and several locking clauses in one session (two-session behaviour: itests RowLockWaitPolicyTest), and their errors
CREATE TABLE q_lock_t (id int PRIMARY KEY, state text);
INSERT INTO q_lock_t VALUES (1, 'new'), (2, 'new'), (3, 'done');
BEGIN;
SELECT id, state FROM q_lock_t ORDER BY id FOR UPDATE;
SELECT id FROM q_lock_t WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
SELECT id FROM q_lock_t WHERE id = 2 FOR NO KEY UPDATE NOWAIT;
SELECT id FROM q_lock_t t ORDER BY id FOR SHARE OF t SKIP LOCKED;
SELECT id FROM q_lock_t ORDER BY id FOR KEY SHARE OF q_lock_t NOWAIT;
SELECT id FROM q_lock_t t ORDER BY id FOR UPDATE OF t, t;
SELECT id FROM q_lock_t t ORDER BY id FOR UPDATE FOR SHARE NOWAIT;
SELECT id FROM q_lock_t ORDER BY id LIMIT 2 OFFSET 1 FOR UPDATE;
UPDATE q_lock_t SET state = 'taken' WHERE id = 1;
SELECT id, state FROM q_lock_t ORDER BY id FOR UPDATE NOWAIT;
COMMIT;
PREPARE q_lock_take(text) AS SELECT id FROM q_lock_t WHERE state = $1 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
EXECUTE q_lock_take('new');
EXECUTE q_lock_take('none');
DEALLOCATE q_lock_take;
-- LockRows sits above the Sort, below the Limit
ALTER TABLE q_lock_t ADD COLUMN prio int;
EXPLAIN (COSTS OFF) SELECT id FROM q_lock_t WHERE state = 'new' ORDER BY prio LIMIT 1 FOR UPDATE SKIP LOCKED;
EXPLAIN (COSTS OFF) SELECT id FROM q_lock_t WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
-- errors
SELECT id FROM q_lock_t ORDER BY id FOR UPDATE OF x;
SELECT id FROM q_lock_t t ORDER BY id FOR SHARE OF q_lock_t;
SELECT id FROM q_lock_t t FOR UPDATE OF t.id;
SELECT id FROM q_lock_t FOR UPDATE SKIP LOCKED NOWAIT;
SELECT id FROM q_lock_t FOR UPDATE NOWAIT SKIP LOCKED;
SELECT id FROM q_lock_t FOR UPDATE SKIP;
SELECT DISTINCT state FROM q_lock_t FOR UPDATE NOWAIT;
SELECT count(*) FROM q_lock_t FOR SHARE SKIP LOCKED;
SELECT state FROM q_lock_t GROUP BY state FOR KEY SHARE;
SELECT id, row_number() OVER () FROM q_lock_t FOR UPDATE;
SELECT id, generate_series(1, 2) FROM q_lock_t FOR UPDATE;
DROP TABLE q_lock_t;
