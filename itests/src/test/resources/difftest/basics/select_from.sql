-- basics/select_from: SELECT from one table: *, qualified and aliased names, column aliases, expressions over columns, DISTINCT-free projections, and name errors (42P01, 42703, 42712)
CREATE TABLE select_from_t (id integer, name text, price numeric(8,2), qty smallint);
INSERT INTO select_from_t VALUES (1, 'apple', 0.50, 10), (2, 'pear', 0.75, 4), (3, 'fig', 2.10, 0);
SELECT * FROM select_from_t ORDER BY id;
SELECT select_from_t.* FROM select_from_t ORDER BY id;
SELECT t.id, t.name FROM select_from_t t ORDER BY t.id;
SELECT x.id FROM select_from_t AS x ORDER BY x.id DESC;
SELECT public.select_from_t.name FROM public.select_from_t ORDER BY 1;
SELECT id, name AS fruit, price * qty AS total, price * qty > 1 AS big FROM select_from_t ORDER BY id;
SELECT id num, name label FROM select_from_t ORDER BY num;
SELECT *, id * 10 AS tens FROM select_from_t ORDER BY id;
SELECT id, id, name || ' (' || qty || ')' AS described FROM select_from_t ORDER BY id;
SELECT upper(name), length(name), CASE WHEN qty = 0 THEN 'sold out' ELSE 'in stock' END AS stock FROM select_from_t ORDER BY id;
SELECT price / qty FROM select_from_t ORDER BY id;
SELECT 'constant' AS c FROM select_from_t;
SELECT FROM select_from_t;
-- errors
SELECT select_from_t.id FROM select_from_t t;
SELECT t.no_such_column FROM select_from_t t;
SELECT no_such_alias.id FROM select_from_t t;
SELECT * FROM select_from_t a, select_from_t a;
SELECT * FROM public.select_from_no_such_table;
SELECT * FROM no_such_schema.select_from_t;
DROP TABLE select_from_t;
