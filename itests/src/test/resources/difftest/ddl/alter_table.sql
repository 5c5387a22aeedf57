-- ddl/alter_table: ADD/DROP/RENAME COLUMN, RENAME TO, SET/DROP DEFAULT, SET/DROP NOT NULL, ALTER TYPE, ADD/DROP CONSTRAINT
CREATE TABLE alter_table_t (id integer, name text);
INSERT INTO alter_table_t VALUES (1, 'one'), (2, 'two');
-- ADD COLUMN: existing rows see NULL, or the default
ALTER TABLE alter_table_t ADD COLUMN note text;
ALTER TABLE alter_table_t ADD COLUMN score integer DEFAULT 10 NOT NULL;
ALTER TABLE alter_table_t ADD flag boolean DEFAULT true, ADD COLUMN extra integer;
SELECT * FROM alter_table_t ORDER BY id;
INSERT INTO alter_table_t (id) VALUES (3);
SELECT * FROM alter_table_t ORDER BY id;
ALTER TABLE alter_table_t ADD COLUMN name text;
ALTER TABLE alter_table_t ADD COLUMN IF NOT EXISTS name text;
ALTER TABLE alter_table_t ADD COLUMN must integer NOT NULL;
ALTER TABLE alter_table_t ADD COLUMN pos integer CHECK (pos > 0) DEFAULT 0;
ALTER TABLE alter_table_nope ADD COLUMN x integer;
ALTER TABLE IF EXISTS alter_table_nope ADD COLUMN x integer;
-- DROP COLUMN
ALTER TABLE alter_table_t DROP COLUMN extra;
ALTER TABLE alter_table_t DROP COLUMN extra;
ALTER TABLE alter_table_t DROP COLUMN IF EXISTS extra;
SELECT * FROM alter_table_t ORDER BY id;
SELECT attname, attnum FROM pg_attribute WHERE attisdropped ORDER BY attnum;
INSERT INTO alter_table_t (id, name, flag) VALUES (4, 'four', false);
SELECT * FROM alter_table_t ORDER BY id;
-- RENAME COLUMN / RENAME TO
ALTER TABLE alter_table_t RENAME COLUMN note TO remark;
ALTER TABLE alter_table_t RENAME remark TO name;
ALTER TABLE alter_table_t RENAME COLUMN nope TO x;
ALTER TABLE alter_table_t RENAME TO alter_table_r;
SELECT id, remark FROM alter_table_r ORDER BY id;
SELECT * FROM alter_table_t;
CREATE TABLE alter_table_t (a integer);
ALTER TABLE alter_table_r RENAME TO alter_table_t;
DROP TABLE alter_table_t;
ALTER TABLE alter_table_r RENAME TO alter_table_t;
-- SET / DROP DEFAULT
ALTER TABLE alter_table_t ALTER COLUMN remark SET DEFAULT 'n/a';
ALTER TABLE alter_table_t ALTER score DROP DEFAULT;
INSERT INTO alter_table_t (id, score) VALUES (5, 1);
INSERT INTO alter_table_t (id) VALUES (6);
ALTER TABLE alter_table_t ALTER COLUMN id SET DEFAULT 'x';
SELECT id, remark, score FROM alter_table_t ORDER BY id;
-- SET / DROP NOT NULL
ALTER TABLE alter_table_t ALTER COLUMN remark SET NOT NULL;
UPDATE alter_table_t SET remark = 'r' WHERE remark IS NULL;
ALTER TABLE alter_table_t ALTER COLUMN remark SET NOT NULL;
INSERT INTO alter_table_t (id, remark, score) VALUES (7, NULL, 1);
ALTER TABLE alter_table_t ALTER COLUMN remark DROP NOT NULL;
INSERT INTO alter_table_t (id, remark, score) VALUES (7, NULL, 1);
-- ALTER COLUMN TYPE
ALTER TABLE alter_table_t ALTER COLUMN score TYPE bigint;
ALTER TABLE alter_table_t ALTER COLUMN id TYPE text;
ALTER TABLE alter_table_t ALTER COLUMN id TYPE integer;
ALTER TABLE alter_table_t ALTER COLUMN id TYPE integer USING id::integer * 10;
ALTER TABLE alter_table_t ALTER COLUMN flag TYPE integer;
SELECT id, score, flag FROM alter_table_t ORDER BY id;
SELECT atttypid::integer FROM pg_attribute WHERE attname = 'score';
-- ADD / DROP CONSTRAINT
ALTER TABLE alter_table_t ADD CONSTRAINT alter_table_pos CHECK (score > 1);
ALTER TABLE alter_table_t ADD CONSTRAINT alter_table_pos CHECK (score > 0);
ALTER TABLE alter_table_t ADD CHECK (id > 0);
ALTER TABLE alter_table_t ADD CONSTRAINT alter_table_pos CHECK (score > 0);
INSERT INTO alter_table_t (id, score) VALUES (8, 0);
INSERT INTO alter_table_t (id, score) VALUES (-1, 5);
SELECT conname FROM pg_constraint WHERE conname LIKE 'alter_table%' ORDER BY conname;
ALTER TABLE alter_table_t DROP CONSTRAINT alter_table_pos;
ALTER TABLE alter_table_t DROP CONSTRAINT alter_table_pos;
ALTER TABLE alter_table_t DROP CONSTRAINT IF EXISTS alter_table_pos;
INSERT INTO alter_table_t (id, score) VALUES (8, 0);
SELECT id, score FROM alter_table_t ORDER BY id;
-- a failed ALTER changes nothing
BEGIN;
ALTER TABLE alter_table_t ADD COLUMN tmp integer DEFAULT 1;
ALTER TABLE alter_table_t DROP COLUMN remark;
ROLLBACK;
SELECT * FROM alter_table_t ORDER BY id;
DROP TABLE alter_table_t;
