-- ALTER VIEW: RENAME TO, RENAME COLUMN, SET SCHEMA, ALTER COLUMN SET / DROP DEFAULT, OWNER TO, SET / RESET options; ALTER TABLE on a view; CREATE OR REPLACE VIEW's rules
CREATE TABLE alv_t (a int, b text DEFAULT 'x');
INSERT INTO alv_t VALUES (1, 'one'), (2, 'two');
CREATE VIEW alv_v AS SELECT a, b FROM alv_t;
CREATE VIEW alv_w AS SELECT a FROM alv_v WHERE a > 1;
ALTER VIEW alv_v RENAME TO alv_v2;
SELECT * FROM alv_v2 ORDER BY a;
SELECT * FROM alv_w ORDER BY a;
ALTER VIEW alv_v2 RENAME COLUMN a TO aa;
SELECT * FROM alv_v2 ORDER BY aa;
SELECT * FROM alv_w ORDER BY a;
ALTER VIEW alv_v2 RENAME aa TO a;
ALTER TABLE alv_v2 RENAME TO alv_v;
ALTER TABLE alv_v RENAME COLUMN b TO bb;
ALTER TABLE alv_v RENAME COLUMN bb TO b;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'alv_%' ORDER BY relname;
SELECT attname FROM pg_attribute WHERE attrelid = 'alv_v'::regclass ORDER BY attnum;
-- errors of renames
ALTER VIEW alv_v RENAME TO alv_t;
ALTER VIEW alv_v RENAME COLUMN nosuch TO c;
ALTER VIEW alv_v RENAME COLUMN a TO b;
ALTER VIEW alv_nosuch RENAME TO alv_x;
ALTER VIEW IF EXISTS alv_nosuch RENAME TO alv_x;
ALTER VIEW alv_t RENAME TO alv_x;
-- defaults
ALTER VIEW alv_v ALTER COLUMN b SET DEFAULT 'viewdefault';
SELECT adnum FROM pg_attrdef WHERE adrelid = 'alv_v'::regclass;
ALTER VIEW alv_v ALTER b DROP DEFAULT;
SELECT count(*) FROM pg_attrdef WHERE adrelid = 'alv_v'::regclass;
ALTER VIEW alv_v ALTER COLUMN nosuch SET DEFAULT 1;
ALTER TABLE alv_v ALTER COLUMN a SET DEFAULT 5;
ALTER TABLE alv_v ALTER COLUMN a DROP DEFAULT;
-- options
ALTER VIEW alv_v SET (security_barrier = true);
SELECT reloptions FROM pg_class WHERE relname = 'alv_v';
ALTER VIEW alv_v SET (check_option = local);
SELECT reloptions FROM pg_class WHERE relname = 'alv_v';
ALTER VIEW alv_v RESET (security_barrier);
SELECT reloptions FROM pg_class WHERE relname = 'alv_v';
ALTER VIEW alv_v RESET (check_option);
SELECT reloptions FROM pg_class WHERE relname = 'alv_v';
ALTER VIEW alv_v SET (check_option = sideways);
ALTER VIEW alv_v SET (nosuch = 1);
-- OWNER TO and SET SCHEMA
CREATE ROLE alv_role;
ALTER VIEW alv_v OWNER TO alv_role;
SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'alv_v';
ALTER VIEW alv_v OWNER TO CURRENT_USER;
DROP ROLE alv_role;
CREATE SCHEMA alv_s;
ALTER VIEW alv_w SET SCHEMA alv_s;
SELECT * FROM alv_s.alv_w ORDER BY a;
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'alv_w';
ALTER VIEW alv_s.alv_w SET SCHEMA nosuch_schema;
ALTER VIEW alv_s.alv_w SET SCHEMA public;
DROP SCHEMA alv_s;
-- ALTER TABLE actions a view does not take
ALTER TABLE alv_v ADD COLUMN c int;
ALTER VIEW alv_v ADD COLUMN c int;
-- CREATE OR REPLACE VIEW
CREATE OR REPLACE VIEW alv_v AS SELECT a FROM alv_t;
CREATE OR REPLACE VIEW alv_v AS SELECT b, a FROM alv_t;
CREATE OR REPLACE VIEW alv_v AS SELECT a::bigint, b FROM alv_t;
CREATE OR REPLACE VIEW alv_v AS SELECT a, b, a * 10 AS c FROM alv_t;
SELECT * FROM alv_v ORDER BY a;
DROP VIEW alv_w;
DROP VIEW alv_v;
DROP TABLE alv_t;
