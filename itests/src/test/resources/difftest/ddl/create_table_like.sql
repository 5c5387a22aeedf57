-- ddl/create_table_like: CREATE TABLE (LIKE source [INCLUDING | EXCLUDING DEFAULTS, CONSTRAINTS, INDEXES, IDENTITY, COMMENTS, ALL]) with more columns; errors
CREATE TABLE create_table_like_s (id serial PRIMARY KEY, a integer NOT NULL DEFAULT 5, b text CHECK (length(b) > 0),
    c integer GENERATED ALWAYS AS IDENTITY (START WITH 10), d varchar(5) UNIQUE, e numeric(8,2) DEFAULT 1.5,
    CONSTRAINT create_table_like_s_ab CHECK (a > 0));
CREATE INDEX ON create_table_like_s (lower(b));
CREATE UNIQUE INDEX create_table_like_s_uq ON create_table_like_s (a, d) WHERE a > 3;
CREATE INDEX create_table_like_s_desc ON create_table_like_s (e DESC NULLS LAST);
COMMENT ON COLUMN create_table_like_s.a IS 'the a';
-- columns, types and NOT NULL only
CREATE TABLE create_table_like_t1 (LIKE create_table_like_s);
\d create_table_like_t1
INSERT INTO create_table_like_t1 (id, a, c) VALUES (1, 0, 1) RETURNING *;
INSERT INTO create_table_like_t1 (id, c) VALUES (2, 1);
-- everything, and a column more
CREATE TABLE create_table_like_t2 (LIKE create_table_like_s INCLUDING ALL, extra integer);
\d create_table_like_t2
INSERT INTO create_table_like_t2 (a, b, d) VALUES (4, 'x', 'y') RETURNING *;
INSERT INTO create_table_like_t2 (a, b, d) VALUES (4, 'x', 'y');
INSERT INTO create_table_like_t2 (a, b, d) VALUES (0, 'x', 'z');
INSERT INTO create_table_like_t2 (a, b, d) VALUES (1, '', 'z');
INSERT INTO create_table_like_t2 (c, a) VALUES (1, 1);
SELECT col_description('create_table_like_t2'::regclass, 2) AS comment;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'create_table_like_t2' ORDER BY indexname;
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'create_table_like_t2'::regclass ORDER BY conname;
-- several options, columns before and after
CREATE TABLE create_table_like_t3 (LIKE create_table_like_s INCLUDING DEFAULTS INCLUDING CONSTRAINTS, x integer);
\d create_table_like_t3
CREATE TABLE create_table_like_t4 (x integer, LIKE create_table_like_s INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY, y text);
\d create_table_like_t4
CREATE TABLE create_table_like_t5 (LIKE create_table_like_s INCLUDING INDEXES);
\d create_table_like_t5
SELECT col_description('create_table_like_t5'::regclass, 2) AS comment;
-- two sources
CREATE TABLE create_table_like_v1 (p integer NOT NULL, q integer DEFAULT 7);
CREATE TABLE create_table_like_t6 (LIKE create_table_like_v1 INCLUDING DEFAULTS, LIKE create_table_like_t1);
\d create_table_like_t6
-- a view's columns
CREATE VIEW create_table_like_v AS SELECT 1 AS x, 'a'::text AS y, 2.5::numeric(4,1) AS z;
CREATE TABLE create_table_like_t7 (LIKE create_table_like_v INCLUDING ALL);
\d create_table_like_t7
-- IF NOT EXISTS with LIKE
CREATE TABLE IF NOT EXISTS create_table_like_t7 (LIKE create_table_like_s INCLUDING ALL);
-- a temporary copy
CREATE TEMP TABLE create_table_like_tmp (LIKE create_table_like_s INCLUDING ALL);
INSERT INTO create_table_like_tmp (a, b, d) VALUES (7, 'x', 'y') RETURNING a, c, d, e;
DROP TABLE create_table_like_tmp;
-- errors
CREATE TABLE create_table_like_e (LIKE create_table_like_s, a integer);
CREATE TABLE create_table_like_e (LIKE create_table_like_nope);
CREATE SEQUENCE create_table_like_sq;
CREATE TABLE create_table_like_e (LIKE create_table_like_sq);
CREATE TABLE create_table_like_e (LIKE create_table_like_s INCLUDING nothing);
CREATE TABLE create_table_like_e (LIKE create_table_like_s INCLUDING);
DROP SEQUENCE create_table_like_sq;
DROP VIEW create_table_like_v;
DROP TABLE create_table_like_t1, create_table_like_t2, create_table_like_t3, create_table_like_t4,
    create_table_like_t5, create_table_like_t6, create_table_like_t7, create_table_like_v1, create_table_like_s;
