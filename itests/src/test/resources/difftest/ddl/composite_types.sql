-- Composite types: CREATE TYPE AS (...), ALTER TYPE attributes / RENAME / SET SCHEMA, DROP TYPE, the catalog rows and psql's \dT / \d.
CREATE TYPE ct_pair AS (f1 int, f2 text);
CREATE TYPE ct_empty AS ();
CREATE TYPE ct_nested AS (p ct_pair, tags text[], amount numeric(6,2));
\dT
\d ct_pair
\d ct_nested
-- name clashes and bad definitions
CREATE TYPE ct_pair AS (z int);
CREATE TABLE ct_pair (a int);
CREATE TABLE ct_tab (a int, b text);
CREATE TYPE ct_tab AS (a int);
CREATE TYPE ct_bad AS (a int, a text);
CREATE TYPE ct_bad AS (a ct_nosuch);
CREATE TYPE ct_bad AS (a unknown);
-- not a relation
SELECT * FROM ct_pair;
INSERT INTO ct_pair VALUES (1, 'a');
-- the catalog: pg_type row (typtype c), its array type, the relkind c class and its attributes
SELECT t.typname, t.typtype, t.typcategory, t.typlen, t.typelem <> 0 AS has_elem, t.typarray <> 0 AS has_array,
       t.typrelid <> 0 AS has_relid, t.typinput, t.typoutput
  FROM pg_type t WHERE t.typname IN ('ct_pair', '_ct_pair', 'ct_empty') ORDER BY 1;
SELECT c.relname, c.relkind, c.relnatts, c.reltype = t.oid AS reltype_ok
  FROM pg_class c JOIN pg_type t ON t.typrelid = c.oid WHERE c.relname LIKE 'ct\_%' ORDER BY 1;
SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'ct_nested' AND a.attnum > 0 ORDER BY 2;
SELECT e.typname FROM pg_type a JOIN pg_type e ON e.oid = a.typelem WHERE a.typname = '_ct_pair';
SELECT 'ct_pair'::regtype, 'ct_pair[]'::regtype, '_ct_pair'::regtype, format_type('ct_pair'::regtype, NULL);
SELECT pg_typeof(NULL::ct_pair), pg_typeof(ARRAY[NULL::ct_pair]);
-- ALTER TYPE ... ATTRIBUTE
ALTER TYPE ct_pair ADD ATTRIBUTE f3 numeric(5,2);
ALTER TYPE ct_pair ADD ATTRIBUTE f1 int;
ALTER TYPE ct_pair RENAME ATTRIBUTE f1 TO g1;
ALTER TYPE ct_pair RENAME ATTRIBUTE nope TO g2;
ALTER TYPE ct_pair RENAME ATTRIBUTE g1 TO f2;
ALTER TYPE ct_pair ALTER ATTRIBUTE g1 TYPE bigint;
ALTER TYPE ct_pair ALTER ATTRIBUTE nope SET DATA TYPE bigint;
ALTER TYPE ct_pair DROP ATTRIBUTE f3, ADD ATTRIBUTE f4 date;
ALTER TYPE ct_pair DROP ATTRIBUTE nope;
ALTER TYPE ct_pair DROP ATTRIBUTE IF EXISTS nope;
\d ct_pair
SELECT '(1,a,2020-01-02)'::ct_pair, ('(1,a,2020-01-02)'::ct_pair).f4;
-- an enum is not a composite type, and a composite type is no enum
CREATE TYPE ct_mood AS ENUM ('a', 'b');
ALTER TYPE ct_mood ADD ATTRIBUTE x int;
ALTER TYPE ct_pair ADD VALUE 'x';
DROP TYPE ct_mood;
-- a column of the type: ADD ATTRIBUTE keeps the stored values
CREATE TABLE ct_uses (id int, c ct_pair, cs ct_pair[]);
INSERT INTO ct_uses VALUES (1, '(1,a,2020-01-01)', ARRAY['(2,b,)'::ct_pair]);
ALTER TYPE ct_pair ADD ATTRIBUTE f5 boolean;
SELECT * FROM ct_uses;
SELECT (c).f5, (cs[1]).g1 FROM ct_uses;
\d ct_uses
-- RENAME TO, SET SCHEMA, COMMENT
ALTER TYPE ct_empty RENAME TO ct_empty2;
ALTER TYPE ct_empty2 RENAME TO ct_tab;
ALTER TYPE ct_empty2 RENAME TO ct_pair;
CREATE SCHEMA ct_s;
ALTER TYPE ct_empty2 SET SCHEMA ct_s;
ALTER TYPE ct_empty2 SET SCHEMA ct_nosuch;
COMMENT ON TYPE ct_s.ct_empty2 IS 'an empty composite';
\dT+ ct_s.*
SELECT NULL::ct_s.ct_empty2, pg_typeof(NULL::ct_s.ct_empty2);
\dT ct_s.*
-- DROP TYPE: dependents, CASCADE, IF EXISTS
DROP TYPE ct_pair;
DROP TYPE ct_nested, ct_pair;
DROP TYPE ct_pair CASCADE;
\d ct_uses
DROP TYPE IF EXISTS ct_pair;
DROP TYPE ct_pair;
DROP TYPE ct_s.ct_empty2;
DROP TABLE ct_uses, ct_tab;
DROP TYPE ct_nested;
DROP SCHEMA ct_s;
\dT
