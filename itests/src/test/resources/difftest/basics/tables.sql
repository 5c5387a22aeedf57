-- basics/tables: CREATE TABLE, DROP TABLE [IF EXISTS], TRUNCATE, and their errors (42P07, 42P01, 42704, 42601)
CREATE TABLE tables_a (id integer, name text, amount numeric, flag boolean);
CREATE TABLE tables_b (x bigint, y smallint, z varchar(10), w double precision);
INSERT INTO tables_a VALUES (1, 'one', 1.5, true), (2, 'two', 2.5, false);
INSERT INTO tables_b VALUES (10, 1, 'ten', 0.5);
SELECT * FROM tables_a ORDER BY id;
SELECT * FROM tables_b;
-- the same name again
CREATE TABLE tables_a (other integer);
CREATE TABLE IF NOT EXISTS tables_a (other integer);
CREATE TABLE "Tables_Quoted" ("Id" integer, "two words" text);
INSERT INTO "Tables_Quoted" VALUES (1, 'q');
SELECT "Id", "two words" FROM "Tables_Quoted";
SELECT * FROM tables_quoted;
DROP TABLE "Tables_Quoted";
-- TRUNCATE empties, also inside a block that rolls back
TRUNCATE tables_a;
SELECT * FROM tables_a;
INSERT INTO tables_a VALUES (3, 'three', 3, NULL);
BEGIN;
TRUNCATE TABLE tables_a;
SELECT * FROM tables_a;
ROLLBACK;
SELECT * FROM tables_a;
TRUNCATE tables_no_such_table;
-- CREATE TABLE in a block that rolls back leaves nothing
BEGIN;
CREATE TABLE tables_c (id integer);
INSERT INTO tables_c VALUES (1);
SELECT * FROM tables_c;
ROLLBACK;
SELECT * FROM tables_c;
-- DROP TABLE in a block that rolls back keeps the table and its rows
BEGIN;
DROP TABLE tables_b;
SELECT * FROM tables_b;
ROLLBACK;
SELECT * FROM tables_b;
-- errors
CREATE TABLE tables_bad_type (id no_such_type);
CREATE TABLE tables_dup_col (id integer, id text);
CREATE TABLE tables_syntax (id integer,);
CREATE TABLE (id integer);
SELECT * FROM tables_no_such_table;
DROP TABLE tables_no_such_table;
DROP TABLE IF EXISTS tables_no_such_table;
DROP TABLE tables_a, tables_b;
SELECT * FROM tables_a;
