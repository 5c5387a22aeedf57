-- query/setops: UNION / INTERSECT / EXCEPT [ALL], precedence, column type resolution, ORDER BY / LIMIT over the whole set operation, errors
CREATE TABLE q_setop_a (id int, s text);
CREATE TABLE q_setop_b (id bigint, s varchar(10));
INSERT INTO q_setop_a VALUES (1, 'a'), (2, 'b'), (2, 'b'), (3, NULL), (NULL, NULL);
INSERT INTO q_setop_b VALUES (2, 'b'), (3, NULL), (4, 'd'), (NULL, NULL);
SELECT 1 UNION SELECT 2 UNION SELECT 1 ORDER BY 1;
SELECT 1 UNION ALL SELECT 1 UNION ALL SELECT 2 ORDER BY 1;
SELECT id, s FROM q_setop_a UNION SELECT id, s FROM q_setop_b ORDER BY 1, 2;
SELECT id, s FROM q_setop_a UNION ALL SELECT id, s FROM q_setop_b ORDER BY 1, 2;
SELECT id, s FROM q_setop_a INTERSECT SELECT id, s FROM q_setop_b ORDER BY 1;
SELECT id, s FROM q_setop_a INTERSECT ALL SELECT id, s FROM q_setop_a ORDER BY 1;
SELECT id, s FROM q_setop_a EXCEPT SELECT id, s FROM q_setop_b ORDER BY 1;
SELECT id, s FROM q_setop_a EXCEPT ALL SELECT id, s FROM q_setop_b ORDER BY 1;
SELECT id FROM q_setop_a EXCEPT ALL SELECT 2 ORDER BY 1;
-- INTERSECT binds tighter than UNION; parentheses regroup
SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1;
(SELECT 1 UNION SELECT 2) INTERSECT SELECT 2;
SELECT 1 EXCEPT SELECT 1 UNION SELECT 5;
-- result types and names
SELECT pg_typeof(id), pg_typeof(s) FROM (SELECT id, s FROM q_setop_a UNION SELECT id, s FROM q_setop_b) u LIMIT 1;
SELECT 1 AS a, 'x' AS b UNION SELECT 2, 'y' ORDER BY b DESC;
SELECT 1 UNION SELECT 1.5 ORDER BY 1;
SELECT NULL UNION SELECT 1 ORDER BY 1;
SELECT 'a' UNION SELECT 'b' ORDER BY 1;
SELECT 1 UNION SELECT '2' ORDER BY 1;
-- ORDER BY / LIMIT / OFFSET apply to the whole; a parenthesized side keeps its own
SELECT id FROM q_setop_a UNION SELECT id FROM q_setop_b ORDER BY 1 LIMIT 2 OFFSET 1;
SELECT id FROM q_setop_a UNION SELECT id FROM q_setop_b ORDER BY id DESC NULLS LAST;
(SELECT id FROM q_setop_a ORDER BY id DESC LIMIT 2) UNION ALL (SELECT 100) ORDER BY 1;
-- errors
SELECT 1 UNION SELECT 'a';
SELECT 1, 2 UNION SELECT 1;
SELECT 1 UNION SELECT true;
SELECT id FROM q_setop_a UNION SELECT id FROM q_setop_b ORDER BY id + 1;
SELECT id FROM q_setop_a UNION SELECT id FROM q_setop_b ORDER BY nope;
DROP TABLE q_setop_a, q_setop_b;
