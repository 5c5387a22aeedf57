-- user functions returning sets and rows: RETURNS SETOF, RETURNS TABLE, OUT / INOUT parameters (sql and plpgsql), in FROM and the select list; DROP SCHEMA with functions; \df
CREATE TABLE fso_t (id int, name text);
INSERT INTO fso_t VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE FUNCTION fso_ints(n int) RETURNS SETOF int LANGUAGE sql AS $$ SELECT g FROM generate_series(1, n) g $$;
SELECT * FROM fso_ints(3);
SELECT fso_ints(2);
SELECT fso_ints(2) AS x, 'k' AS k;
SELECT * FROM fso_ints(4) AS t(x) WHERE x > 2;
SELECT * FROM fso_ints(2) WITH ORDINALITY;
SELECT * FROM fso_ints(NULL);
CREATE FUNCTION fso_tab(lim int DEFAULT 2) RETURNS TABLE (id int, name text) LANGUAGE sql STABLE
  AS $$ SELECT id, name FROM fso_t WHERE id <= lim ORDER BY id $$;
SELECT * FROM fso_tab(2);
SELECT * FROM fso_tab();
SELECT * FROM fso_tab(5) AS t(a, b);
SELECT * FROM fso_tab(5) AS t(a, b, c);
SELECT fso_tab(2);
SELECT name FROM fso_tab(3) WHERE id <> 2 ORDER BY name DESC;
SELECT t.id, f.* FROM fso_t t, LATERAL fso_tab(t.id) f ORDER BY 1, 2;
SELECT t.name, f.name FROM fso_t t JOIN fso_tab(2) f ON f.id = t.id ORDER BY 1;
SELECT count(*) FROM fso_tab(3);
CREATE FUNCTION fso_out(a int, OUT doubled int, OUT txt text) LANGUAGE sql AS $$ SELECT a * 2, a::text $$;
SELECT * FROM fso_out(4);
SELECT fso_out(4);
SELECT (fso_out(5)).txt;
SELECT * FROM fso_out(1) AS o(d, t);
CREATE FUNCTION fso_one(a int, OUT r int) LANGUAGE sql AS $$ SELECT a + 1 $$;
SELECT fso_one(1), * FROM fso_one(2);
CREATE FUNCTION fso_outs(n int, OUT i int, OUT sq bigint) RETURNS SETOF record LANGUAGE sql
  AS $$ SELECT g, g * g FROM generate_series(1, n) g $$;
SELECT * FROM fso_outs(3);
SELECT fso_outs(2);
-- plpgsql
CREATE FUNCTION fso_pl(n int) RETURNS SETOF int LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP RETURN NEXT i * 10; END LOOP;
  RETURN QUERY SELECT 99;
  RETURN;
  RETURN NEXT 1000;
END $$;
SELECT * FROM fso_pl(3);
SELECT fso_pl(1);
CREATE FUNCTION fso_pltab(n int) RETURNS TABLE (k int, v text) LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP k := i; v := 'v' || i; RETURN NEXT; END LOOP;
  RETURN QUERY SELECT t.id, t.name FROM fso_t t WHERE t.id = 1;
  RAISE NOTICE 'found %', FOUND;
END $$;
SELECT * FROM fso_pltab(2);
SELECT fso_pltab(1);
CREATE FUNCTION fso_plout(a int, OUT x int, INOUT y int) LANGUAGE plpgsql AS $$
BEGIN x := a + 1; y := y * 2; END $$;
SELECT * FROM fso_plout(1, 5);
SELECT fso_plout(1, 5);
CREATE FUNCTION fso_empty() RETURNS SETOF text LANGUAGE plpgsql AS $$ BEGIN END $$;
SELECT * FROM fso_empty();
-- errors
CREATE FUNCTION fso_bad() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT 'x'::text; END $$;
SELECT * FROM fso_bad();
CREATE FUNCTION fso_bad2() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT 1, 2; END $$;
SELECT * FROM fso_bad2();
SELECT * FROM fso_t WHERE id IN (SELECT fso_ints(2)) ORDER BY id;
SELECT * FROM fso_t WHERE fso_ints(2) > 1;
CREATE FUNCTION fso_mismatch(OUT a int, OUT b text) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION fso_mismatch(OUT a int, OUT b int) LANGUAGE sql AS $$ SELECT 1, 'x'::text $$;
CREATE FUNCTION fso_mismatch(OUT a int, OUT b text) RETURNS int LANGUAGE sql AS $$ SELECT 1, 'x' $$;
CREATE FUNCTION fso_mismatch(OUT a int) RETURNS text LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION fso_mismatch(OUT a int DEFAULT 1) LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION fso_mismatch() RETURNS SETOF int LANGUAGE sql AS $$ SELECT 'x'::text $$;
CREATE OR REPLACE FUNCTION fso_out(a int, OUT doubled int, OUT txt varchar) LANGUAGE sql AS $$ SELECT a * 2, a::text $$;
-- DROP FUNCTION names the input parameters only
DROP FUNCTION fso_out(int, OUT int, OUT text);
SELECT * FROM fso_out(1);
-- DROP SCHEMA sees functions
CREATE SCHEMA fso_s;
CREATE FUNCTION fso_s.f2(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE TABLE fso_s.t (a int);
CREATE FUNCTION fso_s.f1(a int, b text) RETURNS SETOF int LANGUAGE sql AS 'SELECT a';
SELECT * FROM fso_s.f1(7, 'x');
DROP SCHEMA fso_s;
DROP SCHEMA fso_s RESTRICT;
DROP SCHEMA fso_s CASCADE;
SELECT fso_s.f2(1);
CREATE SCHEMA fso_s;
CREATE FUNCTION fso_s.f1() RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP SCHEMA fso_s;
BEGIN;
DROP SCHEMA fso_s CASCADE;
ROLLBACK;
SELECT fso_s.f1();
DROP SCHEMA fso_s CASCADE;
-- psql's \df
\df fso_*
\df+ fso_tab
\df+ fso_plout
\df fso_nothing
DROP FUNCTION fso_ints, fso_tab, fso_outs, fso_one, fso_pl, fso_pltab, fso_plout, fso_empty, fso_bad, fso_bad2;
DROP TABLE fso_t;
