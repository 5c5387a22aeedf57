-- INSERT ... SELECT: a plain SELECT's literals and NULLs take the target columns' types (not text); set operations and subqueries resolve them as text first
CREATE TABLE isl_t (id int, ts timestamptz, d date, n numeric, v varchar(3), b boolean);
INSERT INTO isl_t SELECT 1, NULL, NULL, NULL, NULL, NULL;
INSERT INTO isl_t SELECT g, NULL, NULL, NULL, 'abc', 'true' FROM generate_series(2, 3) g;
INSERT INTO isl_t SELECT 4, '2024-01-01 10:00+00', '2024-01-02', '1.5', 'xy', 'f';
INSERT INTO isl_t (id, d) SELECT '5', '2024-02-29';
INSERT INTO isl_t (id, ts) SELECT 6, NULL UNION ALL SELECT 7, NULL;
INSERT INTO isl_t SELECT * FROM (SELECT 8, NULL, NULL, NULL, NULL, NULL) s;
INSERT INTO isl_t (id, v) SELECT 9, 'abcd';
INSERT INTO isl_t (id, n) SELECT 10, 'x';
INSERT INTO isl_t (id, d) SELECT 11, '2024-02-30';
INSERT INTO isl_t (id, v) SELECT 12, NULL ORDER BY 1;
SELECT * FROM isl_t ORDER BY id;
DROP TABLE isl_t;
