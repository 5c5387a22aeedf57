-- index/partial_index: partial indexes (CREATE [UNIQUE] INDEX ... WHERE, soft-delete uniqueness as Rails/Django write it): only qualifying rows indexed, unique among them, catalog text, planner use when the query implies the predicate, ON CONFLICT ... WHERE inference
CREATE TABLE partial_index_t (id int PRIMARY KEY, email text, deleted_at timestamp, active boolean, n int);
INSERT INTO partial_index_t SELECT i, 'u' || (i % 2000) || '@x', CASE WHEN i > 2000 THEN timestamp '2020-01-01' END, i % 3 = 0, i % 10
  FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000) SELECT i FROM r) x;
CREATE UNIQUE INDEX partial_index_email ON partial_index_t (email) WHERE deleted_at IS NULL;
CREATE INDEX partial_index_active ON partial_index_t (n) WHERE active;
CREATE INDEX partial_index_two ON partial_index_t (id) WHERE n > 5 AND deleted_at IS NOT NULL;
SELECT c.relname, i.indisunique, pg_get_indexdef(i.indexrelid), pg_get_indexdef(i.indexrelid, 0, true)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'partial_index_t'::regclass ORDER BY c.relname;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'partial_index_t' ORDER BY indexname;
-- unique only among the rows the predicate accepts
\set VERBOSITY verbose
INSERT INTO partial_index_t VALUES (5000, 'u5@x', NULL, false, 0);
\set VERBOSITY default
INSERT INTO partial_index_t VALUES (5001, 'u5@x', '2021-01-01', false, 0);
UPDATE partial_index_t SET deleted_at = '2022-02-02' WHERE id = 5;
INSERT INTO partial_index_t VALUES (5002, 'u5@x', NULL, false, 0);
UPDATE partial_index_t SET deleted_at = NULL WHERE id = 5001;
SELECT id, email, deleted_at FROM partial_index_t WHERE email = 'u5@x' ORDER BY id;
SELECT id FROM partial_index_t WHERE email = 'u5@x' AND deleted_at IS NULL;
SELECT count(*) FROM partial_index_t WHERE active AND n = 3;
-- the planner: the index when the query implies the predicate
EXPLAIN (COSTS OFF) SELECT id FROM partial_index_t WHERE email = 'u7@x' AND deleted_at IS NULL;
EXPLAIN (COSTS OFF) SELECT id FROM partial_index_t WHERE deleted_at IS NULL AND email = 'u7@x' AND n = 7;
EXPLAIN (COSTS OFF) SELECT id FROM partial_index_t WHERE email = 'u7@x';
EXPLAIN (COSTS OFF) UPDATE partial_index_t SET n = 1 WHERE email = 'u7@x' AND deleted_at IS NULL;
-- a tighter range implies the predicate's range (the plan is not compared: PostgreSQL prefers the smaller partial index to the primary key by cost)
SELECT id FROM partial_index_t WHERE id BETWEEN 2500 AND 2520 AND n > 7 AND deleted_at IS NOT NULL ORDER BY id;
-- a failed unique build
CREATE TABLE partial_index_d (id int, s text, gone boolean);
INSERT INTO partial_index_d VALUES (1, 'a', false), (2, 'a', true), (3, 'a', false);
CREATE UNIQUE INDEX partial_index_d_u ON partial_index_d (s) WHERE NOT gone;
CREATE UNIQUE INDEX partial_index_d_u ON partial_index_d (s) WHERE gone;
CREATE INDEX ON partial_index_d (s) WHERE id > random();
CREATE INDEX ON partial_index_d (s) WHERE id;
-- ON CONFLICT (col) WHERE predicate infers the partial unique index
CREATE TABLE partial_index_u (id int, email text, deleted_at timestamp, hits int DEFAULT 0);
CREATE UNIQUE INDEX partial_index_u_email ON partial_index_u (email) WHERE deleted_at IS NULL;
INSERT INTO partial_index_u VALUES (1, 'a', NULL), (2, 'a', '2020-01-01');
INSERT INTO partial_index_u (id, email) VALUES (3, 'a') ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET hits = partial_index_u.hits + 1;
INSERT INTO partial_index_u (id, email) VALUES (4, 'a') ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING;
INSERT INTO partial_index_u (id, email) VALUES (5, 'a') ON CONFLICT (email) DO NOTHING;
INSERT INTO partial_index_u (id, email) VALUES (6, 'a') ON CONFLICT DO NOTHING;
INSERT INTO partial_index_u (id, email, deleted_at) VALUES (7, 'a', '2021-01-01') ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING;
SELECT * FROM partial_index_u ORDER BY id;
DROP TABLE partial_index_u;
DROP TABLE partial_index_d;
DROP TABLE partial_index_t;
