-- CREATE / ALTER / DROP DATABASE, their errors, separate catalogs per database (\c), \l
CREATE DATABASE ddb_one;
CREATE DATABASE ddb_one;
CREATE DATABASE ddb_two WITH TEMPLATE = template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' CONNECTION LIMIT 3;
CREATE DATABASE ddb_three TEMPLATE template1 STRATEGY file_copy IS_TEMPLATE true ALLOW_CONNECTIONS false;
CREATE DATABASE ddb_four STRATEGY = wal_log LOCALE 'C';
CREATE DATABASE ddb_bad TEMPLATE ddb_missing;
CREATE DATABASE ddb_bad STRATEGY fast;
CREATE DATABASE ddb_bad FROBNICATE 1;
CREATE DATABASE ddb_bad OWNER ddb_nobody;
CREATE DATABASE ddb_bad CONNECTION LIMIT -5;
CREATE DATABASE ddb_bad TEMPLATE template1 TEMPLATE template0;
CREATE DATABASE ddb_five LOCALE 'C' LC_COLLATE 'C';
CREATE DATABASE ddb_bad LC_COLLATE 'C.nonexistent';
CREATE DATABASE ddb_bad IS_TEMPLATE maybe;
BEGIN;
CREATE DATABASE ddb_bad;
ROLLBACK;
SELECT 1 \; CREATE DATABASE ddb_bad;
DO $$ BEGIN CREATE DATABASE ddb_bad; END $$;
DO $$ BEGIN DROP DATABASE ddb_four; END $$;
SELECT datname, datistemplate, datallowconn, datconnlimit, datcollate, datctype, pg_encoding_to_char(encoding)
  FROM pg_database WHERE datname LIKE 'ddb%' ORDER BY datname;
\l ddb*
SELECT pg_database_size('ddb_one') > 0 AS has_size, pg_database_size('ddb_missing');
-- a table made in one database is not seen in another
CREATE TABLE ddb_here (a int);
\c ddb_one
SELECT current_database();
SELECT count(*) FROM pg_class WHERE relname = 'ddb_here';
CREATE TABLE ddb_there (a int PRIMARY KEY, b text);
INSERT INTO ddb_there VALUES (1, 'one'), (2, 'two');
CREATE SEQUENCE ddb_seq;
SELECT nextval('ddb_seq');
SELECT * FROM ddb_there ORDER BY a;
SELECT datname FROM pg_stat_activity WHERE pid = pg_backend_pid();
DROP DATABASE ddb_one;
ALTER DATABASE ddb_one RENAME TO ddb_renamed;
ALTER DATABASE ddb_one ALLOW_CONNECTIONS false;
\c postgres
SELECT count(*) FROM pg_class WHERE relname = 'ddb_there';
DROP TABLE ddb_here;
-- a copy of a database with a table
CREATE DATABASE ddb_copy TEMPLATE ddb_one;
\c ddb_copy
SELECT * FROM ddb_there ORDER BY a;
SELECT nextval('ddb_seq');
\c postgres
-- ALTER DATABASE
ALTER DATABASE ddb_one RENAME TO ddb_renamed;
ALTER DATABASE ddb_renamed RENAME TO ddb_two;
ALTER DATABASE ddb_missing RENAME TO ddb_x;
ALTER DATABASE postgres RENAME TO ddb_x;
ALTER DATABASE ddb_renamed CONNECTION LIMIT 10 IS_TEMPLATE true;
ALTER DATABASE ddb_renamed WITH ALLOW_CONNECTIONS false;
ALTER DATABASE ddb_renamed CONNECTION LIMIT -2;
ALTER DATABASE ddb_renamed OWNER TO ddb_nobody;
ALTER DATABASE ddb_renamed STRATEGY file_copy;
ALTER DATABASE postgres ALLOW_CONNECTIONS false;
CREATE ROLE ddb_owner;
ALTER DATABASE ddb_renamed OWNER TO ddb_owner;
SELECT datname, pg_get_userbyid(datdba), datistemplate, datallowconn, datconnlimit
  FROM pg_database WHERE datname LIKE 'ddb%' ORDER BY datname;
-- DROP DATABASE
DROP DATABASE ddb_renamed;
ALTER DATABASE ddb_renamed IS_TEMPLATE false;
ALTER DATABASE ddb_renamed ALLOW_CONNECTIONS true;
DROP DATABASE ddb_renamed;
DROP DATABASE ddb_renamed;
DROP DATABASE IF EXISTS ddb_renamed;
DROP DATABASE postgres;
DROP DATABASE template1;
BEGIN;
DROP DATABASE ddb_two;
ROLLBACK;
DROP DATABASE ddb_two WITH (FORCE);
DROP DATABASE ddb_copy (FORCE);
ALTER DATABASE ddb_three IS_TEMPLATE false;
DROP DATABASE ddb_three;
DROP DATABASE ddb_four;
DROP DATABASE ddb_five;
DROP ROLE ddb_owner;
SELECT datname FROM pg_database WHERE datname LIKE 'ddb%' ORDER BY datname;
