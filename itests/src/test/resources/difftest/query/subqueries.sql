-- query/subqueries: scalar subqueries (21000), EXISTS / NOT EXISTS, IN / NOT IN with NULLs, ANY / SOME / ALL, correlated subqueries, subqueries in DML
CREATE TABLE q_sub_t (id int, v int);
CREATE TABLE q_sub_u (id int, w int);
INSERT INTO q_sub_t VALUES (1, 10), (2, 20), (3, NULL), (4, 40);
INSERT INTO q_sub_u VALUES (1, 100), (1, 101), (2, 200), (NULL, 0);
SELECT (SELECT 1), (SELECT NULL::int) AS n, (SELECT 'x') AS s;
SELECT id, (SELECT max(w) FROM q_sub_u u WHERE u.id = t.id) AS m FROM q_sub_t t ORDER BY id;
SELECT id, (SELECT count(*) FROM q_sub_u u WHERE u.id = t.id) FROM q_sub_t t ORDER BY 1;
SELECT * FROM q_sub_t t WHERE t.v = (SELECT max(v) FROM q_sub_t);
SELECT id FROM q_sub_t t WHERE v > (SELECT avg(v) FROM q_sub_t t2 WHERE t2.id <> t.id) ORDER BY id;
SELECT (SELECT w FROM q_sub_u);
SELECT (SELECT id, w FROM q_sub_u);
SELECT id FROM q_sub_t WHERE id = (SELECT id FROM q_sub_u);
-- EXISTS
SELECT id FROM q_sub_t t WHERE EXISTS (SELECT 1 FROM q_sub_u u WHERE u.id = t.id) ORDER BY id;
SELECT id FROM q_sub_t t WHERE NOT EXISTS (SELECT 1 FROM q_sub_u u WHERE u.id = t.id) ORDER BY id;
SELECT EXISTS (SELECT 1 FROM q_sub_u WHERE false), EXISTS (SELECT 1);
-- IN / NOT IN: a NULL in the subquery makes NOT IN unknown
SELECT id FROM q_sub_t WHERE id IN (SELECT id FROM q_sub_u) ORDER BY id;
SELECT id FROM q_sub_t WHERE id NOT IN (SELECT id FROM q_sub_u) ORDER BY id;
SELECT id FROM q_sub_t WHERE id NOT IN (SELECT id FROM q_sub_u WHERE id IS NOT NULL) ORDER BY id;
SELECT id, id IN (SELECT id FROM q_sub_u) AS in_u, v IN (SELECT w / 10 FROM q_sub_u) AS v_in FROM q_sub_t ORDER BY id;
SELECT NULL::int IN (SELECT id FROM q_sub_u WHERE false) AS empty_in, NULL::int IN (SELECT 1) AS null_in;
SELECT id FROM q_sub_t t WHERE v IN (SELECT w / 10 FROM q_sub_u u WHERE u.id = t.id) ORDER BY id;
SELECT id FROM q_sub_t WHERE id IN (SELECT id, w FROM q_sub_u);
-- ANY / SOME / ALL
SELECT id FROM q_sub_t WHERE v > ALL (SELECT id * 10 FROM q_sub_u WHERE id IS NOT NULL) ORDER BY id;
SELECT id FROM q_sub_t WHERE v > ANY (SELECT w / 10 FROM q_sub_u) ORDER BY id;
SELECT id, v = ANY (SELECT w / 10 FROM q_sub_u) AS eq_any, v < SOME (SELECT 15) AS lt_some, v <> ALL (SELECT 10) AS ne_all FROM q_sub_t ORDER BY id;
SELECT 1 = ALL (SELECT 1 WHERE false) AS all_empty;
-- correlated subqueries in grouped queries, nested correlation
SELECT t.id, sum(t.v), (SELECT count(*) FROM q_sub_u u WHERE u.id = t.id) FROM q_sub_t t GROUP BY t.id ORDER BY 1;
SELECT id FROM q_sub_t t WHERE EXISTS (SELECT 1 FROM q_sub_u u WHERE u.id = t.id AND EXISTS (SELECT 1 FROM q_sub_t t2 WHERE t2.v * 10 = u.w - t.id + 1)) ORDER BY id;
SELECT * FROM (SELECT id, v * 2 AS dv FROM q_sub_t WHERE v IS NOT NULL) s WHERE dv > 20 ORDER BY id;
-- subqueries in DML
INSERT INTO q_sub_u SELECT id + 10, v FROM q_sub_t WHERE id IN (SELECT id FROM q_sub_u);
UPDATE q_sub_t SET v = (SELECT max(w) FROM q_sub_u WHERE q_sub_u.id = q_sub_t.id) WHERE id < 3 RETURNING *;
DELETE FROM q_sub_u WHERE id IN (SELECT id + 10 FROM q_sub_t) RETURNING id;
SELECT * FROM q_sub_t ORDER BY id;
DROP TABLE q_sub_t, q_sub_u;
