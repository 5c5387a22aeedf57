-- UPDATE ... FROM: joins with other tables, aliases, RETURNING over every relation, a row joined twice, errors
CREATE TABLE update_from_t (id int PRIMARY KEY, v text, n int);
CREATE TABLE update_from_s (tid int, w text, k int);
INSERT INTO update_from_t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40);
INSERT INTO update_from_s VALUES (1, 'x', 1), (3, 'z', 3), (5, 'q', 5);
UPDATE update_from_t SET v = update_from_t.v || '-' || update_from_s.w FROM update_from_s
  WHERE update_from_s.tid = update_from_t.id;
SELECT * FROM update_from_t ORDER BY id;
UPDATE update_from_t AS t SET n = t.n + s.k FROM update_from_s s WHERE s.tid = t.id;
UPDATE update_from_t AS t SET n = t.n + s.k FROM update_from_s s WHERE s.tid = t.id AND s.k = 3 RETURNING t.id, t.n, s.w;
UPDATE update_from_t t SET n = 0 FROM update_from_s s WHERE s.tid = t.id AND s.w = 'x' RETURNING *;
UPDATE update_from_t t SET n = n + 1 FROM update_from_s s WHERE s.tid = t.id AND s.w = 'nothing';
-- several FROM items, a join and a derived table
UPDATE update_from_t t SET v = s.w || u.x FROM update_from_s s, (VALUES (3, '!')) AS u(id, x)
  WHERE s.tid = t.id AND u.id = t.id RETURNING t.id, t.v, u.x;
UPDATE update_from_t t SET v = 'j' FROM update_from_s s JOIN (VALUES (1)) v(i) ON v.i = s.tid WHERE s.tid = t.id
  RETURNING t.id;
-- a target row joined to two rows is updated once
INSERT INTO update_from_s VALUES (2, 'y1', 7), (2, 'y2', 7);
UPDATE update_from_t t SET n = s.k FROM update_from_s s WHERE s.tid = t.id AND t.id = 2;
SELECT id, n FROM update_from_t WHERE id = 2;
-- uncorrelated FROM (cross join) and a WHERE on the target only
UPDATE update_from_t SET n = -1 FROM (VALUES (1)) x(y) WHERE id = 4;
SELECT * FROM update_from_t ORDER BY id;
-- the target's own table under another alias
UPDATE update_from_t t SET n = o.n * 2 FROM update_from_t o WHERE o.id = t.id + 1;
SELECT * FROM update_from_t ORDER BY id;
-- errors
UPDATE update_from_t SET v = 'x' FROM update_from_t WHERE true;
UPDATE update_from_t SET v = 'x' FROM update_from_nope WHERE true;
UPDATE update_from_t SET v = 'x' FROM update_from_t AS o WHERE id = 1;
UPDATE update_from_t SET v = 'x' FROM update_from_s WHERE nope = 1;
UPDATE update_from_t t SET v = 'x' FROM update_from_s s WHERE update_from_t.id = s.tid;
UPDATE update_from_t SET id = 3 FROM update_from_s s WHERE s.tid = 1 AND id = 1;
DROP TABLE update_from_t, update_from_s;
