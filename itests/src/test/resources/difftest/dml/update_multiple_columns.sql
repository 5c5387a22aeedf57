-- dml/update_multiple_columns: UPDATE ... SET (a, b) = (x, y) / = ROW(...) with DEFAULT, mixed with single assignments, in ON CONFLICT DO UPDATE, with RETURNING, and the errors for a count mismatch, a non-row source and a sub-SELECT
CREATE TABLE q_umc_t (id int PRIMARY KEY, a text, b int DEFAULT 42, c date);
INSERT INTO q_umc_t VALUES (1, 'x', 1, '2024-01-01'), (2, 'y', 2, NULL);
UPDATE q_umc_t SET (a, b) = ('tuple', 9) WHERE id = 1 RETURNING *;
UPDATE q_umc_t SET (b, a) = ROW(b + 10, upper(a)), c = '2024-02-02' WHERE id = 2 RETURNING id, a, b, c;
UPDATE q_umc_t SET (a, b) = (DEFAULT, DEFAULT) WHERE id = 1 RETURNING a, b;
UPDATE q_umc_t SET (c) = ROW('2025-05-05') WHERE id = 1 RETURNING c;
INSERT INTO q_umc_t VALUES (2, 'new', 0, NULL) ON CONFLICT (id) DO UPDATE SET (a, b) = (excluded.a, q_umc_t.b + 1) RETURNING *;
SELECT * FROM q_umc_t ORDER BY id;
-- errors
UPDATE q_umc_t SET (a, b) = (1, 2, 3);
UPDATE q_umc_t SET (a, b) = 1;
UPDATE q_umc_t SET (a) = ('z');
UPDATE q_umc_t SET (a, nosuch) = ('z', 1);
DROP TABLE q_umc_t;
