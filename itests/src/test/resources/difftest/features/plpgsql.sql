-- PL/pgSQL: DO blocks and LANGUAGE plpgsql functions (variables, RAISE, control flow, SQL inside, CONTEXT lines)
DO $$ BEGIN RAISE NOTICE 'hello %', 'world'; END $$;
DO LANGUAGE plpgsql $$
DECLARE
  x int := 1;
  y text DEFAULT 'a';
  c CONSTANT int = 10;
BEGIN
  x := x + c;
  RAISE NOTICE 'x=% y=% null=%', x, y, NULL::int;
  RAISE WARNING 'w %%';
  RAISE INFO 'info';
  RAISE LOG 'not shown';
END $$;
DO $$
DECLARE i int; s int := 0; n int := 0;
BEGIN
  FOR i IN 1..10 LOOP
    CONTINUE WHEN i % 2 = 0;
    s := s + i;
  END LOOP;
  FOR i IN REVERSE 10..1 BY 3 LOOP
    RAISE NOTICE 'rev %', i;
  END LOOP;
  LOOP
    n := n + 1;
    EXIT WHEN n >= 3;
  END LOOP;
  WHILE n < 6 LOOP n := n + 1; END LOOP;
  IF s > 100 THEN RAISE NOTICE 'big';
  ELSIF s = 25 THEN RAISE NOTICE 'twenty-five, n=%', n;
  ELSE RAISE NOTICE 'other'; END IF;
  CASE n WHEN 1, 2 THEN RAISE NOTICE 'small'; WHEN 6 THEN RAISE NOTICE 'six'; END CASE;
  CASE WHEN n > 5 THEN RAISE NOTICE 'searched'; ELSE NULL; END CASE;
END $$;
DO $$
DECLARE x int := 1;
BEGIN
  DECLARE x int := 2;
  BEGIN
    RAISE NOTICE 'inner %', x;
  END;
  RAISE NOTICE 'outer %', x;
END $$;
CREATE TABLE plt (a int PRIMARY KEY, b text);
DO $$
DECLARE v int := 5; r int; t text; cnt bigint;
BEGIN
  INSERT INTO plt VALUES (v, 'five'), (v + 1, 'six');
  GET DIAGNOSTICS cnt = ROW_COUNT;
  RAISE NOTICE 'inserted % found %', cnt, FOUND;
  SELECT a, b INTO r, t FROM plt WHERE a = v;
  RAISE NOTICE 'r=% t=%', r, t;
  UPDATE plt SET b = b || '!' WHERE a > 100;
  RAISE NOTICE 'found after empty update: %', FOUND;
  PERFORM * FROM plt;
  RAISE NOTICE 'perform found %', FOUND;
  CREATE TABLE plt2 (x int);
  INSERT INTO plt2 SELECT g FROM generate_series(1, 3) g;
  DELETE FROM plt2 WHERE x < 3;
  GET DIAGNOSTICS cnt = ROW_COUNT;
  RAISE NOTICE 'deleted %', cnt;
END $$;
SELECT * FROM plt ORDER BY a;
SELECT * FROM plt2;
DROP TABLE plt2;
-- errors with their CONTEXT lines
DO $$
DECLARE x int := 0; y int;
BEGIN
  y := 1 / x;
END $$;
DO $$
BEGIN
  RAISE EXCEPTION 'bad % and %', 1, 'two' USING HINT = 'hh', DETAIL = 'dd';
END $$;
DO $$ BEGIN RAISE EXCEPTION USING MESSAGE = 'mm', ERRCODE = '22012'; END $$;
DO $$ BEGIN RAISE 'plain %', 'x'; END $$;
DO $$ BEGIN RAISE SQLSTATE '22000'; END $$;
DO $$ BEGIN RAISE division_by_zero; END $$;
DO $$ BEGIN RAISE EXCEPTION 'coded' USING ERRCODE = 'unique_violation'; END $$;
DO $$ DECLARE v int := 5; BEGIN INSERT INTO plt VALUES (v); END $$;
DO $$ DECLARE v int; BEGIN SELECT a INTO STRICT v FROM plt WHERE a = 7; END $$;
DO $$ DECLARE v int; BEGIN SELECT a INTO STRICT v FROM plt; END $$;
DO $$ DECLARE c int NOT NULL := 1; BEGIN c := NULL; END $$;
DO $$ BEGIN SELECT 1; END $$;
-- functions
CREATE FUNCTION plf_add(a int, b int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN a + $2;
END $$;
SELECT plf_add(1, 2), plf_add(a, 10) FROM plt ORDER BY a;
CREATE FUNCTION plf_div(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 10 / x;
END $$;
SELECT plf_div(5);
SELECT plf_div(0);
CREATE OR REPLACE FUNCTION plf_fact(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE r bigint := 1;
BEGIN
  FOR i IN 2..n LOOP r := r * i; END LOOP;
  RETURN r;
END $$;
SELECT plf_fact(10);
CREATE FUNCTION plf_log(m text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plt VALUES ((SELECT max(a) + 1 FROM plt), m);
  RAISE NOTICE 'logged %', m;
  RETURN;
END $$;
SELECT plf_log('seven');
SELECT * FROM plt ORDER BY a;
-- only the syntax is checked at CREATE: the missing table is an error when it runs. The call is left
-- out: PostgreSQL points into the embedded query (LINE 1 / QUERY lines), Tusk gives CONTEXT
-- "SQL expression" instead (positions of analysis errors inside PL/pgSQL are not kept yet)
CREATE FUNCTION plf_missing() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM no_such_table);
END $$;
CREATE FUNCTION plf_raise(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF x < 0 THEN
    RAISE EXCEPTION 'negative: %', x;
  END IF;
  RETURN x;
END $$;
SELECT plf_raise(3);
SELECT plf_raise(-3);
CREATE OR REPLACE FUNCTION plf_raise(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * 100; END $$;
SELECT plf_raise(3);
-- FOR over a query, records, EXCEPTION handlers
DO $$
DECLARE rec record; total int := 0;
BEGIN
  FOR rec IN SELECT a, b FROM plt ORDER BY a LOOP
    total := total + rec.a;
    RAISE NOTICE 'row % %', rec.a, rec.b;
  END LOOP;
  RAISE NOTICE 'total %', total;
END $$;
DO $$
DECLARE x int;
BEGIN
  BEGIN
    x := 1 / 0;
  EXCEPTION WHEN division_by_zero THEN
    RAISE NOTICE 'caught % %', SQLSTATE, SQLERRM;
  END;
  BEGIN
    INSERT INTO plt VALUES (100, 'kept?');
    INSERT INTO plt VALUES (5, 'dup');
  EXCEPTION WHEN unique_violation OR check_violation THEN
    RAISE NOTICE 'dup: %', SQLERRM;
  END;
  BEGIN
    RAISE EXCEPTION 'custom' USING ERRCODE = '22023';
  EXCEPTION WHEN SQLSTATE '22023' THEN
    RAISE NOTICE 'by sqlstate';
  END;
  BEGIN
    PERFORM * FROM no_such_table;
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'others: % %', SQLSTATE, SQLERRM;
  END;
END $$;
SELECT count(*) FROM plt WHERE a = 100;
DO $$
BEGIN
  RAISE EXCEPTION 'not caught';
EXCEPTION WHEN division_by_zero THEN
  RAISE NOTICE 'no';
END $$;
DROP FUNCTION plf_add(int, int);
DROP FUNCTION plf_div(int);
DROP FUNCTION plf_fact(int);
DROP FUNCTION plf_log(text);
DROP FUNCTION plf_missing();
DROP FUNCTION plf_raise(int);
DROP TABLE plt;
