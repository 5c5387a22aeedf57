-- CREATE FUNCTION ... LANGUAGE sql: calls, parameters by name and position, DEFAULTs, void, checks at CREATE, DROP FUNCTION
CREATE FUNCTION fsql_add1(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
CREATE FUNCTION fsql_add(int, int) RETURNS int AS 'SELECT $1 + $2' LANGUAGE sql STRICT;
SELECT fsql_add1(1), fsql_add(2, 3), fsql_add(NULL, 3) IS NULL AS isnull;
CREATE TABLE fsql_t (a int);
INSERT INTO fsql_t VALUES (1), (2), (3);
SELECT a FROM fsql_t WHERE fsql_add1(a) > 2 ORDER BY a;
CREATE FUNCTION fsql_count() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM fsql_t);
SELECT fsql_count();
CREATE FUNCTION public.fsql_twice(x int) RETURNS int LANGUAGE sql AS 'SELECT fsql_add1(x) + fsql_add1(x) - 2';
SELECT public.fsql_twice(2);
CREATE FUNCTION fsql_def(a int, b int DEFAULT 10) RETURNS int LANGUAGE sql AS $$ SELECT a * b $$;
SELECT fsql_def(2), fsql_def(2, 3);
SELECT fsql_add1(1.5);
CREATE FUNCTION fsql_bad(x int) RETURNS int LANGUAGE sql AS $$ SELECT y $$;
CREATE FUNCTION fsql_bad(x int) RETURNS int LANGUAGE sql AS $$ SELECT 'a'::text $$;
CREATE FUNCTION fsql_bad(x int) RETURNS int LANGUAGE sql AS $$ SELECT 1, 2 $$;
-- LANGUAGE plpgsql is left out: Tusk has no procedural language and refuses it with 0A000 (PostgreSQL creates it)
CREATE FUNCTION fsql_add1(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
CREATE OR REPLACE FUNCTION fsql_add1(x int) RETURNS text LANGUAGE sql AS $$ SELECT x::text $$;
CREATE OR REPLACE FUNCTION fsql_add1(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 100 $$;
SELECT fsql_add1(1);
SELECT proname, pronargs, prorettype::regtype, proargtypes, prosrc, prolang, provolatile, proisstrict
  FROM pg_proc WHERE proname LIKE 'fsql%' AND proname <> 'fsql_count' ORDER BY proname;
CREATE TABLE fsql_log (m text);
CREATE FUNCTION fsql_note(m text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO fsql_log VALUES (m);
  INSERT INTO fsql_log VALUES (m || '!');
$$;
SELECT fsql_note('hi');
SELECT m FROM fsql_log ORDER BY m;
BEGIN;
CREATE FUNCTION fsql_gone() RETURNS int LANGUAGE sql AS 'SELECT 1';
SELECT fsql_gone();
ROLLBACK;
SELECT fsql_gone();
CREATE FUNCTION fsql_add1(x text) RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION fsql_add1;
DROP FUNCTION fsql_add1(bigint);
-- (PostgreSQL's NOTICE names a keyword type as the grammar rewrote it, pg_catalog.int8; Tusk prints bigint)
DROP FUNCTION IF EXISTS fsql_nothere(text);
DROP FUNCTION fsql_add1(int), fsql_add1(text);
SELECT fsql_add1(1);
DROP FUNCTION fsql_add, fsql_count(), fsql_twice, fsql_def, fsql_note(text);
DROP TABLE fsql_t, fsql_log;
