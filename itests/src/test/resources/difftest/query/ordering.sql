-- query/ordering: ORDER BY expressions not in the select list, output names and ordinals, ASC/DESC, NULLS FIRST/LAST, DISTINCT, DISTINCT ON, LIMIT/OFFSET over joins and groups, errors
CREATE TABLE q_ord_t (g int, x int, s text);
INSERT INTO q_ord_t VALUES (1, 3, 'c'), (1, NULL, 'a'), (2, 1, 'b'), (2, 5, NULL), (3, 2, 'a'), (3, 2, 'e');
SELECT x FROM q_ord_t ORDER BY x;
SELECT x FROM q_ord_t ORDER BY x NULLS FIRST;
SELECT x FROM q_ord_t ORDER BY x DESC;
SELECT x FROM q_ord_t ORDER BY x DESC NULLS LAST;
SELECT s FROM q_ord_t ORDER BY g DESC, x ASC NULLS FIRST;
SELECT g FROM q_ord_t ORDER BY -x NULLS LAST, s;
SELECT g AS k, x FROM q_ord_t ORDER BY k, 2 DESC;
SELECT g + x AS total FROM q_ord_t ORDER BY g + x, total;
SELECT DISTINCT g FROM q_ord_t ORDER BY g DESC;
-- a name shared by equal result columns is not ambiguous
SELECT g, g, x AS g2 FROM q_ord_t ORDER BY g, g2 LIMIT 3;
SELECT g AS k, x + 1 AS k FROM q_ord_t ORDER BY k;
SELECT DISTINCT g, x FROM q_ord_t ORDER BY 1, 2;
SELECT DISTINCT ON (g) g, x, s FROM q_ord_t ORDER BY g, x DESC NULLS LAST;
SELECT DISTINCT ON (g) g, s FROM q_ord_t ORDER BY g, s;
SELECT DISTINCT ON (x) x, g FROM q_ord_t ORDER BY x, g DESC;
SELECT DISTINCT ON (g % 2) g FROM q_ord_t ORDER BY g % 2, g;
SELECT g, count(*) FROM q_ord_t GROUP BY g ORDER BY count(*) DESC, g LIMIT 2;
SELECT a.g, b.s FROM q_ord_t a JOIN q_ord_t b ON a.g = b.g AND a.x < b.x ORDER BY a.g, b.s OFFSET 1 LIMIT 2;
SELECT s FROM q_ord_t ORDER BY s COLLATE "C";
-- errors
SELECT DISTINCT g FROM q_ord_t ORDER BY x;
SELECT DISTINCT ON (g) g, x FROM q_ord_t ORDER BY x;
SELECT g FROM q_ord_t ORDER BY 3;
SELECT g AS k, x AS k FROM q_ord_t ORDER BY k;
DROP TABLE q_ord_t;
