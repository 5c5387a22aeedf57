-- FOREIGN KEY: column and table constraints, ALTER TABLE ADD FOREIGN KEY, checks (MATCH SIMPLE), NO ACTION / RESTRICT / CASCADE / SET NULL / SET DEFAULT, errors
CREATE TABLE foreign_keys_p (id int PRIMARY KEY, v text);
CREATE TABLE foreign_keys_c (id int, pid int REFERENCES foreign_keys_p);
INSERT INTO foreign_keys_p VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO foreign_keys_c VALUES (10, 1), (11, 1), (12, NULL);
INSERT INTO foreign_keys_c VALUES (13, 5);
INSERT INTO foreign_keys_c VALUES (13, 2), (14, 6);
UPDATE foreign_keys_c SET pid = 9 WHERE id = 10;
UPDATE foreign_keys_c SET pid = 2 WHERE id = 10;
SELECT * FROM foreign_keys_c ORDER BY id;
-- NO ACTION
DELETE FROM foreign_keys_p WHERE id = 1;
UPDATE foreign_keys_p SET id = 7 WHERE id = 1;
UPDATE foreign_keys_p SET v = 'changed' WHERE id = 1;
DELETE FROM foreign_keys_p WHERE id = 3;
SELECT * FROM foreign_keys_p ORDER BY id;
-- a key moved to another row in one statement: NO ACTION sees the key still there
CREATE TABLE foreign_keys_u (id int PRIMARY KEY, k int UNIQUE);
CREATE TABLE foreign_keys_uc (k int REFERENCES foreign_keys_u (k));
INSERT INTO foreign_keys_u VALUES (1, 100), (2, 200);
INSERT INTO foreign_keys_uc VALUES (100);
UPDATE foreign_keys_u SET k = CASE k WHEN 100 THEN 300 ELSE 100 END;
SELECT * FROM foreign_keys_u ORDER BY id;
-- RESTRICT
CREATE TABLE foreign_keys_r (pid int REFERENCES foreign_keys_p ON DELETE RESTRICT ON UPDATE RESTRICT);
INSERT INTO foreign_keys_r VALUES (2);
DELETE FROM foreign_keys_p WHERE id = 2;
UPDATE foreign_keys_p SET id = 20 WHERE id = 2;
DROP TABLE foreign_keys_r;
-- self-referencing rows deleted together
CREATE TABLE foreign_keys_tree (id int PRIMARY KEY, parent int REFERENCES foreign_keys_tree);
INSERT INTO foreign_keys_tree VALUES (1, NULL), (2, 1), (3, 2);
INSERT INTO foreign_keys_tree VALUES (4, 4), (5, 6);
DELETE FROM foreign_keys_tree WHERE id = 1;
DELETE FROM foreign_keys_tree WHERE id IN (1, 2, 3);
SELECT * FROM foreign_keys_tree ORDER BY id;
-- CASCADE
CREATE TABLE foreign_keys_pc (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE foreign_keys_cc (x int, a int, b int,
  CONSTRAINT foreign_keys_cc_ab FOREIGN KEY (a, b) REFERENCES foreign_keys_pc (a, b) ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE foreign_keys_gc (x int PRIMARY KEY, y int);
ALTER TABLE foreign_keys_cc ADD PRIMARY KEY (x);
CREATE TABLE foreign_keys_ggc (x int REFERENCES foreign_keys_cc ON DELETE CASCADE);
INSERT INTO foreign_keys_pc VALUES (1, 1), (1, 2), (2, 1);
INSERT INTO foreign_keys_cc VALUES (1, 1, 1), (2, 1, 1), (3, 1, 2), (4, NULL, 7), (5, 2, 1);
INSERT INTO foreign_keys_cc VALUES (6, 3, 3);
INSERT INTO foreign_keys_ggc VALUES (1), (2), (3), (5);
UPDATE foreign_keys_pc SET b = 10 WHERE a = 1 AND b = 1;
SELECT * FROM foreign_keys_cc ORDER BY x;
DELETE FROM foreign_keys_pc WHERE a = 1;
SELECT * FROM foreign_keys_cc ORDER BY x;
SELECT * FROM foreign_keys_ggc ORDER BY x;
-- MATCH FULL: all or none of the key NULL
CREATE TABLE foreign_keys_mf (x int, a int, b int, FOREIGN KEY (a, b) REFERENCES foreign_keys_pc MATCH FULL);
INSERT INTO foreign_keys_mf VALUES (1, NULL, NULL), (2, 2, 1);
INSERT INTO foreign_keys_mf VALUES (3, 2, NULL);
INSERT INTO foreign_keys_mf VALUES (4, 9, 9);
SELECT confmatchtype FROM pg_constraint WHERE conname = 'foreign_keys_mf_a_b_fkey';
DROP TABLE foreign_keys_mf;
-- SET NULL and SET DEFAULT
CREATE TABLE foreign_keys_sn (id int, pid int DEFAULT 1 REFERENCES foreign_keys_p ON DELETE SET NULL ON UPDATE SET DEFAULT);
INSERT INTO foreign_keys_p VALUES (4, 'd'), (5, 'e');
INSERT INTO foreign_keys_sn VALUES (1, 4), (2, 5), (3, 1);
DELETE FROM foreign_keys_p WHERE id = 4;
UPDATE foreign_keys_p SET id = 50 WHERE id = 5;
SELECT * FROM foreign_keys_sn ORDER BY id;
CREATE TABLE foreign_keys_sd (pid int NOT NULL DEFAULT 77 REFERENCES foreign_keys_p ON DELETE SET DEFAULT);
INSERT INTO foreign_keys_sd VALUES (50);
DELETE FROM foreign_keys_p WHERE id = 50;
CREATE TABLE foreign_keys_nn (pid int NOT NULL REFERENCES foreign_keys_p ON DELETE SET NULL);
INSERT INTO foreign_keys_nn VALUES (50);
DELETE FROM foreign_keys_sd;
-- difftest: differs: the error has no CONTEXT line (the SQL statement PostgreSQL's RI trigger ran; Tusk runs no SQL for it)
DELETE FROM foreign_keys_p WHERE id = 50;
DROP TABLE foreign_keys_sd, foreign_keys_nn;
-- ALTER TABLE ADD FOREIGN KEY validates the existing rows
CREATE TABLE foreign_keys_a (pid int);
INSERT INTO foreign_keys_a VALUES (1), (99);
ALTER TABLE foreign_keys_a ADD CONSTRAINT foreign_keys_a_fk FOREIGN KEY (pid) REFERENCES foreign_keys_p (id);
DELETE FROM foreign_keys_a WHERE pid = 99;
ALTER TABLE foreign_keys_a ADD FOREIGN KEY (pid) REFERENCES foreign_keys_p;
INSERT INTO foreign_keys_a VALUES (98);
SELECT conname, contype, confupdtype, confdeltype FROM pg_constraint WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'foreign_keys_a');
-- DDL errors
CREATE TABLE foreign_keys_e (x int REFERENCES foreign_keys_p (v));
CREATE TABLE foreign_keys_e (x text REFERENCES foreign_keys_p (id));
CREATE TABLE foreign_keys_e (x int REFERENCES foreign_keys_nope);
CREATE TABLE foreign_keys_e (x int REFERENCES foreign_keys_p (nope));
CREATE TABLE foreign_keys_e (x int, y int, FOREIGN KEY (x, y) REFERENCES foreign_keys_p (id));
CREATE TABLE foreign_keys_e (x bigint REFERENCES foreign_keys_p);
INSERT INTO foreign_keys_e VALUES (1);
INSERT INTO foreign_keys_e VALUES (8000000000);
DROP TABLE foreign_keys_e;
-- DEFERRABLE INITIALLY DEFERRED: checked at COMMIT (the actions are not deferred)
CREATE TABLE foreign_keys_d (pid int REFERENCES foreign_keys_p DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO foreign_keys_d VALUES (60);
INSERT INTO foreign_keys_p VALUES (60, 'late');
COMMIT;
BEGIN;
DELETE FROM foreign_keys_p WHERE id = 60;
INSERT INTO foreign_keys_p VALUES (60, 'again');
COMMIT;
BEGIN;
INSERT INTO foreign_keys_d VALUES (61);
SELECT count(*) FROM foreign_keys_d;
COMMIT;
INSERT INTO foreign_keys_d VALUES (62);
BEGIN;
INSERT INTO foreign_keys_d VALUES (63);
COMMIT AND CHAIN;
SHOW transaction_isolation;
COMMIT;
-- SET CONSTRAINTS
SET CONSTRAINTS ALL IMMEDIATE;
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO foreign_keys_d VALUES (64);
ROLLBACK;
BEGIN;
INSERT INTO foreign_keys_d VALUES (65);
SET CONSTRAINTS foreign_keys_d_pid_fkey IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS foreign_keys_c_pid_fkey DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS foreign_keys_nope DEFERRED;
ROLLBACK;
BEGIN;
INSERT INTO foreign_keys_d VALUES (66);
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO foreign_keys_p VALUES (66, 'x');
SET CONSTRAINTS ALL IMMEDIATE;
COMMIT;
SELECT pid FROM foreign_keys_d ORDER BY pid;
SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conname = 'foreign_keys_d_pid_fkey';
DROP TABLE foreign_keys_d;
-- ON CONFLICT DO UPDATE is checked; TRUNCATE of a referenced table
CREATE UNIQUE INDEX foreign_keys_c_id ON foreign_keys_c (id);
INSERT INTO foreign_keys_c VALUES (10, 1) ON CONFLICT (id) DO UPDATE SET pid = 9;
INSERT INTO foreign_keys_c VALUES (10, 1) ON CONFLICT (id) DO UPDATE SET pid = 1 RETURNING *;
TRUNCATE foreign_keys_p;
-- DROP CONSTRAINT of the referenced key
CREATE TABLE foreign_keys_k (id int CONSTRAINT foreign_keys_k_pk PRIMARY KEY, u int UNIQUE);
CREATE TABLE foreign_keys_kc (a int REFERENCES foreign_keys_k, b int REFERENCES foreign_keys_k (u));
ALTER TABLE foreign_keys_k DROP CONSTRAINT foreign_keys_k_pk;
ALTER TABLE foreign_keys_k DROP CONSTRAINT foreign_keys_k_u_key CASCADE;
INSERT INTO foreign_keys_kc VALUES (NULL, 5);
ALTER TABLE foreign_keys_kc DROP COLUMN a;
ALTER TABLE foreign_keys_k DROP CONSTRAINT foreign_keys_k_pk;
INSERT INTO foreign_keys_kc VALUES (6);
DROP TABLE foreign_keys_k, foreign_keys_kc;
-- DROP of a referenced table
DROP TABLE foreign_keys_p;
DROP TABLE foreign_keys_p CASCADE;
INSERT INTO foreign_keys_c VALUES (20, 12345);
DROP TABLE foreign_keys_c, foreign_keys_a, foreign_keys_sn, foreign_keys_u, foreign_keys_uc, foreign_keys_tree;
DROP TABLE foreign_keys_ggc, foreign_keys_cc, foreign_keys_gc, foreign_keys_pc;
