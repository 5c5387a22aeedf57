-- ddl/misc: COMMENT ON with obj_description/col_description, CREATE TEMP TABLE, WITH (fillfactor), IF [NOT] EXISTS notices, PRIMARY KEY / UNIQUE / FOREIGN KEY recorded in pg_constraint
CREATE TABLE misc_t (id integer PRIMARY KEY, code text UNIQUE, note text) WITH (fillfactor = 70);
SELECT relname, reloptions FROM pg_class WHERE relname = 'misc_t';
CREATE TABLE misc_bad (a integer) WITH (fillfactor = 5);
CREATE TABLE misc_bad (a integer) WITH (nosuch = 1);
CREATE TABLE IF NOT EXISTS misc_t (a integer);
CREATE TABLE misc_t (a integer);
DROP TABLE IF EXISTS misc_nope;
SELECT conname, contype, conkey FROM pg_constraint WHERE conname LIKE 'misc%' ORDER BY conname;
INSERT INTO misc_t (id) VALUES (NULL);
CREATE TABLE misc_c (id integer, tid integer REFERENCES misc_t, FOREIGN KEY (id) REFERENCES misc_t (id) ON DELETE CASCADE);
SELECT conname, contype, confdeltype, confupdtype, conkey, confkey FROM pg_constraint WHERE conname LIKE 'misc_c%' ORDER BY conname;
CREATE TABLE misc_bad (a integer REFERENCES misc_nope);
CREATE TABLE misc_bad (a integer, b integer, PRIMARY KEY (a), PRIMARY KEY (b));
-- COMMENT ON
COMMENT ON TABLE misc_t IS 'the table';
COMMENT ON COLUMN misc_t.code IS 'a code';
SELECT description FROM pg_description WHERE description IN ('the table', 'a code') ORDER BY description;
COMMENT ON TABLE misc_t IS 'changed';
COMMENT ON COLUMN misc_t.code IS NULL;
SELECT description FROM pg_description WHERE description IN ('the table', 'changed', 'a code');
COMMENT ON TABLE misc_nope IS 'x';
COMMENT ON COLUMN misc_t.nope IS 'x';
-- temporary tables
CREATE TEMP TABLE misc_tmp (a integer DEFAULT 5, b text);
INSERT INTO misc_tmp (b) VALUES ('x');
SELECT * FROM misc_tmp;
SELECT relpersistence FROM pg_class WHERE relname = 'misc_tmp';
CREATE TEMPORARY TABLE IF NOT EXISTS misc_tmp (a integer);
CREATE TABLE misc_tmp (p integer);
SELECT * FROM misc_tmp;
DROP TABLE misc_tmp;
SELECT * FROM misc_tmp;
DROP TABLE misc_tmp;
DROP TABLE misc_t;
DROP TABLE misc_t CASCADE;
SELECT conname FROM pg_constraint WHERE conname LIKE 'misc%' ORDER BY conname;
DROP TABLE misc_c;
