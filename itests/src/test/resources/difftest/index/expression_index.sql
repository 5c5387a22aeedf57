-- index/expression_index: indexes on expressions (lower(email) as Django/Rails write them): catalog text, unique enforcement with 23505 detail, immutability (42P17), planner use, ON CONFLICT inference
CREATE TABLE expression_index_t (id int PRIMARY KEY, email text, name varchar(20), n int);
INSERT INTO expression_index_t SELECT i, 'User' || i || '@X.org', 'N' || i, i % 7
  FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000) SELECT i FROM r) x;
CREATE UNIQUE INDEX expression_index_email ON expression_index_t (lower(email));
CREATE INDEX ON expression_index_t ((n + id), id DESC);
CREATE INDEX ON expression_index_t (upper(name));
SELECT c.relname, i.indisunique, i.indkey, pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = 'expression_index_t'::regclass ORDER BY c.relname;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'expression_index_t' ORDER BY indexname;
SELECT pg_get_indexdef('expression_index_email'::regclass, 1, true);
-- unique enforcement on the expression
\set VERBOSITY verbose
INSERT INTO expression_index_t VALUES (5000, 'user1@x.org', 'dup', 0);
UPDATE expression_index_t SET email = 'USER2@x.ORG' WHERE id = 3;
\set VERBOSITY default
INSERT INTO expression_index_t VALUES (5001, NULL, 'a', 0), (5002, NULL, 'b', 0);
INSERT INTO expression_index_t VALUES (5003, 'Fresh@X.org', 'c', 0);
UPDATE expression_index_t SET email = 'renamed@x.org' WHERE id = 5003;
SELECT id, email FROM expression_index_t WHERE lower(email) = 'renamed@x.org';
SELECT id, email FROM expression_index_t WHERE lower(email) = 'fresh@x.org';
SELECT id, email FROM expression_index_t WHERE lower(email) = 'user42@x.org';
SELECT id FROM expression_index_t WHERE upper(name) = 'N77';
-- the planner uses the index for the same expression
EXPLAIN (COSTS OFF) SELECT * FROM expression_index_t WHERE lower(email) = 'user42@x.org';
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_t WHERE lower(email) = 'user42@x.org' AND n > 1;
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_t WHERE email = 'user42@x.org';
PREPARE expression_index_q(text) AS SELECT id FROM expression_index_t WHERE lower(email) = $1;
EXECUTE expression_index_q('user7@x.org');
DEALLOCATE expression_index_q;
-- building a unique index over duplicates
CREATE TABLE expression_index_d (id int, s text);
INSERT INTO expression_index_d VALUES (1, 'Ab'), (2, 'aB'), (3, NULL), (4, NULL);
CREATE UNIQUE INDEX expression_index_d_u ON expression_index_d (lower(s));
CREATE UNIQUE INDEX expression_index_d_u ON expression_index_d (upper(s), id);
-- only immutable functions
CREATE INDEX ON expression_index_d ((s || random()::text));
CREATE INDEX ON expression_index_d (lower(nope));
-- ON CONFLICT inference on an expression index
CREATE TABLE expression_index_u (id int, email text, hits int DEFAULT 0);
CREATE UNIQUE INDEX expression_index_u_email ON expression_index_u (lower(email));
INSERT INTO expression_index_u VALUES (1, 'A@x');
INSERT INTO expression_index_u (id, email) VALUES (2, 'a@X') ON CONFLICT (lower(email)) DO UPDATE SET hits = expression_index_u.hits + 1;
INSERT INTO expression_index_u (id, email) VALUES (3, 'a@x') ON CONFLICT ((lower(email))) DO NOTHING;
INSERT INTO expression_index_u (id, email) VALUES (4, 'a@x') ON CONFLICT (email) DO NOTHING;
SELECT * FROM expression_index_u ORDER BY id;
DROP TABLE expression_index_u;
DROP TABLE expression_index_d;
DROP TABLE expression_index_t;
