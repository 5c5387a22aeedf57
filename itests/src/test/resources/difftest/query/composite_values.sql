-- Composite values: row types of tables and CREATE TYPE AS, casts, text I/O, comparisons, sorting, arrays, functions.
CREATE TYPE cv_pt AS (a int, b text);
CREATE TABLE cv_t (id int, x int, y text);
INSERT INTO cv_t VALUES (1, 1, 'x y'), (2, NULL, 'q"z'), (3, 3, NULL), (4, 4, 'back\slash'), (5, 5, '');
-- whole-row references and the table's row type
SELECT cv_t FROM cv_t ORDER BY id;
SELECT (cv_t).y, cv_t.*::text FROM cv_t ORDER BY id;
SELECT ROW(9, 1, 'a')::cv_t, (9, 2, 'b')::cv_t, '(9,3,c)'::cv_t;
-- record_out's quoting and record_in
SELECT ROW(1, 'a"b\c', NULL)::text, ROW('', ' ', 'x,y', '(p)')::text;
SELECT '(1,"a""b\\c")'::cv_pt, ' (2 , x ) '::cv_pt, '(,)'::cv_pt, '("",)'::cv_pt;
SELECT '(1'::cv_pt;
SELECT '1,2)'::cv_pt;
SELECT '(1,2,3)'::cv_pt;
SELECT '(1)'::cv_pt;
SELECT '(1,2) x'::cv_pt;
SELECT '(x,2)'::cv_pt;
SELECT ROW(1, 2, 3)::cv_pt;
SELECT ROW(1)::cv_pt;
-- a composite column: ROW(...), the text form, field selection
CREATE TABLE cv_c (id int, p cv_pt);
INSERT INTO cv_c VALUES (1, ROW(1, NULL)), (2, ROW(1, 'a')), (3, NULL), (4, '(,)'), (5, '(2,b)'), (6, (1, 'a'));
SELECT id, p, (p).a, (p).b FROM cv_c ORDER BY id;
SELECT (p).* FROM cv_c WHERE id = 5;
SELECT (p).nope FROM cv_c;
SELECT (id).a FROM cv_c;
-- comparisons: record_eq / record_cmp (two NULL fields are equal, NULL fields sort last)
SELECT id, p = ROW(1, NULL)::cv_pt AS eq, p <> ROW(1, 'a')::cv_pt AS ne, p < ROW(1, 'b')::cv_pt AS lt,
       p >= ROW(2, 'a')::cv_pt AS ge, p IS NULL AS isnull, p IS NOT NULL AS notnull,
       p IS DISTINCT FROM ROW(1, NULL)::cv_pt AS dist
  FROM cv_c ORDER BY id;
SELECT ROW(1, NULL)::cv_pt = ROW(1, NULL)::cv_pt AS typed, ROW(1, NULL) = ROW(1, NULL) AS constructors;
SELECT ROW(1, 'a')::cv_pt < ROW(2);
SELECT c1.id, c2.id FROM cv_c c1 JOIN cv_c c2 ON c1.p = c2.p AND c1.id < c2.id ORDER BY 1, 2;
SELECT t1 = t2 FROM cv_t t1, cv_t t2 WHERE t1.id = 1 AND t2.id IN (1, 2) ORDER BY t2.id;
-- ORDER BY, DISTINCT, GROUP BY on composite values
SELECT p FROM cv_c ORDER BY p;
SELECT p FROM cv_c ORDER BY p DESC;
SELECT DISTINCT p FROM cv_c ORDER BY p;
SELECT p, count(*) FROM cv_c GROUP BY p ORDER BY p NULLS FIRST;
-- arrays of composites and unnest
SELECT ARRAY[ROW(1, 'a')::cv_pt, NULL, '(2,"x y")'];
SELECT (ARRAY[ROW(1, 'a')::cv_pt])[1].b;
SELECT * FROM unnest(ARRAY[ROW(1, 'a')::cv_pt, ROW(2, 'b')::cv_pt]);
SELECT * FROM unnest(ARRAY[ROW(1, 'a')::cv_pt, ROW(2, 'b')::cv_pt]) WITH ORDINALITY AS u(x, y, n);
CREATE TABLE cv_arr (id int, ps cv_pt[]);
INSERT INTO cv_arr VALUES (1, ARRAY[ROW(1, 'a')::cv_pt, ROW(2, 'x y')::cv_pt]), (2, '{"(3,c)",NULL}');
SELECT id, ps, ps[2], (ps[1]).b FROM cv_arr ORDER BY id;
SELECT pg_typeof(ps), pg_typeof(ps[1]) FROM cv_arr WHERE id = 1;
-- functions returning a composite type
CREATE FUNCTION cv_mk(int) RETURNS cv_pt LANGUAGE sql AS $$ SELECT $1, 'z' $$;
SELECT cv_mk(1), (cv_mk(2)).b;
SELECT * FROM cv_mk(3);
SELECT (cv_mk(4)).*;
CREATE FUNCTION cv_pl(x int) RETURNS cv_pt LANGUAGE plpgsql AS $$
DECLARE r cv_pt;
BEGIN
  r.a := x;
  r.b := 'q';
  RETURN r;
END $$;
SELECT cv_pl(5);
SELECT * FROM cv_pl(6);
CREATE FUNCTION cv_set() RETURNS SETOF cv_pt LANGUAGE sql AS $$ SELECT p FROM cv_c WHERE p IS NOT NULL ORDER BY id $$;
SELECT * FROM cv_set();
CREATE FUNCTION cv_first(p cv_pt) RETURNS int LANGUAGE sql AS $$ SELECT p.a $$;
SELECT cv_first(ROW(7, 'x')), cv_first('(8,y)');
-- json
SELECT row_to_json(ROW(1, 'a')::cv_pt), to_json(p) FROM cv_c WHERE id = 2;
DROP FUNCTION cv_mk(int);
DROP FUNCTION cv_pl(int);
DROP FUNCTION cv_set();
DROP FUNCTION cv_first(cv_pt);
DROP TABLE cv_arr, cv_c, cv_t;
DROP TYPE cv_pt;
-- field assignment: UPDATE ... SET col.field = value (FieldStore), nested fields, errors
CREATE TYPE cv_in AS (x int, y text);
CREATE TYPE cv_outer AS (a int, b varchar(3), c cv_in);
CREATE TABLE cv_fa (id int, p cv_outer, n int);
INSERT INTO cv_fa VALUES (1, ROW(1, 'a', ROW(1, 'i')), 0), (2, NULL, 0);
UPDATE cv_fa SET p.a = 3 WHERE id = 1;
UPDATE cv_fa SET p.b = 'z', p.a = (p).a + 10, n = n + 1;
SELECT * FROM cv_fa ORDER BY id;
UPDATE cv_fa SET p.c.x = 99 WHERE id = 1;
UPDATE cv_fa SET p.c.y = 'new' WHERE id = 2;
SELECT * FROM cv_fa ORDER BY id;
UPDATE cv_fa SET p.b = 'toolong';
UPDATE cv_fa SET p.nope = 1;
UPDATE cv_fa SET n.x = 1;
UPDATE cv_fa SET p.a = 'x';
UPDATE cv_fa SET p = NULL, p.a = 1;
UPDATE cv_fa SET p.a = 1, p = NULL;
UPDATE cv_fa SET n = 1, n = 2;
UPDATE cv_fa SET p.a = 5 RETURNING id, p, (p).a;
DROP TABLE cv_fa;
DROP TYPE cv_outer;
DROP TYPE cv_in;
