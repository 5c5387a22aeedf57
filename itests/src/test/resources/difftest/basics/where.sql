-- basics/where: WHERE and its errors, INSERT variants (DEFAULT VALUES, INSERT ... SELECT, DEFAULT), UPDATE semantics, ORDER BY by expression, LIMIT expressions
CREATE TABLE where_t (a integer, b integer, c text);
INSERT INTO where_t VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 30, NULL), (4, NULL, 'x');
INSERT INTO where_t DEFAULT VALUES;
INSERT INTO where_t VALUES (DEFAULT, 50, DEFAULT);
INSERT INTO where_t (a, b) SELECT 6, 60;
INSERT INTO where_t SELECT 7, 70, 'z' RETURNING a, b, c;
SELECT a, b, c FROM where_t ORDER BY a NULLS FIRST, b;
SELECT a FROM where_t WHERE a;
SELECT a FROM where_t WHERE 'yes';
SELECT a FROM where_t WHERE NULL;
SELECT a FROM where_t WHERE a = 'abc';
SELECT a FROM where_t WHERE a = '2';
SELECT a FROM where_t WHERE b / a > 9 ORDER BY a;
SELECT a FROM where_t WHERE b / (a - 2) > 0 ORDER BY a;
SELECT a FROM where_t WHERE c = 'x' AND b IS NOT NULL OR a = 7 ORDER BY a;
SELECT a FROM where_t WHERE NOT (c = 'x') ORDER BY a;
SELECT a FROM where_t WHERE c IN ('x', 'z') ORDER BY a;
SELECT a FROM where_t WHERE a BETWEEN 2 AND 4 ORDER BY a;
SELECT a FROM where_t WHERE no_such_column = 1;
-- ORDER BY an expression, a column not selected, DESC and NULLS
SELECT a, b FROM where_t WHERE a IS NOT NULL ORDER BY b * -1 NULLS LAST, a;
SELECT c FROM where_t WHERE a IS NOT NULL ORDER BY a DESC;
SELECT a AS alias FROM where_t WHERE a IS NOT NULL ORDER BY alias;
SELECT a AS alias FROM where_t ORDER BY alias + 1;
-- LIMIT / OFFSET with expressions and NULL
SELECT a FROM where_t WHERE a IS NOT NULL ORDER BY a LIMIT 1 + 1;
SELECT a FROM where_t WHERE a IS NOT NULL ORDER BY a LIMIT NULL;
SELECT a FROM where_t WHERE a IS NOT NULL ORDER BY a LIMIT 2 OFFSET NULL;
SELECT a FROM where_t WHERE a IS NOT NULL ORDER BY a OFFSET 5 ROWS;
SELECT a FROM where_t WHERE a IS NOT NULL ORDER BY a LIMIT 'x';
-- UPDATE sees the old row on the right-hand side
UPDATE where_t SET a = b, b = a WHERE a <= 2 RETURNING a, b;
UPDATE where_t SET b = b * 2 WHERE c = 'x' RETURNING a, b AS doubled, c;
UPDATE where_t SET a = a + 1 WHERE a IS NULL;
UPDATE where_t SET b = 'not a number' WHERE a = 3;
UPDATE where_t SET b = 1 / 0 WHERE a = 3;
UPDATE where_t SET b = 1 / 0 WHERE a = 999;
DELETE FROM where_t WHERE a IS NULL RETURNING *;
DELETE FROM where_t WHERE b > 100 RETURNING a * 100 AS hundred;
SELECT a, b, c FROM where_t ORDER BY a;
DROP TABLE where_t;
-- 63-byte identifiers: longer ones are truncated with a notice
SELECT 1 AS a_very_long_column_name_that_goes_on_and_on_and_on_past_sixty_three_bytes;
-- x IN (list) with a volatile x evaluates x once (PostgreSQL's x = ANY (ARRAY[...]))
SELECT count(*) FROM generate_series(1, 200) WHERE floor(random() * 4)::int IN (0, 1, 2, 3);
SELECT count(*) FROM generate_series(1, 200) WHERE floor(random() * 4)::int NOT IN (0, 1, 2, 3);
SELECT count(*) FROM generate_series(1, 200) WHERE substr(gen_random_uuid()::text, 20, 1) IN ('8', '9', 'a', 'b');
