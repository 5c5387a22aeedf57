-- features/row_locking_joins: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF t] [NOWAIT | SKIP LOCKED] over joins (job queues), and where PostgreSQL refuses locking clauses (0A000)
CREATE TABLE row_locking_joins_q (id integer PRIMARY KEY, name text);
CREATE TABLE row_locking_joins_j (id integer PRIMARY KEY, queue integer, state text);
INSERT INTO row_locking_joins_q VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO row_locking_joins_j VALUES (1, 1, 'new'), (2, 1, 'new'), (3, 2, 'new'), (4, 2, 'done');
-- the job-queue pattern
SELECT j.id, q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue
  WHERE j.state = 'new' ORDER BY j.id LIMIT 2 FOR UPDATE OF j SKIP LOCKED;
BEGIN;
SELECT j.id, q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue
  WHERE j.state = 'new' ORDER BY j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED;
UPDATE row_locking_joins_j SET state = 'running' WHERE id = 1;
SELECT j.id, j.state, q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue
  ORDER BY j.id FOR UPDATE;
COMMIT;
-- every table, comma joins, several clauses, strengths
SELECT j.id, q.name FROM row_locking_joins_j j, row_locking_joins_q q WHERE q.id = j.queue ORDER BY j.id FOR SHARE OF q NOWAIT;
SELECT j.id, q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue
  ORDER BY j.id FOR NO KEY UPDATE OF j FOR KEY SHARE OF q;
SELECT j.id FROM row_locking_joins_j j CROSS JOIN row_locking_joins_q q ORDER BY j.id, q.id LIMIT 3 FOR KEY SHARE;
SELECT j.id, q.id FROM row_locking_joins_j j JOIN row_locking_joins_q q USING (id) ORDER BY 1 FOR UPDATE;
-- outer joins: the side that is never NULL may be locked
SELECT j.id, q.name FROM row_locking_joins_j j LEFT JOIN row_locking_joins_q q ON q.id = j.queue + 1 ORDER BY j.id FOR UPDATE OF j;
SELECT q.id, j.id FROM row_locking_joins_j j RIGHT JOIN row_locking_joins_q q ON q.id = j.queue ORDER BY q.id, j.id FOR UPDATE OF q;
SELECT j.id FROM row_locking_joins_j j JOIN (SELECT * FROM row_locking_joins_q) s ON s.id = j.queue ORDER BY 1 FOR UPDATE OF j;
SELECT count(*) FROM (SELECT j.id FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE) s;
-- refused
SELECT j.id, q.name FROM row_locking_joins_j j LEFT JOIN row_locking_joins_q q ON q.id = j.queue ORDER BY j.id FOR UPDATE;
SELECT j.id FROM row_locking_joins_j j FULL JOIN row_locking_joins_q q ON q.id = j.queue FOR SHARE OF q;
SELECT j.id FROM row_locking_joins_j j RIGHT JOIN row_locking_joins_q q ON q.id = j.queue FOR NO KEY UPDATE OF j;
SELECT count(*) FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE;
SELECT DISTINCT q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE;
SELECT q.name FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue GROUP BY q.name FOR UPDATE;
SELECT id FROM row_locking_joins_j UNION SELECT id FROM row_locking_joins_q FOR UPDATE;
SELECT id FROM row_locking_joins_j INTERSECT SELECT id FROM row_locking_joins_q FOR SHARE;
SELECT sum(j.id) OVER () FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE;
SELECT j.id FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE OF x;
SELECT j.id FROM row_locking_joins_j j JOIN row_locking_joins_q q ON q.id = j.queue FOR UPDATE OF row_locking_joins_j;
DROP TABLE row_locking_joins_j, row_locking_joins_q;
