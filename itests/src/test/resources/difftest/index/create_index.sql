-- CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t [USING btree] (cols ASC|DESC NULLS ...), default names, DROP INDEX, errors
CREATE TABLE create_index_t (a int, b text, c numeric, j json);
INSERT INTO create_index_t VALUES (1, 'x', 1.5, '{}'), (2, 'y', 2.5, '[]'), (NULL, NULL, NULL, NULL);
CREATE INDEX ON create_index_t (a);
CREATE INDEX ON create_index_t (a);
CREATE INDEX ON create_index_t (a, b DESC);
CREATE INDEX ON create_index_t USING btree (c DESC NULLS LAST);
CREATE INDEX create_index_named ON create_index_t (b NULLS FIRST);
CREATE INDEX create_index_named ON create_index_t (b);
CREATE INDEX IF NOT EXISTS create_index_named ON create_index_t (b);
CREATE UNIQUE INDEX create_index_u ON create_index_t (b);
SELECT c.relname, c.relkind, i.indnatts, i.indisunique, i.indisprimary
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname = 'create_index_t' ORDER BY c.relname;
-- errors
CREATE INDEX ON create_index_t (nope);
CREATE INDEX ON create_index_missing (a);
CREATE INDEX ON create_index_t (j);
CREATE INDEX ON create_index_t USING nosuch (a);
CREATE INDEX create_index_t ON create_index_t (a);
-- the index sees rows inserted later
INSERT INTO create_index_t VALUES (3, 'z', 3.5, NULL);
SELECT a, b FROM create_index_t WHERE b = 'z';
-- DROP INDEX
DROP INDEX create_index_named;
DROP INDEX create_index_named;
DROP INDEX IF EXISTS create_index_named;
DROP INDEX IF EXISTS create_index_nope, create_index_t_a_idx1;
DROP INDEX create_index_t;
DROP INDEX public.create_index_t_a_idx;
SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = 'create_index_t' ORDER BY c.relname;
-- a failed CREATE INDEX in a transaction leaves nothing behind
BEGIN;
CREATE INDEX create_index_tx ON create_index_t (a);
ROLLBACK;
SELECT count(*) FROM pg_class WHERE relname = 'create_index_tx';
-- DROP TABLE drops its indexes
DROP TABLE create_index_t;
SELECT count(*) FROM pg_class WHERE relname LIKE 'create\_index%';
-- an index is no table; DROP SCHEMA CASCADE takes the indexes with their tables
CREATE TABLE create_index_p (id int PRIMARY KEY);
SELECT * FROM create_index_p_pkey;
DROP TABLE create_index_p_pkey;
DROP TABLE IF EXISTS create_index_p_pkey;
DROP TABLE create_index_p;
CREATE SCHEMA create_index_s;
CREATE TABLE create_index_s.t (id serial PRIMARY KEY, v text UNIQUE);
CREATE INDEX ON create_index_s.t (v, id);
INSERT INTO create_index_s.t (v) VALUES ('a'), ('b');
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'create_index_s' ORDER BY 1;
DROP SCHEMA create_index_s CASCADE;
