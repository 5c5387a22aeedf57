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
-- ORDER BY [LIMIT] through the index, both directions, with equality prefixes
SELECT id FROM index_scan_t ORDER BY id LIMIT 3;
SELECT id FROM index_scan_t ORDER BY id DESC LIMIT 3;
SELECT id FROM index_scan_t WHERE id > 100 ORDER BY id LIMIT 2;
SELECT id FROM index_scan_t WHERE id < 100 ORDER BY id DESC LIMIT 2 OFFSET 1;
SELECT g, s FROM index_scan_t ORDER BY g, s DESC LIMIT 3;
SELECT g, s FROM index_scan_t ORDER BY g DESC, s LIMIT 3;
SELECT g, s FROM index_scan_t ORDER BY g DESC NULLS LAST, s LIMIT 3;
SELECT g, s FROM index_scan_t WHERE g = 4 ORDER BY s DESC LIMIT 3;
SELECT g, s FROM index_scan_t WHERE g = 4 ORDER BY g, s LIMIT 3;
SELECT id, f FROM index_scan_t ORDER BY f DESC NULLS LAST LIMIT 2;
SELECT id, f FROM index_scan_t ORDER BY f NULLS FIRST LIMIT 2;
SELECT id, f FROM index_scan_t ORDER BY f LIMIT 2;
SELECT id FROM index_scan_t WHERE id BETWEEN 10 AND 15 ORDER BY id DESC;
-- min / max
SELECT min(id), max(id) FROM index_scan_t;
SELECT min(id) FROM index_scan_t;
SELECT max(id) FROM index_scan_t;
SELECT max(id) FROM index_scan_t WHERE id < 500;
SELECT min(g), max(g) FROM index_scan_t;
SELECT max(g) FROM index_scan_t;
SELECT min(f) FROM index_scan_t;
SELECT max(f) FROM index_scan_t;
SELECT max(s) FROM index_scan_t WHERE g = 3;
SELECT min(s) FROM index_scan_t WHERE g = 99;
SELECT max(id) FROM index_scan_t WHERE id > 100000;
-- IN lists: one point scan per distinct value
SELECT id, s FROM index_scan_t WHERE id IN (999, 3, 500, 3, NULL, 50000) ORDER BY id;
SELECT id FROM index_scan_t WHERE id IN (1, 2) OR id = 3 ORDER BY id;
SELECT id FROM index_scan_t WHERE (g = 3 OR g = 3) AND id < 40 ORDER BY id;
SELECT id FROM index_scan_t WHERE id NOT IN (1, 2) AND id < 5 ORDER BY id;
UPDATE index_scan_t SET s = 'in' WHERE id IN (11, 12);
SELECT id, s FROM index_scan_t WHERE id IN (11, 12, 13) ORDER BY id;
-- a table inside a join, narrowed by its index
CREATE TABLE index_scan_o (tid int, note text);
INSERT INTO index_scan_o VALUES (5, 'five'), (6, 'six'), (5, 'cinq'), (NULL, 'none');
SELECT t.id, t.s, o.note FROM index_scan_o o JOIN index_scan_t t ON t.id = o.tid WHERE t.id = 5 ORDER BY o.note;
SELECT t.id, o.note FROM index_scan_t t, index_scan_o o WHERE o.tid = t.id AND t.id BETWEEN 6 AND 7 ORDER BY 1;
SELECT o.tid, t.s FROM index_scan_o o LEFT JOIN index_scan_t t ON t.id = o.tid AND t.id < 1000 ORDER BY 1, 2;
SELECT o.note, t.id FROM index_scan_t t RIGHT JOIN index_scan_o o ON t.id = o.tid AND t.g = 5 ORDER BY 1;
DROP TABLE index_scan_o;
DROP TABLE index_scan_t;
