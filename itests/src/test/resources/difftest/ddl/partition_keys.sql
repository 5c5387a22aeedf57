-- ALTER TABLE ... ADD PRIMARY KEY / UNIQUE on a partitioned table reaches its partitions (named after each), must hold the partition key; INSERT ... ON CONFLICT through the parent
CREATE TABLE ppk (a int, b int, c text) PARTITION BY RANGE (a);
CREATE TABLE ppk1 PARTITION OF ppk FOR VALUES FROM (0) TO (10);
CREATE TABLE ppk2 PARTITION OF ppk FOR VALUES FROM (10) TO (20) PARTITION BY LIST (b);
CREATE TABLE ppk2a PARTITION OF ppk2 FOR VALUES IN (1, 2);
CREATE TABLE ppk2d PARTITION OF ppk2 DEFAULT;
INSERT INTO ppk VALUES (1, 1, 'x'), (11, 1, 'y'), (12, 3, 'z');
ALTER TABLE ppk ADD PRIMARY KEY (b);
ALTER TABLE ppk ADD UNIQUE (c);
ALTER TABLE ppk ADD PRIMARY KEY (a, b);
ALTER TABLE ppk ADD CONSTRAINT ppk_ab_u UNIQUE (b, a);
SELECT c.relname, i.relname AS index, x.indisunique, x.indisprimary FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid WHERE c.relname LIKE 'ppk%' ORDER BY 1, 2;
SELECT conrelid::regclass::text, conname, contype FROM pg_constraint WHERE conrelid::regclass::text LIKE 'ppk%' ORDER BY 1, 2;
SELECT attrelid::regclass::text, attname, attnotnull FROM pg_attribute WHERE attrelid::regclass::text LIKE 'ppk%' AND attnum > 0 ORDER BY 1, 2;
INSERT INTO ppk VALUES (1, 1, 'w');
INSERT INTO ppk VALUES (12, 3, 'w');
INSERT INTO ppk VALUES (2, NULL, 'w');
\d ppk1
CREATE TABLE ppk3 PARTITION OF ppk FOR VALUES FROM (20) TO (30);
\d ppk3
CREATE TABLE ppk_n (a int, b int) PARTITION BY LIST (a);
CREATE TABLE ppk_n1 PARTITION OF ppk_n FOR VALUES IN (1);
INSERT INTO ppk_n VALUES (1, NULL);
ALTER TABLE ppk_n ADD PRIMARY KEY (a, b);
DELETE FROM ppk_n;
INSERT INTO ppk_n VALUES (1, 1), (1, 1);
ALTER TABLE ppk_n ADD PRIMARY KEY (a, b);
DROP TABLE ppk_n;
-- ON CONFLICT through the parent
INSERT INTO ppk VALUES (1, 1, 'dup') ON CONFLICT DO NOTHING;
INSERT INTO ppk VALUES (1, 1, 'dup') ON CONFLICT (a, b) DO NOTHING;
INSERT INTO ppk VALUES (1, 1, 'upd'), (5, 5, 'new') ON CONFLICT (a, b) DO UPDATE SET c = excluded.c RETURNING tableoid::regclass, *;
INSERT INTO ppk VALUES (11, 1, 'upd2') ON CONFLICT (a, b) DO UPDATE SET c = excluded.c || '!' RETURNING *;
SELECT tableoid::regclass, * FROM ppk ORDER BY a, b;
DROP TABLE ppk;
