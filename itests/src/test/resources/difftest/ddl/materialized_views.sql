-- Materialized views: CREATE [IF NOT EXISTS] ... [WITH [NO] DATA], REFRESH [CONCURRENTLY] [WITH [NO] DATA], scans of an unpopulated one, DML refused, indexes, dependencies, ALTER ... RENAME, DROP, pg_class / pg_matviews, \d, \dm
CREATE TABLE mv_t (id int PRIMARY KEY, v text, n int);
INSERT INTO mv_t VALUES (1, 'a', 10), (2, 'b', 20);
CREATE MATERIALIZED VIEW mv_a AS SELECT id, upper(v) AS u, n * 2 AS n2 FROM mv_t WHERE id > 0;
CREATE MATERIALIZED VIEW mv_a AS SELECT 1;
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_a AS SELECT 1;
CREATE MATERIALIZED VIEW mv_b (a, b) AS SELECT id, v FROM mv_t WITH NO DATA;
CREATE MATERIALIZED VIEW mv_c (a, b, c, d) AS SELECT id, v, n FROM mv_t;
CREATE MATERIALIZED VIEW mv_c (a, a) AS SELECT id, v FROM mv_t;
CREATE MATERIALIZED VIEW mv_s AS SELECT g, 'x' AS lit, g::numeric(6,2) AS num FROM generate_series(1, 3) g ORDER BY g DESC WITH DATA;
SELECT * FROM mv_a ORDER BY id;
SELECT * FROM mv_s;
SELECT * FROM mv_b;
SELECT count(*) FROM mv_b;
EXPLAIN (COSTS OFF) SELECT * FROM mv_b WHERE a = 1;
-- what may not change one
INSERT INTO mv_a VALUES (3, 'x', 0);
UPDATE mv_a SET u = 'q';
DELETE FROM mv_a;
TRUNCATE mv_a;
COPY mv_a TO stdout;
COPY (SELECT * FROM mv_a ORDER BY id) TO stdout;
COPY mv_a FROM stdin;
\.
SELECT relname, relkind, relispopulated, relhasindex FROM pg_class WHERE relname LIKE 'mv\_%' ORDER BY 1;
SELECT schemaname, matviewname, matviewowner, tablespace, hasindexes, ispopulated FROM pg_matviews WHERE matviewname LIKE 'mv\_%' ORDER BY 2;
SELECT attname, atttypid::regtype, attnum FROM pg_attribute WHERE attrelid = 'mv_s'::regclass AND attnum > 0 ORDER BY attnum;
-- REFRESH
REFRESH MATERIALIZED VIEW mv_b;
SELECT * FROM mv_b ORDER BY a;
INSERT INTO mv_t VALUES (3, 'c', 30);
SELECT * FROM mv_a ORDER BY id;
REFRESH MATERIALIZED VIEW mv_a;
SELECT * FROM mv_a ORDER BY id;
REFRESH MATERIALIZED VIEW mv_a WITH NO DATA;
SELECT * FROM mv_a;
SELECT relispopulated FROM pg_class WHERE relname = 'mv_a';
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_a;
REFRESH MATERIALIZED VIEW mv_a WITH DATA;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_a;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_a WITH NO DATA;
CREATE UNIQUE INDEX mv_a_part ON mv_a (id) WHERE id > 1;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_a;
CREATE UNIQUE INDEX mv_a_id ON mv_a (id);
CREATE INDEX mv_a_u ON mv_a (u);
UPDATE mv_t SET v = 'zz' WHERE id = 1;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_a;
SELECT * FROM mv_a ORDER BY id;
SELECT u FROM mv_a WHERE id = 3;
REFRESH MATERIALIZED VIEW mv_t;
REFRESH MATERIALIZED VIEW mv_nosuch;
BEGIN;
DELETE FROM mv_t WHERE id = 3;
REFRESH MATERIALIZED VIEW mv_a;
SELECT * FROM mv_a ORDER BY id;
ROLLBACK;
SELECT * FROM mv_a ORDER BY id;
\d mv_a
\dm mv_*
-- a view over one; dependencies
CREATE VIEW mv_over AS SELECT id, u FROM mv_a WHERE id < 3;
SELECT * FROM mv_over ORDER BY id;
DROP TABLE mv_t;
DROP VIEW mv_a;
DROP TABLE mv_a;
DROP MATERIALIZED VIEW mv_t;
DROP MATERIALIZED VIEW mv_a;
-- ALTER MATERIALIZED VIEW ... RENAME
ALTER MATERIALIZED VIEW mv_a RENAME TO mv_r;
ALTER MATERIALIZED VIEW mv_r RENAME COLUMN u TO uu;
ALTER MATERIALIZED VIEW IF EXISTS mv_nosuch RENAME TO mv_x;
SELECT * FROM mv_r ORDER BY id;
SELECT * FROM mv_over ORDER BY id;
REFRESH MATERIALIZED VIEW mv_r;
SELECT * FROM mv_r ORDER BY id;
-- prepared statements see a refresh
PREPARE mv_q AS SELECT count(*) FROM mv_b;
EXECUTE mv_q;
REFRESH MATERIALIZED VIEW mv_b WITH NO DATA;
EXECUTE mv_q;
REFRESH MATERIALIZED VIEW mv_b;
EXECUTE mv_q;
DEALLOCATE mv_q;
-- what a materialized view is not: row locks, most ALTER TABLE actions, triggers, a foreign key's target
SELECT * FROM mv_r FOR UPDATE;
SELECT * FROM mv_r FOR SHARE;
ALTER TABLE mv_r ADD COLUMN x int;
ALTER TABLE mv_r ALTER COLUMN id SET NOT NULL;
ALTER TABLE mv_r ALTER COLUMN id TYPE bigint;
ALTER TABLE mv_r RENAME TO mv_r2;
ALTER TABLE mv_r2 RENAME TO mv_r;
CREATE FUNCTION mv_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER mv_trg BEFORE INSERT ON mv_r FOR EACH ROW EXECUTE FUNCTION mv_f();
DROP FUNCTION mv_f();
CREATE TABLE mv_child (id int REFERENCES mv_r (id));
COMMENT ON MATERIALIZED VIEW mv_r IS 'refreshed nightly';
COMMENT ON TABLE mv_r IS 'no';
SELECT obj_description('mv_r'::regclass, 'pg_class');
LOCK TABLE mv_r;
ANALYZE mv_r;
CREATE TABLE mv_like (LIKE mv_r);
\d mv_like
DROP TABLE mv_like;
-- not over temporary tables
CREATE TEMP TABLE mv_tmp (a int);
CREATE MATERIALIZED VIEW mv_bad AS SELECT * FROM mv_tmp;
DROP TABLE mv_tmp;
DROP TABLE mv_t CASCADE;
DROP MATERIALIZED VIEW IF EXISTS mv_r, mv_nosuch;
DROP MATERIALIZED VIEW mv_s, mv_nosuch;
DROP MATERIALIZED VIEW mv_s;
