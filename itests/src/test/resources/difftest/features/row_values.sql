-- features/row_values: row constructors (ROW(...), (a, b)) as values and in comparisons (= <> < <= > >= lexicographic with NULLs), keyset pagination, IN lists of rows, IN / ANY / ALL / = with multi-column subqueries, IS [NOT] DISTINCT FROM and IS [NOT] NULL on rows, arity and type errors
CREATE TABLE q_row_t (created int, id int, name text);
INSERT INTO q_row_t VALUES (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (2, 1, 'd'), (2, 2, NULL), (3, 1, 'f'), (NULL, 9, 'g'), (3, NULL, 'h');
SELECT ROW(1, 'a'), (1, 2.5, NULL), ROW(), ROW(1);
SELECT ((1, 2)).f1, (ROW('x', 2)).f2;
SELECT (1, 2) = (1, 2), (1, 2) = (1, 3), (1, 2) = (1, NULL), (1, 2) = (2, NULL), (NULL, 1) = (NULL, 1);
SELECT (1, 2) <> (1, 2), (1, 2) <> (1, 3), (1, 2) <> (2, NULL), (1, 2) <> (1, NULL);
SELECT (1, 2) < (1, 3), (1, 3) < (1, 3), (1, 3) <= (1, 3), (2, 0) > (1, 9), (1, 9) >= (2, 0);
SELECT (1, NULL) < (2, 1), (1, NULL) < (1, 3), (NULL, 1) <= (NULL, 1), (2, NULL) > (1, NULL), (1, 2, 3) < (1, 2, 4);
SELECT (1, 'x') > (1, 'a'), (1, 'a'::text) <= (1, 'a'), ROW(1, 2) = ROW(1.0, 2::bigint), (1.5, 2) < (2, 1);
-- keyset pagination
SELECT created, id FROM q_row_t WHERE (created, id) > (1, 2) ORDER BY created, id;
SELECT created, id FROM q_row_t WHERE (created, id) > (1, 2) ORDER BY created, id LIMIT 2;
SELECT created, id FROM q_row_t WHERE (created, id) >= (2, 1) ORDER BY created, id;
SELECT created, id FROM q_row_t WHERE (created, id) < (2, 2) ORDER BY created DESC, id DESC;
SELECT created, id FROM q_row_t WHERE (created, id) <= (1, 3) ORDER BY created, id;
PREPARE q_row_page(int, int) AS SELECT created, id, name FROM q_row_t WHERE (created, id) > ($1, $2) ORDER BY created, id LIMIT 2;
EXECUTE q_row_page(1, 3);
EXECUTE q_row_page(2, 2);
DEALLOCATE q_row_page;
SELECT id FROM q_row_t WHERE (created, id) = (1, 2);
SELECT id, created FROM q_row_t WHERE (created, id) <> (1, 2) ORDER BY id, created;
SELECT id, name FROM q_row_t WHERE ROW(created, name) = ROW(2, 'd');
-- IN lists of rows
SELECT (1, 2) IN ((1, 2), (3, 4)), (1, 2) NOT IN ((1, 3), (3, 4)), (1, NULL) IN ((1, 2)), (1, NULL) IN ((2, 2)), (1, NULL) NOT IN ((2, 2));
SELECT created, id FROM q_row_t WHERE (created, id) IN ((1, 1), (2, 2), (3, 3)) ORDER BY 1, 2;
SELECT created, id FROM q_row_t WHERE (created, id) NOT IN ((1, 1), (2, 2)) ORDER BY 1, 2;
-- subqueries
SELECT (1, 2) IN (SELECT 1, 2), (1, 2) = ANY (SELECT 1, 2), (1, 2) < ALL (SELECT 3, 4), (1, 2) <> ALL (SELECT 1, 3);
SELECT (1, 2) NOT IN (SELECT 1, NULL::int), (1, 3) NOT IN (SELECT 2, NULL::int), (1, 2) IN (SELECT 1, 2 WHERE false);
SELECT (1, 2) < (SELECT 1, 3), (1, 2) = (SELECT 1, 2 WHERE false), (2, 1) >= (SELECT 2, 1);
SELECT a.created, a.id FROM q_row_t a WHERE (a.created, a.id) IN (SELECT b.id, b.created FROM q_row_t b) ORDER BY 1, 2;
SELECT a.created, a.id FROM q_row_t a WHERE (a.id, a.name) IN (SELECT b.id, b.name FROM q_row_t b WHERE b.created = a.created + 1) ORDER BY 1, 2;
SELECT a.id, a.name FROM q_row_t a WHERE (a.created, a.id) = (SELECT max(created), min(id) FROM q_row_t WHERE created < 3);
SELECT (1, 2) < (SELECT 1, 3 UNION SELECT 1, 4);
-- IS [NOT] DISTINCT FROM, IS [NOT] NULL
SELECT (1, 2) IS DISTINCT FROM (1, NULL), (1, NULL) IS NOT DISTINCT FROM (1, NULL), (1, 2) IS DISTINCT FROM (1, 2), (NULL, 2) IS NOT DISTINCT FROM (1, 2);
SELECT id FROM q_row_t WHERE (created, name) IS NOT DISTINCT FROM (2, NULL);
SELECT (1, 2) IS NULL, (NULL, NULL) IS NULL, (1, NULL) IS NOT NULL, ROW(NULL, 1) IS NOT NULL, (1, 2) IS NOT NULL;
SELECT id FROM q_row_t WHERE (created, id) IS NOT NULL ORDER BY id, created;
-- errors
SELECT (1, 2) = (1, 2, 3);
SELECT (1, 2) < (1, 2, 3);
SELECT (1, 2) IS DISTINCT FROM (1, 2, 3);
SELECT (1, 2) < (1, 'a');
SELECT (1, 2) = 1;
SELECT (1, 2) IN ((1, 2), 3);
SELECT (1, 2) ~ (3, 4);
SELECT (1, 2) IN (SELECT 1);
SELECT (1, 2) IN (SELECT 1, 2, 3);
SELECT (1, 2) = (SELECT 1);
SELECT 1 IN (SELECT 1, 2);
SELECT (created, id) > (1, 'x') FROM q_row_t;
DROP TABLE q_row_t;
