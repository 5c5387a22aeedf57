-- basics/dml: INSERT/UPDATE/DELETE with RETURNING and their command tags, WHERE, ORDER BY, LIMIT, OFFSET
CREATE TABLE dml_t (id integer, name text, score integer);
INSERT INTO dml_t VALUES (1, 'alice', 90);
INSERT INTO dml_t (id, name) VALUES (2, 'bob');
INSERT INTO dml_t (name, id, score) VALUES ('carol', 3, 75), ('dave', 4, 60), ('eve', 5, 95);
INSERT INTO dml_t VALUES (6, 'frank', 75) RETURNING *;
INSERT INTO dml_t VALUES (7, 'grace', 80), (8, 'heidi', 85) RETURNING id, upper(name) AS shout, score + 1;
SELECT * FROM dml_t ORDER BY id;
-- WHERE
SELECT id, name FROM dml_t WHERE score > 80 ORDER BY id;
SELECT id, name FROM dml_t WHERE score >= 75 AND score < 90 ORDER BY id;
SELECT id, name FROM dml_t WHERE score = 60 OR name = 'bob' ORDER BY id;
SELECT id, name FROM dml_t WHERE score IS NULL;
SELECT id, name FROM dml_t WHERE name LIKE '%a%' ORDER BY id;
SELECT id FROM dml_t WHERE false;
-- ORDER BY, LIMIT, OFFSET
SELECT id, score FROM dml_t ORDER BY score DESC, id;
SELECT id, score FROM dml_t ORDER BY score, id DESC;
SELECT name FROM dml_t ORDER BY name DESC;
SELECT id, name FROM dml_t ORDER BY 2;
SELECT id, score * 2 AS doubled FROM dml_t ORDER BY doubled, id;
SELECT id FROM dml_t ORDER BY id LIMIT 3;
SELECT id FROM dml_t ORDER BY id LIMIT 3 OFFSET 2;
SELECT id FROM dml_t ORDER BY id OFFSET 6;
SELECT id FROM dml_t ORDER BY id LIMIT 0;
SELECT id FROM dml_t ORDER BY id LIMIT ALL OFFSET 7;
SELECT id FROM dml_t ORDER BY id FETCH FIRST 2 ROWS ONLY;
SELECT id FROM dml_t ORDER BY id LIMIT -1;
SELECT id FROM dml_t ORDER BY id OFFSET -1;
SELECT id FROM dml_t ORDER BY 5;
-- UPDATE
UPDATE dml_t SET score = 70 WHERE id = 2;
UPDATE dml_t SET score = score + 5 WHERE score < 80 RETURNING id, score;
UPDATE dml_t SET name = name || '!' WHERE id > 100;
UPDATE dml_t SET score = NULL, name = 'nobody' WHERE id = 8 RETURNING *;
SELECT * FROM dml_t ORDER BY id;
-- DELETE
DELETE FROM dml_t WHERE id = 1;
DELETE FROM dml_t WHERE score IS NULL RETURNING id, name;
DELETE FROM dml_t WHERE id > 100;
SELECT id, name, score FROM dml_t ORDER BY id;
DELETE FROM dml_t;
SELECT * FROM dml_t;
-- errors
INSERT INTO dml_t VALUES (1, 'x', 1, 'too many');
INSERT INTO dml_t (id, no_such_column) VALUES (1, 2);
INSERT INTO dml_t (id) VALUES ('not a number');
INSERT INTO dml_no_such_table VALUES (1);
UPDATE dml_t SET no_such_column = 1;
UPDATE dml_no_such_table SET id = 1;
DELETE FROM dml_no_such_table;
SELECT no_such_column FROM dml_t;
INSERT INTO dml_t VALUES (2147483648, 'overflow', 0);
DROP TABLE dml_t;
