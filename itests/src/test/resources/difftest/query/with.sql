-- query/with: WITH (several CTEs, column lists, CTEs seen by later CTEs and subqueries) and WITH RECURSIVE with UNION [ALL], LIMIT over an endless recursion, errors
CREATE TABLE q_with_t (id int, parent int, name text);
INSERT INTO q_with_t VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 4, 'a1x'), (6, 3, 'b1');
WITH w AS (SELECT id, name FROM q_with_t WHERE parent = 1) SELECT * FROM w ORDER BY id;
WITH w (a, b) AS (SELECT id, name FROM q_with_t) SELECT a FROM w WHERE b = 'b1';
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b;
WITH c AS (SELECT parent, count(*) AS n FROM q_with_t GROUP BY parent) SELECT t.name, c.n FROM q_with_t t JOIN c ON c.parent = t.id ORDER BY t.name;
WITH w AS (SELECT id FROM q_with_t) SELECT count(*) FROM q_with_t WHERE id IN (SELECT id FROM w WHERE id > 3);
SELECT * FROM (WITH x AS (SELECT 42 AS v) SELECT v FROM x) s;
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r;
WITH RECURSIVE r (n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM r) SELECT * FROM r ORDER BY n;
WITH RECURSIVE fib (a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT a FROM fib;
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT * FROM r LIMIT 3;
WITH RECURSIVE tree AS (
  SELECT id, name, 0 AS depth, name AS path FROM q_with_t WHERE parent IS NULL
  UNION ALL
  SELECT t.id, t.name, tree.depth + 1, tree.path || '/' || t.name FROM q_with_t t JOIN tree ON t.parent = tree.id
) SELECT id, depth, path FROM tree ORDER BY path;
WITH RECURSIVE up AS (SELECT id, parent FROM q_with_t WHERE id = 5 UNION SELECT t.id, t.parent FROM q_with_t t, up WHERE t.id = up.parent)
SELECT count(*), min(id) FROM up;
-- a non-recursive CTE under WITH RECURSIVE
WITH RECURSIVE plain AS (SELECT 7 AS v) SELECT v FROM plain;
-- errors
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT 1;
WITH w (a, b) AS (SELECT 1) SELECT * FROM w;
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n * 1.5 FROM r WHERE n < 5) SELECT * FROM r;
WITH w AS (SELECT 1 AS v) SELECT nope FROM w;
DROP TABLE q_with_t;
