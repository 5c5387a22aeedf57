-- INSERT ... ON CONFLICT DO NOTHING / DO UPDATE SET ... [WHERE] with EXCLUDED, arbiters, RETURNING, errors
CREATE TABLE on_conflict_t (id int PRIMARY KEY, n int, v text UNIQUE);
INSERT INTO on_conflict_t VALUES (1, 10, 'a'), (2, 20, 'b');
INSERT INTO on_conflict_t VALUES (1, 0, 'x'), (3, 30, 'c') ON CONFLICT DO NOTHING;
INSERT INTO on_conflict_t VALUES (4, 0, 'a') ON CONFLICT DO NOTHING RETURNING id;
INSERT INTO on_conflict_t VALUES (2, 0, 'zz') ON CONFLICT (id) DO NOTHING;
INSERT INTO on_conflict_t VALUES (2, 0, 'zz') ON CONFLICT ON CONSTRAINT on_conflict_t_pkey DO NOTHING;
INSERT INTO on_conflict_t VALUES (5, 0, 'zz') ON CONFLICT ON CONSTRAINT on_conflict_t_pkey DO NOTHING;
SELECT * FROM on_conflict_t ORDER BY id;
INSERT INTO on_conflict_t VALUES (1, 1, 'a2'), (6, 60, 'f') ON CONFLICT (id)
  DO UPDATE SET n = on_conflict_t.n + excluded.n, v = on_conflict_t.v || '|' || excluded.v RETURNING *;
INSERT INTO on_conflict_t AS o VALUES (2, 2, 'b2') ON CONFLICT (id) DO UPDATE SET n = o.n * 10 WHERE o.n > 100;
INSERT INTO on_conflict_t AS o VALUES (2, 2, 'b2') ON CONFLICT (id) DO UPDATE SET n = o.n * 10 WHERE o.n < 100;
INSERT INTO on_conflict_t VALUES (3, 0, 'c') ON CONFLICT (v) DO UPDATE SET n = excluded.n - 1, id = 33;
SELECT * FROM on_conflict_t ORDER BY id;
-- errors
INSERT INTO on_conflict_t VALUES (7, 0, 'g'), (7, 1, 'h') ON CONFLICT (id) DO UPDATE SET n = 0;
INSERT INTO on_conflict_t VALUES (7, 0, 'g') ON CONFLICT (n) DO NOTHING;
INSERT INTO on_conflict_t VALUES (7, 0, 'g') ON CONFLICT DO UPDATE SET n = 0;
INSERT INTO on_conflict_t VALUES (7, 0, 'g') ON CONFLICT ON CONSTRAINT nope DO NOTHING;
INSERT INTO on_conflict_t VALUES (7, 0, 'g') ON CONFLICT (nope) DO NOTHING;
INSERT INTO on_conflict_t VALUES (1, 0, 'g') ON CONFLICT (id) DO UPDATE SET nope = 0;
INSERT INTO on_conflict_t VALUES (8, 0, 'a') ON CONFLICT (id) DO NOTHING;
SELECT * FROM on_conflict_t ORDER BY id;
-- in a transaction with a savepoint
BEGIN;
INSERT INTO on_conflict_t VALUES (9, 9, 'i');
INSERT INTO on_conflict_t VALUES (9, 1, 'i') ON CONFLICT (id) DO UPDATE SET n = on_conflict_t.n + 1;
SAVEPOINT s;
INSERT INTO on_conflict_t VALUES (10, 0, 'i') ON CONFLICT (id) DO NOTHING;
ROLLBACK TO s;
\set VERBOSITY verbose
INSERT INTO on_conflict_t VALUES (10, 0, 'j') ON CONFLICT (id) DO NOTHING;
COMMIT;
SELECT * FROM on_conflict_t WHERE id >= 9 ORDER BY id;
DROP TABLE on_conflict_t;
