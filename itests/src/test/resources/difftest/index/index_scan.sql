-- index scans: equality, ranges, BETWEEN, multi-column prefixes, DESC columns, parameters, UPDATE/DELETE/FOR UPDATE by key
CREATE TABLE index_scan_t (id int PRIMARY KEY, g int, s text, f float8);
INSERT INTO index_scan_t SELECT i, i % 10, 'v' || i, i / 4.0
  FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000) SELECT i FROM r) x;
INSERT INTO index_scan_t VALUES (0, NULL, NULL, NULL);
CREATE INDEX index_scan_gs ON index_scan_t (g, s DESC);
CREATE INDEX index_scan_f ON index_scan_t (f DESC NULLS LAST);
SELECT * FROM index_scan_t WHERE id = 1234;
SELECT * FROM index_scan_t WHERE 77 = id;
SELECT * FROM index_scan_t WHERE id = 1234 AND g = 5;
SELECT * FROM index_scan_t WHERE id = NULL;
SELECT * FROM index_scan_t WHERE id = 99999;
SELECT id FROM index_scan_t WHERE id BETWEEN 100 AND 105 ORDER BY id;
SELECT id FROM index_scan_t WHERE id > 2995 ORDER BY id;
SELECT id FROM index_scan_t WHERE id >= 2995 ORDER BY id DESC;
SELECT id FROM index_scan_t WHERE id < 3 ORDER BY id;
SELECT id FROM index_scan_t WHERE id <= 3 AND id > 0 ORDER BY id;
SELECT id FROM index_scan_t WHERE 2998 < id ORDER BY id;
SELECT id FROM index_scan_t WHERE id > 10 AND id < 5;
SELECT id FROM index_scan_t WHERE id = 5::bigint;
SELECT id, s FROM index_scan_t WHERE g = 3 AND s = 'v13';
SELECT id, s FROM index_scan_t WHERE g = 3 AND s > 'v2990' ORDER BY id;
SELECT id, s FROM index_scan_t WHERE g = 3 AND s <= 'v1003' ORDER BY id;
SELECT count(*) FROM index_scan_t WHERE g = 7;
SELECT count(*) FROM index_scan_t WHERE g IS NULL;
SELECT id, f FROM index_scan_t WHERE f > 748.5 ORDER BY id;
SELECT id, f FROM index_scan_t WHERE f BETWEEN 1 AND 1.5 ORDER BY id;
SELECT id, f FROM index_scan_t WHERE f < 0.5 ORDER BY id;
-- updated and deleted rows
UPDATE index_scan_t SET s = 'changed', g = 42 WHERE id = 7;
DELETE FROM index_scan_t WHERE id = 8;
SELECT id, g, s FROM index_scan_t WHERE id BETWEEN 6 AND 9 ORDER BY id;
SELECT id, g, s FROM index_scan_t WHERE g = 42;
SELECT id FROM index_scan_t WHERE g = 7 AND s = 'v7';
UPDATE index_scan_t SET id = id + 10000 WHERE id = 9;
SELECT id, s FROM index_scan_t WHERE id IN (9, 10009) ORDER BY id;
-- in a transaction: own changes are seen through the index
BEGIN;
INSERT INTO index_scan_t VALUES (5000, 1, 'new', 1);
SELECT id, s FROM index_scan_t WHERE id = 5000;
DELETE FROM index_scan_t WHERE id = 5000;
SELECT id, s FROM index_scan_t WHERE id = 5000;
SELECT id, s FROM index_scan_t WHERE id = 10 FOR UPDATE;
ROLLBACK;
DROP TABLE index_scan_t;
