-- DELETE ... USING: joins with other tables, aliases, RETURNING over every relation, a row joined twice, errors
CREATE TABLE delete_using_t (id int PRIMARY KEY, v text);
CREATE TABLE delete_using_s (tid int, w text);
INSERT INTO delete_using_t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e');
INSERT INTO delete_using_s VALUES (1, 'x'), (3, 'z'), (3, 'zz'), (9, 'q');
DELETE FROM delete_using_t USING delete_using_s WHERE delete_using_s.tid = delete_using_t.id AND delete_using_s.w = 'x';
SELECT * FROM delete_using_t ORDER BY id;
DELETE FROM delete_using_t AS t USING delete_using_s s WHERE s.tid = t.id;
SELECT * FROM delete_using_t ORDER BY id;
DELETE FROM delete_using_t t USING (VALUES (2, 'two'), (4, 'four')) AS v(i, name), delete_using_s s
  WHERE v.i = t.id AND s.tid = 9 AND t.id = 4 RETURNING t.id, t.v, v.name, s.w;
DELETE FROM delete_using_t t USING delete_using_s s WHERE t.id = 2;
DELETE FROM delete_using_t t USING delete_using_s s WHERE s.tid = t.id RETURNING *;
SELECT * FROM delete_using_t ORDER BY id;
INSERT INTO delete_using_t VALUES (6, 'f'), (7, 'g');
DELETE FROM delete_using_t USING (SELECT 6 AS id UNION ALL SELECT 7) x WHERE x.id = delete_using_t.id AND x.id = 6 RETURNING x.id;
-- errors
DELETE FROM delete_using_t USING delete_using_t WHERE true;
DELETE FROM delete_using_t USING delete_using_nope WHERE true;
DELETE FROM delete_using_t USING delete_using_t o WHERE id = 1;
DELETE FROM delete_using_t t USING delete_using_s s WHERE delete_using_t.id = s.tid;
DELETE FROM delete_using_t USING delete_using_s WHERE sum(tid) > 1;
DROP TABLE delete_using_t, delete_using_s;
