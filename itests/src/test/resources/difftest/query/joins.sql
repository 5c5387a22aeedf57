-- query/joins: comma joins, CROSS/INNER/LEFT/RIGHT/FULL JOIN with ON, USING and NATURAL, aliases, column aliases, derived tables, * expansion, 42702/42P01/42703/42712/42P10
CREATE TABLE q_join_a (id int, name text);
CREATE TABLE q_join_b (id int, a_id int, val text);
CREATE TABLE q_join_c (id int, z text);
INSERT INTO q_join_a VALUES (1, 'one'), (2, 'two'), (3, 'three'), (NULL, 'nil');
INSERT INTO q_join_b VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, 'z'), (13, 4, 'w'), (14, NULL, 'n');
INSERT INTO q_join_c VALUES (1, 'c1'), (4, 'c4'), (5, 'c5');
-- comma join with the join condition in WHERE (hash join)
SELECT * FROM q_join_a a, q_join_b b WHERE a.id = b.a_id ORDER BY b.id;
SELECT a.name, b.val FROM q_join_a a JOIN q_join_b b ON a.id = b.a_id ORDER BY 1, 2;
SELECT a.name, b.val FROM q_join_a a INNER JOIN q_join_b b ON b.a_id = a.id AND b.val <> 'x' ORDER BY 1, 2;
-- non-equality join condition (nested loop)
SELECT a.id, b.id FROM q_join_a a JOIN q_join_b b ON a.id < b.a_id ORDER BY 1, 2;
SELECT count(*) FROM q_join_a CROSS JOIN q_join_b;
SELECT * FROM q_join_a CROSS JOIN q_join_c ORDER BY 1, 3 LIMIT 5;
SELECT * FROM q_join_a a JOIN q_join_b b ON true ORDER BY a.id, b.id LIMIT 3;
-- outer joins
SELECT * FROM q_join_a a LEFT JOIN q_join_b b ON a.id = b.a_id ORDER BY a.id, b.id;
SELECT * FROM q_join_a a LEFT OUTER JOIN q_join_b b ON a.id = b.a_id AND b.val = 'y' ORDER BY a.id;
SELECT * FROM q_join_a a LEFT JOIN q_join_b b ON a.id = b.a_id WHERE b.id IS NULL ORDER BY a.id;
SELECT * FROM q_join_a a RIGHT JOIN q_join_b b ON a.id = b.a_id ORDER BY b.id;
SELECT * FROM q_join_a a RIGHT JOIN q_join_b b ON a.id < b.a_id ORDER BY b.id, a.id;
SELECT * FROM q_join_a a FULL JOIN q_join_b b ON a.id = b.a_id ORDER BY a.id, b.id;
SELECT * FROM q_join_a a FULL OUTER JOIN q_join_b b ON a.id > b.a_id ORDER BY a.id, b.id;
SELECT a.id, b.id, c.id FROM q_join_a a LEFT JOIN q_join_b b ON a.id = b.a_id LEFT JOIN q_join_c c ON b.a_id = c.id ORDER BY 1, 2;
-- USING and NATURAL merge the columns; FULL JOIN USING coalesces them
SELECT * FROM q_join_a JOIN q_join_c USING (id) ORDER BY id;
SELECT * FROM q_join_a a FULL JOIN q_join_c c USING (id) ORDER BY id;
SELECT id, name, z FROM q_join_a LEFT JOIN q_join_c USING (id) ORDER BY id DESC;
SELECT a.id, c.id, id FROM q_join_a a RIGHT JOIN q_join_c c USING (id) ORDER BY c.id;
SELECT * FROM q_join_a NATURAL JOIN q_join_c;
-- the USING column read only by the join itself
SELECT name, z FROM q_join_a JOIN q_join_c USING (id);
SELECT count(*) FROM q_join_a NATURAL JOIN q_join_c;
SELECT * FROM q_join_a NATURAL FULL JOIN q_join_c ORDER BY 1;
SELECT * FROM q_join_a JOIN q_join_b USING (id) JOIN q_join_c USING (id);
SELECT * FROM q_join_a JOIN q_join_c USING (nope);
-- aliases
SELECT * FROM q_join_a t1 (x, y) WHERE x = 1;
SELECT j.id, j.z FROM (q_join_a JOIN q_join_c USING (id)) j;
SELECT j.k FROM (q_join_a JOIN q_join_c USING (id)) AS j (k) ;
SELECT q_join_a.id FROM (q_join_a JOIN q_join_c USING (id)) j;
SELECT q_join_a.* FROM q_join_a JOIN q_join_b ON q_join_a.id = q_join_b.a_id WHERE q_join_b.val <> 'x' ORDER BY 1;
SELECT b.*, a.name FROM q_join_a a JOIN q_join_b b ON a.id = b.a_id ORDER BY b.id;
SELECT * FROM q_join_a t (a, b, c);
-- derived tables
SELECT t.*, s.x FROM (SELECT id, name FROM q_join_a WHERE id < 3) t, (SELECT 1 AS x) s ORDER BY t.id;
SELECT i FROM (SELECT id FROM q_join_a) AS s (i) WHERE i > 1 ORDER BY i;
SELECT * FROM (SELECT * FROM q_join_a) s JOIN (SELECT * FROM q_join_b) t ON s.id = t.a_id ORDER BY t.id;
SELECT * FROM (VALUES (1, 'v1'), (2, 'v2')) AS v (n, s) JOIN q_join_a ON q_join_a.id = v.n ORDER BY n;
SELECT * FROM (SELECT 1);
SELECT * FROM (SELECT 1) AS s (a, b);
-- name errors
SELECT id FROM q_join_a, q_join_b;
SELECT x.id FROM q_join_a a;
SELECT q_join_a.id FROM q_join_a a;
SELECT a.zzz FROM q_join_a a;
SELECT a.nam FROM q_join_a a;
SELECT vall FROM q_join_a a, q_join_b b;
SELECT b.name FROM q_join_a a, q_join_b b;
SELECT zzz FROM q_join_a a, q_join_b b;
SELECT * FROM q_join_a a, q_join_b a;
SELECT * FROM q_join_a, q_join_a;
-- joins with system catalogs
SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relname = 'q_join_c' AND a.attnum > 0 ORDER BY a.attnum;
DROP TABLE q_join_a, q_join_b, q_join_c;
