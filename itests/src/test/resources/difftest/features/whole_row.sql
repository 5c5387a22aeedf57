-- features/whole_row: a FROM item's name as a value (SELECT t FROM t), its fields ((t).col), row_to_json / to_json / to_jsonb / json_agg of rows, in subqueries and correlated, and a column of the same name winning
CREATE TABLE q_wr_t (id int PRIMARY KEY, name text, created timestamp, amount numeric(10,2), tags text[], data jsonb);
INSERT INTO q_wr_t VALUES (1, 'a', '2024-01-01 10:00', 1.5, '{x,y}', '{"k":1,"n":{"m":2}}'),
  (2, 'b "q"', '2024-01-02 11:00', 2.5, '{y}', '{"k":2}'), (3, 'c', '2024-01-05', NULL, NULL, NULL);
CREATE TABLE q_wr_c (q_wr_c int, other text);
INSERT INTO q_wr_c VALUES (7, 'x');
SELECT t FROM q_wr_t t ORDER BY id;
SELECT q_wr_t FROM q_wr_t ORDER BY id;
SELECT (t).name, (t).id + 1 AS next FROM q_wr_t t ORDER BY id;
SELECT row_to_json(t) FROM q_wr_t t ORDER BY id;
SELECT row_to_json(t, true) FROM q_wr_t t WHERE id = 2;
SELECT to_json(t) FROM q_wr_t t WHERE id = 1;
SELECT to_jsonb(t) FROM q_wr_t t ORDER BY id;
SELECT to_jsonb(t) -> 'name' AS name, to_jsonb(t) ->> 'amount' AS amount FROM q_wr_t t ORDER BY id;
SELECT json_agg(t ORDER BY id) FROM q_wr_t t WHERE id < 3;
SELECT jsonb_agg(t ORDER BY id) FROM q_wr_t t WHERE id < 3;
SELECT row_to_json(s) FROM (SELECT id, upper(name) AS up FROM q_wr_t) s ORDER BY s.id;
SELECT json_agg(s) FROM (SELECT id, name FROM q_wr_t ORDER BY id) s;
SELECT u.id, (SELECT row_to_json(x) FROM (SELECT u.name, u.amount) x) AS j FROM q_wr_t u ORDER BY u.id;
SELECT row_to_json(row(1, 'a')), to_jsonb(row(1, 'a')), row_to_json(row(1, row(2, 3)));
SELECT json_build_object('t', t) FROM q_wr_t t WHERE id = 3;
-- a column named like its table is the column
SELECT q_wr_c FROM q_wr_c;
SELECT c FROM q_wr_c c;
-- errors
SELECT nosuch FROM q_wr_t t;
SELECT (t).nosuch FROM q_wr_t t;
SELECT row_to_json(1);
DROP TABLE q_wr_t, q_wr_c;
