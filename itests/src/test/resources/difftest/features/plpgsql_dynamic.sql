-- PL/pgSQL: EXECUTE (INTO [STRICT], USING), RETURN QUERY EXECUTE, format(), %TYPE and %ROWTYPE, variable / column ambiguity (42702)
CREATE TABLE pld_t (id int PRIMARY KEY, name text, score numeric(5,1));
INSERT INTO pld_t VALUES (1, 'one', 1.5), (2, 'two', 2.5), (3, 'three', NULL);
SELECT format('%s|%I|%L|%L', 'x', 'Mixed Case', 'it''s', NULL), format('%2$s %1$s', 'a', 'b');
DO $$
DECLARE n int; s text;
BEGIN
  EXECUTE 'SELECT count(*) FROM pld_t WHERE id > $1' INTO n USING 1;
  RAISE NOTICE 'n=%', n;
  EXECUTE 'SELECT name FROM pld_t WHERE id = $1' INTO STRICT s USING 2;
  RAISE NOTICE 's=%', s;
  EXECUTE 'SELECT id, name FROM pld_t WHERE id = $1 AND name = $2' INTO n, s USING 3, 'three';
  RAISE NOTICE 'n=% s=%', n, s;
  EXECUTE 'SELECT name FROM pld_t WHERE id < 0' INTO s;
  RAISE NOTICE 'no row: s=% found=%', s, FOUND;
END $$;
DO $$
DECLARE n bigint;
BEGIN
  EXECUTE format('INSERT INTO %I VALUES ($1, %L, $2)', 'pld_t', 'four', 4.5) USING 4, 4.5;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'inserted %', n;
  EXECUTE 'UPDATE pld_t SET score = score + 1 WHERE id <= $1' USING 2;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'updated %', n;
  EXECUTE 'CREATE TABLE pld_tmp (x int)';
  EXECUTE 'DROP TABLE pld_tmp';
END $$;
SELECT * FROM pld_t ORDER BY id;
DO $$ DECLARE n int; BEGIN EXECUTE 'SELECT id FROM pld_t' INTO STRICT n; END $$;
DO $$ DECLARE n int; BEGIN EXECUTE 'SELECT id FROM pld_t WHERE id < 0' INTO STRICT n; END $$;
DO $$ BEGIN EXECUTE NULL; END $$;
DO $$ BEGIN EXECUTE 'SELECT 1/0'; END $$;
DO $$ DECLARE n int; BEGIN EXECUTE 'SELECT $1 + 1' INTO n USING 41; RAISE NOTICE '%', n; END $$;
CREATE FUNCTION pld_names(tbl text, min_id int) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format('SELECT name FROM %I WHERE id >= $1 ORDER BY id', tbl) USING min_id;
END $$;
SELECT * FROM pld_names('pld_t', 2);
SELECT * FROM pld_names('pld_t', NULL);
CREATE FUNCTION pld_count(tbl text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE c bigint;
BEGIN
  EXECUTE 'SELECT count(*) FROM ' || quote_ident(tbl) INTO c;
  RETURN c;
END $$;
SELECT pld_count('pld_t');
-- %TYPE and %ROWTYPE
CREATE FUNCTION pld_row(k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r pld_t%ROWTYPE;
  nm pld_t.name%TYPE;
  copy_of nm%TYPE;
BEGIN
  SELECT * INTO r FROM pld_t WHERE id = k;
  nm := r.name;
  copy_of := upper(nm);
  r.score := 9.99;
  RETURN r.id || ':' || copy_of || ':' || r.score;
END $$;
SELECT pld_row(2);
DO $$
DECLARE r pld_t%ROWTYPE;
BEGIN
  RAISE NOTICE 'empty: % %', r.id, r.name;
  r.id := 10;
  r.name := 'ten';
  INSERT INTO pld_t VALUES (r.id, r.name, r.score);
END $$;
SELECT * FROM pld_t WHERE id = 10;
DO $$ DECLARE r pld_t%ROWTYPE; BEGIN r.nope := 1; END $$;
-- a variable named like a column: 42702 (caught, as the message has no position to compare)
CREATE FUNCTION pld_ambiguous(id int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n text;
BEGIN
  SELECT name INTO n FROM pld_t WHERE id = id;
  RETURN n;
EXCEPTION WHEN ambiguous_column THEN
  RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
SELECT pld_ambiguous(1);
CREATE FUNCTION pld_tabfn() RETURNS TABLE (id int, name text) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT id, name FROM pld_t;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE '% %', SQLSTATE, SQLERRM;
END $$;
SELECT * FROM pld_tabfn();
CREATE OR REPLACE FUNCTION pld_tabfn() RETURNS TABLE (id int, name text) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT t.id, t.name FROM pld_t t WHERE t.id < 3 ORDER BY t.id;
END $$;
SELECT * FROM pld_tabfn();
-- dropping a function another one just called
CREATE FUNCTION pld_helper() RETURNS int LANGUAGE sql AS 'SELECT 7';
CREATE FUNCTION pld_dropper() RETURNS int LANGUAGE plpgsql AS $$
DECLARE v int;
BEGIN
  v := pld_helper();
  EXECUTE 'DROP FUNCTION pld_helper()';
  RETURN v;
END $$;
SELECT pld_dropper();
SELECT pld_helper();
DROP FUNCTION pld_names, pld_count, pld_row, pld_ambiguous, pld_tabfn, pld_dropper;
DROP TABLE pld_t;
