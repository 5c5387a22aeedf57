-- UPDATE and DELETE through a partitioned table: every leaf reached, RETURNING, row movement, FROM / USING, EXPLAIN
CREATE TABLE pu (a int, b text, c int DEFAULT 0) PARTITION BY RANGE (a);
CREATE TABLE pu1 PARTITION OF pu FOR VALUES FROM (MINVALUE) TO (10);
CREATE TABLE pu2 PARTITION OF pu FOR VALUES FROM (10) TO (20) PARTITION BY LIST (b);
CREATE TABLE pu2x PARTITION OF pu2 FOR VALUES IN ('x', 'y');
CREATE TABLE pu2d PARTITION OF pu2 DEFAULT;
CREATE TABLE pu3 PARTITION OF pu FOR VALUES FROM (20) TO (30);
INSERT INTO pu (a, b) VALUES (1, 'x'), (5, 'z'), (12, 'x'), (15, 'q'), (22, 'y'), (25, 'w');
UPDATE pu SET c = c + 1;
SELECT * FROM pu ORDER BY a;
UPDATE pu SET c = 10 WHERE b = 'x' RETURNING *;
UPDATE pu SET c = 20 WHERE a = 15 RETURNING a, b, c;
UPDATE pu SET c = 30 WHERE a = 99;
DELETE FROM pu WHERE a = 25 RETURNING *;
SELECT * FROM pu ORDER BY a;
-- row movement: the partition key changes, the row goes to its new leaf
UPDATE pu SET a = a + 10 WHERE a = 5 RETURNING *;
SELECT * FROM pu1 ORDER BY a;
SELECT * FROM pu2d ORDER BY a;
UPDATE pu SET b = 'y' WHERE a = 15 RETURNING *;
SELECT * FROM pu2x ORDER BY a;
UPDATE pu SET a = a + 1 RETURNING *;
SELECT * FROM pu ORDER BY a;
UPDATE pu SET a = 100 WHERE a = 2;
UPDATE pu1 SET a = 50 WHERE a = 2;
UPDATE pu2 SET a = 25 WHERE a = 13;
UPDATE pu2x SET b = 'z' WHERE a = 13;
UPDATE pu2 SET b = 'z' WHERE a = 13 RETURNING *;
SELECT * FROM pu2d ORDER BY a;
-- UPDATE ... FROM, DELETE ... USING through the parent
CREATE TABLE pu_src (k int, nv int);
INSERT INTO pu_src VALUES (13, 7), (16, 8), (23, 9), (40, 1);
UPDATE pu SET c = s.nv FROM pu_src s WHERE pu.a = s.k RETURNING pu.a, pu.c, s.k;
UPDATE pu SET a = s.nv FROM pu_src s WHERE pu.a = s.k AND s.k = 13 RETURNING *;
SELECT * FROM pu ORDER BY a;
DELETE FROM pu USING pu_src s WHERE pu.a = s.k RETURNING pu.*;
SELECT * FROM pu ORDER BY a;
-- in a transaction, rolled back
BEGIN;
DELETE FROM pu;
SELECT count(*) FROM pu;
ROLLBACK;
SELECT count(*) FROM pu;
-- constraints of the leaves apply
ALTER TABLE pu3 ADD CONSTRAINT pu3_c CHECK (c < 100);
UPDATE pu SET c = 200 WHERE a = 23;
UPDATE pu SET a = 23, c = 500 WHERE a = 2;
-- EXPLAIN: one line per leaf result relation
EXPLAIN (COSTS OFF) UPDATE pu SET c = 1;
EXPLAIN (COSTS OFF) UPDATE pu SET c = 1 WHERE a = 3;
EXPLAIN (COSTS OFF) DELETE FROM pu WHERE a = 12 AND b = 'x';
EXPLAIN (COSTS OFF) DELETE FROM pu WHERE a = 99;
EXPLAIN (COSTS OFF) UPDATE pu SET c = s.nv FROM pu_src s WHERE pu.a = s.k;
EXPLAIN (COSTS OFF) SELECT * FROM pu WHERE a = 99;
DROP TABLE pu, pu_src;
-- a HASH-partitioned table
CREATE TABLE puh (id int, v text) PARTITION BY HASH (id);
CREATE TABLE puh0 PARTITION OF puh FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE puh1 PARTITION OF puh FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO puh SELECT g, 'v' || g FROM generate_series(1, 8) g;
UPDATE puh SET id = id * 10 WHERE id <= 3 RETURNING *;
SELECT id FROM puh0 ORDER BY id;
SELECT id FROM puh1 ORDER BY id;
DELETE FROM puh WHERE id > 5;
SELECT * FROM puh ORDER BY id;
DROP TABLE puh;
