-- user functions of a table's row type: RETURNS SETOF tablename / RETURNS tablename (sql and plpgsql) in FROM, the select list and (f()).col; parameters of a table's type
CREATE TABLE frt_t (id int, name varchar(8), score numeric(6,2));
INSERT INTO frt_t VALUES (1, 'a', 1.5), (2, 'b', 2.25), (3, 'c', NULL);
CREATE FUNCTION frt_all() RETURNS SETOF frt_t LANGUAGE sql STABLE AS $$ SELECT * FROM frt_t ORDER BY id $$;
SELECT * FROM frt_all();
SELECT id, name FROM frt_all() WHERE id > 1;
SELECT frt_all();
SELECT (frt_all()).name;
SELECT * FROM frt_all() AS x(a, b) ORDER BY a DESC;
SELECT f.score FROM frt_all() f WHERE f.id = 2;
CREATE FUNCTION frt_one(k int) RETURNS frt_t LANGUAGE sql AS $$ SELECT * FROM frt_t WHERE id = k $$;
SELECT * FROM frt_one(2);
SELECT frt_one(1);
SELECT (frt_one(3)).id, (frt_one(3)).score IS NULL AS null_score;
SELECT * FROM frt_one(9);
SELECT frt_one(9) IS NULL AS missing;
CREATE FUNCTION frt_lit() RETURNS frt_t LANGUAGE sql AS $$ SELECT 7, 'seven', 7 $$;
SELECT * FROM frt_lit();
CREATE FUNCTION frt_bad() RETURNS frt_t LANGUAGE sql AS $$ SELECT 1, 2 $$;
CREATE FUNCTION frt_bad2() RETURNS SETOF frt_t LANGUAGE sql AS $$ SELECT id, now(), score FROM frt_t $$;
CREATE FUNCTION frt_pl(n int) RETURNS SETOF frt_t LANGUAGE plpgsql AS $$
DECLARE r frt_t;
BEGIN
  FOR r IN SELECT * FROM frt_t WHERE id <= n ORDER BY id LOOP
    r.name := upper(r.name);
    RETURN NEXT r;
  END LOOP;
  RETURN QUERY SELECT * FROM frt_t WHERE id = 3;
END $$;
SELECT * FROM frt_pl(2);
SELECT frt_pl(1);
SELECT count(*) FROM frt_pl(3);
CREATE FUNCTION frt_plone(k int) RETURNS frt_t LANGUAGE plpgsql AS $$
DECLARE r frt_t%ROWTYPE;
BEGIN
  SELECT * INTO r FROM frt_t WHERE id = k;
  RETURN r;
END $$;
SELECT * FROM frt_plone(1);
SELECT (frt_plone(2)).name;
SELECT frt_plone(3);
SELECT * FROM frt_plone(42);
-- a parameter of the table's type
CREATE FUNCTION frt_label(r frt_t) RETURNS text LANGUAGE sql AS $$ SELECT r.name || ':' || r.id $$;
SELECT frt_label(t) FROM frt_t t ORDER BY id;
SELECT frt_label(ROW(5, 'e', 0));
CREATE FUNCTION frt_pllabel(r frt_t) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN r.name || '/' || coalesce(r.score::text, '-');
END $$;
SELECT frt_pllabel(t) FROM frt_t t ORDER BY id;
SELECT frt_pllabel(frt_one(2));
-- RETURNS [SETOF] record without OUT parameters: a column definition list in FROM
CREATE FUNCTION frt_rec1() RETURNS SETOF record LANGUAGE sql AS $$ SELECT 1, 'a'::text UNION ALL SELECT 2, 'b' $$;
SELECT * FROM frt_rec1();
SELECT * FROM frt_rec1() AS (a int, b text);
SELECT * FROM frt_rec1() AS x(a int, b text) WHERE a > 1;
SELECT x.b FROM frt_rec1() x(a int, b text);
SELECT * FROM frt_rec1() AS (a int, b int);
SELECT * FROM frt_rec1() AS (a int);
SELECT frt_rec1();
CREATE FUNCTION frt_rec2() RETURNS SETOF int LANGUAGE sql AS $$ SELECT 1 $$;
SELECT * FROM frt_rec2() AS (a int);
CREATE FUNCTION frt_rec3(OUT a int, OUT b int) LANGUAGE sql AS $$ SELECT 1, 2 $$;
SELECT * FROM frt_rec3() AS (a int, b int);
CREATE TABLE frt_rt (a int);
CREATE FUNCTION frt_rec4() RETURNS frt_rt LANGUAGE sql AS $$ SELECT 1 $$;
SELECT * FROM frt_rec4() AS (a int);
CREATE FUNCTION frt_rec5() RETURNS record LANGUAGE sql AS $$ SELECT 1, 'x'::text $$;
SELECT * FROM frt_rec5() AS (n int, t text);
SELECT frt_rec5();
\df frt_*
DROP FUNCTION frt_all(), frt_one(int), frt_lit(), frt_bad2(), frt_pl(int), frt_plone(int), frt_label(frt_t), frt_pllabel(frt_t);
DROP FUNCTION frt_rec1(), frt_rec2(), frt_rec3(), frt_rec4(), frt_rec5();
DROP TABLE frt_t, frt_rt;
-- VARIADIC parameters: a list of arguments, or VARIADIC array
CREATE FUNCTION frt_sum(VARIADIC nums int[]) RETURNS int LANGUAGE sql AS $$ SELECT sum(x)::int FROM unnest(nums) x $$;
SELECT frt_sum(1, 2, 3), frt_sum(5), frt_sum(VARIADIC ARRAY[10, 20]), frt_sum(VARIADIC '{}'::int[]);
SELECT frt_sum();
SELECT frt_sum(ARRAY[1, 2]);
SELECT frt_sum(1, 2.5);
SELECT frt_sum(VARIADIC NULL::int[]) IS NULL AS null_sum;
CREATE FUNCTION frt_join(sep text, VARIADIC parts text[]) RETURNS text LANGUAGE sql AS $$ SELECT array_to_string(parts, sep) $$;
SELECT frt_join('-', 'a', 'b', 'c'), frt_join(',', VARIADIC ARRAY['x', 'y']), frt_join('+', 'only');
CREATE FUNCTION frt_each(VARIADIC v text[]) RETURNS SETOF text LANGUAGE sql AS $$ SELECT unnest(v) $$;
SELECT * FROM frt_each('p', 'q');
CREATE FUNCTION frt_bad3(VARIADIC int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION frt_bad4(VARIADIC a int[], b int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
SELECT frt_sum(VARIADIC ARRAY[1], 2);
SELECT proname, provariadic::regtype, proargmodes FROM pg_proc WHERE proname IN ('frt_sum', 'frt_join') ORDER BY 1;
\df frt_sum
\df frt_join
DROP FUNCTION frt_sum(int[]), frt_join(text, text[]), frt_each(text[]);
-- (f()).*, f(t.*), row type input and IS NULL of a row
CREATE TABLE frt_mt (id int, name text);
INSERT INTO frt_mt VALUES (1, 'a'), (2, 'b');
CREATE FUNCTION frt_mone(k int) RETURNS frt_mt LANGUAGE sql AS $$ SELECT * FROM frt_mt WHERE id = k $$;
CREATE FUNCTION frt_mlbl(r frt_mt) RETURNS text LANGUAGE sql AS $$ SELECT r.name || r.id $$;
SELECT (frt_mone(1)).*;
SELECT frt_mlbl(frt_mt.*) FROM frt_mt ORDER BY id;
SELECT frt_mlbl(frt_mone(2));
INSERT INTO frt_mt SELECT * FROM frt_mone(1);
SELECT count(*) FROM frt_mt;
DO $$
DECLARE r frt_mt;
BEGIN
  r := frt_mone(2);
  RAISE NOTICE '% %', r.id, frt_mlbl(r);
  SELECT * INTO r FROM frt_mone(1);
  RAISE NOTICE '%', r;
END $$;
SELECT '(3,c)'::frt_mt;
SELECT ('(3,c)'::frt_mt).name;
SELECT '( 4 ,"d, \"x\"")'::frt_mt, '(,)'::frt_mt IS NULL AS all_null;
SELECT '(1,a'::frt_mt;
SELECT '1,a)'::frt_mt;
SELECT '(1)'::frt_mt;
SELECT '(1,a,b)'::frt_mt;
SELECT '(1,a) x'::frt_mt;
SELECT '(x,a)'::frt_mt;
DROP FUNCTION frt_mone(int), frt_mlbl(frt_mt);
DROP TABLE frt_mt;
-- a table of one column: still a row in the select list
CREATE TABLE frt_ot (v int);
INSERT INTO frt_ot VALUES (1), (2);
CREATE FUNCTION frt_oall() RETURNS SETOF frt_ot LANGUAGE sql AS $$ SELECT * FROM frt_ot ORDER BY v $$;
SELECT frt_oall();
SELECT * FROM frt_oall() AS x;
SELECT x.v FROM frt_oall() x;
SELECT (frt_oall()).v;
SELECT pg_typeof(frt_oall());
DROP FUNCTION frt_oall();
DROP TABLE frt_ot;
-- t.* inside expressions: a whole row, expanded in ROW(...)
CREATE TABLE frt_st (a int, b text);
INSERT INTO frt_st VALUES (1, 'x'), (NULL, NULL);
SELECT ROW(frt_st.*) FROM frt_st ORDER BY a;
SELECT count(frt_st.*) FROM frt_st;
SELECT row_to_json(frt_st.*) FROM frt_st ORDER BY a;
SELECT frt_st.* IS NULL FROM frt_st ORDER BY a;
SELECT x.* FROM frt_st;
DROP TABLE frt_st;
