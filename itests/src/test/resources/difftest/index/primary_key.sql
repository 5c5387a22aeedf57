-- PRIMARY KEY: implied NOT NULL, t_pkey names, 23505 texts for several types, composite keys, DROP INDEX of a constraint's index
-- fields yet (DatabaseException has none), which verbose shows; messages and DETAIL are compared this way.
CREATE TABLE primary_key_t (id int PRIMARY KEY, v text);
INSERT INTO primary_key_t VALUES (1, 'a'), (2, 'b');
INSERT INTO primary_key_t VALUES (1, 'c');
INSERT INTO primary_key_t VALUES (NULL, 'n');
INSERT INTO primary_key_t VALUES (3, 'c'), (3, 'd');
SELECT * FROM primary_key_t ORDER BY id;
SELECT c.relname, i.indisunique, i.indisprimary FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = (SELECT oid FROM pg_class WHERE relname = 'primary_key_t');
\set VERBOSITY verbose
DROP INDEX primary_key_t_pkey;
CREATE TABLE primary_key_t2 (a text, b date, c bigint, PRIMARY KEY (a, b));
INSERT INTO primary_key_t2 VALUES ('x', '2024-01-01', 1), ('x', '2024-01-02', 2), ('y', '2024-01-01', 3);
INSERT INTO primary_key_t2 VALUES ('x', '2024-01-02', 4);
INSERT INTO primary_key_t2 VALUES ('x', NULL, 4);
UPDATE primary_key_t2 SET b = '2024-01-01' WHERE c = 2;
UPDATE primary_key_t2 SET a = 'z' WHERE c = 2;
SELECT * FROM primary_key_t2 ORDER BY a, b;
CREATE TABLE primary_key_t3 (id bigint CONSTRAINT primary_key_named PRIMARY KEY, n numeric UNIQUE);
INSERT INTO primary_key_t3 VALUES (9000000000, 1.10);
INSERT INTO primary_key_t3 VALUES (9000000000, 2);
INSERT INTO primary_key_t3 VALUES (1, 1.1);
\set VERBOSITY verbose
CREATE TABLE primary_key_t4 (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE primary_key_t4 (a int, PRIMARY KEY (nope));
-- the name is taken: a table of that name exists
CREATE TABLE primary_key_t5_pkey (x int);
CREATE TABLE primary_key_t5 (id int PRIMARY KEY);
SELECT conname FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'primary_key_t5');
-- UPDATE ... WHERE id = ... and DELETE by key
UPDATE primary_key_t SET v = 'bb' WHERE id = 2;
DELETE FROM primary_key_t WHERE id = 1;
INSERT INTO primary_key_t VALUES (1, 'again');
SELECT * FROM primary_key_t ORDER BY id;
DROP TABLE primary_key_t, primary_key_t2, primary_key_t3, primary_key_t5, primary_key_t5_pkey;
