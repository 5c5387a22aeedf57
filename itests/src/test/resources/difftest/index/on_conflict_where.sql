-- index/on_conflict_where: INSERT ... ON CONFLICT (cols) WHERE predicate (partial-index inference as ORMs write it for conditional upserts) over a plain unique index, with DO NOTHING and DO UPDATE
CREATE TABLE q_ocw_t (id int PRIMARY KEY, email text UNIQUE, active boolean DEFAULT true, n int DEFAULT 0);
INSERT INTO q_ocw_t VALUES (1, 'a@x', true, 0), (2, 'b@x', false, 0);
INSERT INTO q_ocw_t (id, email) VALUES (3, 'a@x') ON CONFLICT (email) WHERE active DO NOTHING;
INSERT INTO q_ocw_t (id, email) VALUES (1, 'z@x') ON CONFLICT (id) WHERE n >= 0 DO UPDATE SET n = q_ocw_t.n + 1 RETURNING id, email, n;
INSERT INTO q_ocw_t (id, email) VALUES (4, 'b@x') ON CONFLICT (email) WHERE active = false DO UPDATE SET n = excluded.n + 5 WHERE q_ocw_t.id = 2 RETURNING *;
INSERT INTO q_ocw_t (id, email) VALUES (5, 'e@x') ON CONFLICT (email) WHERE active DO NOTHING RETURNING id;
SELECT * FROM q_ocw_t ORDER BY id;
DROP TABLE q_ocw_t;
