-- UNIQUE constraints and unique indexes: 23505 texts, NULLs, multi-column keys, updates, transactions, unique builds
-- fields yet (DatabaseException has none), which verbose shows; messages and DETAIL are compared this way.
CREATE TABLE unique_t (a int UNIQUE, b text, c numeric, UNIQUE (b, c));
INSERT INTO unique_t VALUES (1, 'x', 1.5), (2, 'x', 2.5), (3, 'y', 1.5);
INSERT INTO unique_t VALUES (1, 'z', 0);
INSERT INTO unique_t VALUES (4, 'x', 1.50);
INSERT INTO unique_t VALUES (NULL, NULL, NULL), (NULL, NULL, NULL), (NULL, 'x', NULL), (NULL, 'x', NULL);
INSERT INTO unique_t VALUES (5, 'q', 1), (5, 'r', 2);
SELECT count(*) FROM unique_t;
-- updates: every new version is checked
UPDATE unique_t SET a = a WHERE a = 1;
UPDATE unique_t SET a = 2 WHERE a = 1;
UPDATE unique_t SET b = 'y', c = 1.5 WHERE a = 1;
DELETE FROM unique_t WHERE a = 2;
UPDATE unique_t SET a = 2 WHERE a = 1;
SELECT a, b, c FROM unique_t WHERE a IS NOT NULL ORDER BY a;
-- own deleted rows and rolled-back inserts do not conflict
BEGIN;
DELETE FROM unique_t WHERE a = 3;
INSERT INTO unique_t VALUES (3, 'w', 9);
ROLLBACK;
BEGIN;
INSERT INTO unique_t VALUES (10, 'ten', 10);
ROLLBACK;
INSERT INTO unique_t VALUES (10, 'ten', 10);
BEGIN;
INSERT INTO unique_t VALUES (11, 'eleven', 11);
SAVEPOINT s;
INSERT INTO unique_t VALUES (11, 'again', 0);
ROLLBACK TO s;
INSERT INTO unique_t VALUES (12, 'twelve', 12);
COMMIT;
SELECT a, b FROM unique_t WHERE a >= 10 ORDER BY a;
SELECT conname, contype FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'unique_t') ORDER BY conname;
-- unique index builds
CREATE TABLE unique_d (a int, b text);
INSERT INTO unique_d VALUES (1, 'p'), (1, 'q'), (2, 'q'), (NULL, 'r'), (NULL, 'r');
CREATE UNIQUE INDEX unique_d_a ON unique_d (a);
CREATE UNIQUE INDEX unique_d_b ON unique_d (b);
CREATE UNIQUE INDEX unique_d_ab ON unique_d (a, b);
INSERT INTO unique_d VALUES (2, 'q');
INSERT INTO unique_d VALUES (NULL, 'r');
DELETE FROM unique_d WHERE b = 'p';
CREATE UNIQUE INDEX unique_d_a ON unique_d (a);
INSERT INTO unique_d VALUES (1, 's');
SELECT a, b FROM unique_d ORDER BY a, b;
-- TRUNCATE empties the indexes too
TRUNCATE unique_d;
INSERT INTO unique_d VALUES (1, 'q'), (2, 'q');
SELECT a, b FROM unique_d ORDER BY a;
DROP TABLE unique_t, unique_d;
