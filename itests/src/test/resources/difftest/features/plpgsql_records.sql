-- PL/pgSQL record and row variables as values: DECLARE r tbl / r record / r tbl%ROWTYPE, SELECT INTO, FOR, RETURN NEXT r, RETURN r, r.col, r := row, f(r), errors
CREATE TABLE prc_t (id int PRIMARY KEY, name text, qty int);
INSERT INTO prc_t VALUES (1, 'apple', 10), (2, 'pear', 0), (3, 'plum', 7);
CREATE TABLE prc_log (id int, name text, qty int);
CREATE FUNCTION prc_in_stock() RETURNS SETOF prc_t LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM prc_t ORDER BY id LOOP
    IF r.qty > 0 THEN
      RETURN NEXT r;
    END IF;
  END LOOP;
END $$;
SELECT * FROM prc_in_stock();
SELECT prc_in_stock();
SELECT (prc_in_stock()).name;
CREATE FUNCTION prc_get(k int) RETURNS prc_t LANGUAGE plpgsql AS $$
DECLARE r prc_t;
BEGIN
  SELECT * INTO r FROM prc_t WHERE id = k;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  r.qty := r.qty * 2;
  RETURN r;
END $$;
SELECT * FROM prc_get(1);
SELECT * FROM prc_get(5);
SELECT (prc_get(3)).qty;
-- the whole record as a value: copying, printing, passing on
CREATE FUNCTION prc_describe(p prc_t) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN p.name || ' x' || p.qty;
END $$;
CREATE FUNCTION prc_copy() RETURNS int LANGUAGE plpgsql AS $$
DECLARE r prc_t%ROWTYPE; s record; n int := 0;
BEGIN
  FOR r IN SELECT * FROM prc_t ORDER BY id LOOP
    INSERT INTO prc_log VALUES (r.*);
    RAISE NOTICE 'row % -> %', r, prc_describe(r);
    n := n + 1;
  END LOOP;
  s := r;
  RAISE NOTICE 'last % (%)', s, s.name;
  SELECT r.* INTO s;
  RAISE NOTICE 'again %', s.id;
  r := (SELECT t FROM prc_t t WHERE id = 2);
  RAISE NOTICE 'assigned %', r;
  RETURN n;
END $$;
SELECT prc_copy();
SELECT * FROM prc_log ORDER BY id;
DO $$
DECLARE r record;
BEGIN
  SELECT id, name INTO r FROM prc_t WHERE id = 1;
  RAISE NOTICE '% % %', r, r.id, r.name;
  r := ROW(5, 'five');
  RAISE NOTICE '%', r;
END $$;
-- RETURNS SETOF record: the call's column definition list
CREATE FUNCTION prc_rec6(n int) RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT g, g * 10 FROM generate_series(1, n) g LOOP
    RETURN NEXT r;
  END LOOP;
  RETURN QUERY SELECT 100, 1000;
END $$;
SELECT * FROM prc_rec6(2) AS (a int, b int);
SELECT * FROM prc_rec6(2) AS (a int, b text);
SELECT * FROM prc_rec6(2) AS (a int);
SELECT * FROM prc_rec6(2);
SELECT * FROM generate_series(1,2) AS (a int);
-- VARIADIC parameters
CREATE FUNCTION prc_vmax(VARIADIC v numeric[]) RETURNS numeric LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT max(e) FROM unnest(v) e);
END $$;
SELECT prc_vmax(1, 7.5, 3), prc_vmax(VARIADIC ARRAY[2, 4]);
-- errors
DO $$
DECLARE r record;
BEGIN
  RAISE NOTICE '%', r.id;
END $$;
DO $$
DECLARE r record;
BEGIN
  RAISE NOTICE '%', r;
END $$;
DO $$
DECLARE r prc_t;
BEGIN
  RAISE NOTICE 'unset row: % %', r, r.id IS NULL;
END $$;
DO $$
DECLARE r record;
BEGIN
  SELECT 1 AS a INTO r;
  RAISE NOTICE '%', r.b;
END $$;
DROP FUNCTION prc_in_stock(), prc_get(int), prc_describe(prc_t), prc_copy();
DROP FUNCTION prc_rec6(int), prc_vmax(numeric[]);
DROP TABLE prc_t, prc_log;
-- a row variable after its table changed
CREATE TABLE prc_at (id int, name text);
INSERT INTO prc_at VALUES (1, 'a');
CREATE FUNCTION prc_aall() RETURNS SETOF prc_at LANGUAGE plpgsql AS $$
DECLARE r prc_at;
BEGIN
  FOR r IN SELECT * FROM prc_at LOOP
    RETURN NEXT r;
  END LOOP;
END $$;
SELECT * FROM prc_aall();
ALTER TABLE prc_at ADD COLUMN extra int DEFAULT 7;
SELECT * FROM prc_aall();
ALTER TABLE prc_at DROP COLUMN name;
SELECT * FROM prc_aall();
DROP FUNCTION prc_aall();
DROP TABLE prc_at;
