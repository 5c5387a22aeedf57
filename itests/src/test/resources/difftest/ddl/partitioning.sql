-- Declarative partitioning: PARTITION BY RANGE / LIST / HASH, PARTITION OF, routing of INSERT, scans of the parent, catalogs, errors
CREATE TABLE part_r (a int, b text) PARTITION BY RANGE (a);
CREATE TABLE part_r1 PARTITION OF part_r FOR VALUES FROM (MINVALUE) TO (10);
CREATE TABLE part_r2 PARTITION OF part_r FOR VALUES FROM (10) TO (20);
CREATE TABLE part_r3 PARTITION OF part_r FOR VALUES FROM (15) TO (30);
CREATE TABLE part_r4 PARTITION OF part_r FOR VALUES FROM (40) TO (30);
INSERT INTO part_r VALUES (1, 'one'), (12, 'twelve'), (-5, 'minus');
INSERT INTO part_r VALUES (25, 'x');
SELECT * FROM part_r ORDER BY a;
SELECT * FROM part_r1 ORDER BY a;
SELECT * FROM part_r2;
INSERT INTO part_r1 VALUES (15, 'bad');
SELECT c.relname, c.relkind, c.relispartition, pg_get_expr(c.relpartbound, c.oid)
  FROM pg_class c WHERE c.relname LIKE 'part_r%' ORDER BY 1;
SELECT pg_get_partkeydef('part_r'::regclass);
SELECT inhrelid::regclass, inhparent::regclass FROM pg_inherits WHERE inhparent = 'part_r'::regclass ORDER BY 1;
SELECT partrelid::regclass, partstrat, partnatts, partattrs FROM pg_partitioned_table WHERE partrelid = 'part_r'::regclass;
CREATE TABLE part_l (k text, v int) PARTITION BY LIST (k);
CREATE TABLE part_l_ab PARTITION OF part_l FOR VALUES IN ('a', 'b');
CREATE TABLE part_l_c PARTITION OF part_l FOR VALUES IN ('c', NULL);
CREATE TABLE part_l_x PARTITION OF part_l FOR VALUES IN ('x', 'b');
CREATE TABLE part_l_d PARTITION OF part_l DEFAULT;
CREATE TABLE part_l_d2 PARTITION OF part_l DEFAULT;
INSERT INTO part_l VALUES ('a', 1), ('b', 2), ('c', 3), (NULL, 4), ('zz', 5);
SELECT * FROM part_l ORDER BY v;
SELECT * FROM part_l_ab ORDER BY v;
SELECT * FROM part_l_c ORDER BY v;
SELECT * FROM part_l_d ORDER BY v;
CREATE TABLE part_h (id int, t text) PARTITION BY HASH (id);
CREATE TABLE part_h0 PARTITION OF part_h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE part_h1 PARTITION OF part_h FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO part_h SELECT g, 'r' || g FROM generate_series(1, 10) g;
SELECT id FROM part_h0 ORDER BY id;
SELECT id FROM part_h1 ORDER BY id;
SELECT count(*) FROM part_h;
CREATE TABLE part_bad (a int) PARTITION BY RANGE (nosuch);
CREATE TABLE part_bad (a int, b int) PARTITION BY LIST (a, b);
CREATE TABLE part_notp (a int);
CREATE TABLE part_x PARTITION OF part_notp FOR VALUES IN (1);
\d part_r
\d part_r2
\d+ part_l
DROP TABLE part_notp;
DROP TABLE part_r1, part_r2, part_r;
DROP TABLE part_l_ab, part_l_c, part_l_d, part_l;
DROP TABLE part_h0, part_h1, part_h;
-- DROP TABLE of a partitioned table drops its partitions, sub-partitions included
CREATE TABLE ptd (a int, b text) PARTITION BY RANGE (a);
CREATE TABLE ptd1 PARTITION OF ptd FOR VALUES FROM (0) TO (10);
CREATE TABLE ptd2 PARTITION OF ptd FOR VALUES FROM (10) TO (20) PARTITION BY LIST (b);
CREATE TABLE ptd2x PARTITION OF ptd2 FOR VALUES IN ('x');
CREATE TABLE ptd2d PARTITION OF ptd2 DEFAULT;
INSERT INTO ptd VALUES (1,'a'), (15,'x'), (16,'y');
SELECT * FROM ptd ORDER BY a;
DROP TABLE ptd;
SELECT relname FROM pg_class WHERE relname LIKE 'ptd%' ORDER BY 1;
CREATE TABLE ptd (a int) PARTITION BY LIST (a);
CREATE TABLE ptd1 PARTITION OF ptd FOR VALUES IN (1);
BEGIN; DROP TABLE ptd; ROLLBACK;
SELECT relname FROM pg_class WHERE relname LIKE 'ptd%' ORDER BY 1;
DROP TABLE ptd1;
DROP TABLE ptd;
-- CREATE INDEX on a partitioned table reaches every partition (names as ChooseIndexName), unique keys must hold the partition key (0A000)
CREATE TABLE pix (a int, b int, c text) PARTITION BY RANGE (a);
CREATE TABLE pix1 PARTITION OF pix FOR VALUES FROM (0) TO (10);
CREATE TABLE pix2 PARTITION OF pix FOR VALUES FROM (10) TO (20) PARTITION BY LIST (b);
CREATE TABLE pix2a PARTITION OF pix2 FOR VALUES IN (1, 2);
CREATE TABLE pix2d PARTITION OF pix2 DEFAULT;
CREATE UNIQUE INDEX pix_b_u ON pix (b);
CREATE UNIQUE INDEX pix_ab_u ON pix (b, a);
CREATE INDEX ON pix (c);
CREATE INDEX pix_lower ON pix (lower(c));
CREATE TABLE pix3 PARTITION OF pix FOR VALUES FROM (20) TO (30);
SELECT c.relname, i.relname AS index FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid WHERE c.relname LIKE 'pix%' ORDER BY 1, 2;
INSERT INTO pix VALUES (1, 1, 'x'), (15, 1, 'y');
INSERT INTO pix VALUES (1, 1, 'z');
INSERT INTO pix VALUES (15, 1, 'z');
\d pix1
DROP TABLE pix;
CREATE TABLE pik (a int, b int, PRIMARY KEY (b)) PARTITION BY RANGE (a);
CREATE TABLE pik (a int, b int UNIQUE) PARTITION BY LIST (a);
CREATE TABLE pik (a int, b int, PRIMARY KEY (a, b)) PARTITION BY HASH (a);
CREATE TABLE pik0 PARTITION OF pik FOR VALUES WITH (MODULUS 2, REMAINDER 0);
ALTER TABLE pik ADD UNIQUE (b);
INSERT INTO pik VALUES (1, 1);
INSERT INTO pik VALUES (2, 1);
INSERT INTO pik VALUES (2, 1);
\d pik0
DROP TABLE pik;
-- partitions created earlier in the same transaction take rows at once
BEGIN;
CREATE TABLE ptx (a int) PARTITION BY LIST (a);
CREATE TABLE ptx1 PARTITION OF ptx FOR VALUES IN (1);
CREATE TABLE ptx2 PARTITION OF ptx FOR VALUES IN (2);
INSERT INTO ptx VALUES (1), (2);
CREATE TABLE ptx3 PARTITION OF ptx FOR VALUES IN (3);
INSERT INTO ptx VALUES (3);
COMMIT;
SELECT tableoid::regclass::text AS leaf, a FROM ptx1 UNION ALL SELECT 'ptx2', a FROM ptx2 UNION ALL SELECT 'ptx3', a FROM ptx3 ORDER BY 2;
DROP TABLE ptx;
