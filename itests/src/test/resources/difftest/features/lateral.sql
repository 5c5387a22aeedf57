-- features/lateral: LATERAL derived tables and functions in FROM (comma, CROSS JOIN, JOIN ... ON, LEFT JOIN ... ON true), functions in FROM implicitly lateral, correlated top-N per group, and the errors for references a FROM item may not make
CREATE TABLE q_lat_u (id int PRIMARY KEY, name text, tags int[]);
CREATE TABLE q_lat_o (id int, uid int, amount int, placed int);
INSERT INTO q_lat_u VALUES (1, 'ann', '{1,2}'), (2, 'bob', '{}'), (3, 'cid', NULL), (4, 'dee', '{7}');
INSERT INTO q_lat_o VALUES (10, 1, 5, 100), (11, 1, 7, 101), (12, 1, 3, 102), (13, 2, 9, 100), (14, 4, 1, 105), (15, 4, 2, 104);
-- the latest order of each user
SELECT u.name, s.id, s.amount FROM q_lat_u u, LATERAL (SELECT o.id, o.amount FROM q_lat_o o WHERE o.uid = u.id ORDER BY o.placed DESC LIMIT 1) s ORDER BY u.name;
SELECT u.name, s.id FROM q_lat_u u LEFT JOIN LATERAL (SELECT o.id FROM q_lat_o o WHERE o.uid = u.id ORDER BY o.placed DESC LIMIT 1) s ON true ORDER BY u.name;
SELECT u.name, s.total, s.n FROM q_lat_u u CROSS JOIN LATERAL (SELECT sum(amount) AS total, count(*) AS n FROM q_lat_o WHERE uid = u.id) s ORDER BY u.name;
SELECT u.name, s.id FROM q_lat_u u JOIN LATERAL (SELECT o.id, o.amount FROM q_lat_o o WHERE o.uid = u.id) s ON s.amount > 2 ORDER BY u.name, s.id;
SELECT u.name, s.* FROM q_lat_u u, LATERAL (SELECT o.id, o.amount * u.id AS scaled FROM q_lat_o o WHERE o.uid = u.id ORDER BY o.amount LIMIT 2) s WHERE s.scaled > 2 ORDER BY 1, 2;
-- top 2 per user, and a lateral subquery reading two earlier items
SELECT u.name, x.id FROM q_lat_u u, q_lat_o first, LATERAL (SELECT o.id FROM q_lat_o o WHERE o.uid = u.id AND o.id > first.id ORDER BY o.id LIMIT 2) x WHERE first.uid = u.id AND first.id IN (10, 14) ORDER BY 1, 2;
-- functions in FROM are lateral
SELECT u.name, t FROM q_lat_u u CROSS JOIN LATERAL unnest(u.tags) t ORDER BY 1, 2;
SELECT u.name, t FROM q_lat_u u, unnest(u.tags) t ORDER BY 1, 2;
SELECT u.name, t, n FROM q_lat_u u, unnest(u.tags) WITH ORDINALITY AS x(t, n) ORDER BY 1, 2;
SELECT u.name, t FROM q_lat_u u LEFT JOIN LATERAL unnest(u.tags) t ON true ORDER BY 1, 2;
SELECT u.id, g FROM q_lat_u u, generate_series(1, u.id) g WHERE u.id <= 3 ORDER BY 1, 2;
SELECT u.id, a FROM q_lat_u u, LATERAL abs(u.id - 3) a ORDER BY 1;
-- a lateral subquery inside a subquery, reading the outer level too
SELECT u.name, (SELECT max(s.amount) FROM q_lat_o o2, LATERAL (SELECT o2.amount + u.id AS amount) s WHERE o2.uid = u.id) AS m FROM q_lat_u u ORDER BY 1;
SELECT * FROM LATERAL (SELECT 1 AS one) s;
-- errors
SELECT * FROM q_lat_u u, (SELECT o.id FROM q_lat_o o WHERE o.uid = u.id) s;
SELECT * FROM LATERAL (SELECT * FROM q_lat_o o WHERE o.uid = u.id) s, q_lat_u u;
SELECT * FROM q_lat_u u, LATERAL (SELECT nosuch FROM q_lat_o o WHERE o.uid = u.id) s;
SELECT * FROM q_lat_u u RIGHT JOIN LATERAL (SELECT o.id FROM q_lat_o o WHERE o.uid = u.id) s ON true;
SELECT * FROM q_lat_u u, LATERAL q_lat_o;
DROP TABLE q_lat_u, q_lat_o;
