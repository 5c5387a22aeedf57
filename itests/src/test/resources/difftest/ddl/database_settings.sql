-- ALTER DATABASE ... SET / RESET: pg_db_role_setting, \drds, the order at connection (database < role < startup packet), errors
CREATE DATABASE ddb_set;
ALTER DATABASE ddb_set SET search_path = public, pg_catalog;
ALTER DATABASE ddb_set SET work_mem TO '8MB';
ALTER DATABASE ddb_set SET statement_timeout = 12345;
ALTER DATABASE ddb_set RESET statement_timeout;
ALTER DATABASE ddb_set SET nosuch_setting = 1;
ALTER DATABASE ddb_set SET work_mem = 'lots';
ALTER DATABASE nosuchdb SET work_mem = '1MB';
BEGIN; ALTER DATABASE ddb_set SET DateStyle = "ISO, DMY"; COMMIT;
SELECT d.datname, s.setrole, s.setconfig FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase ORDER BY 1;
\drds
CREATE ROLE ddb_setrole LOGIN;
ALTER ROLE ddb_setrole SET work_mem = '16MB';
\c ddb_set
SHOW search_path; SHOW work_mem; SHOW DateStyle; SHOW statement_timeout;
\c ddb_set ddb_setrole
SHOW work_mem; SHOW search_path;
ALTER DATABASE ddb_set SET work_mem = '2MB';
\c postgres tusk
SHOW work_mem;
ALTER DATABASE ddb_set RESET ALL;
SELECT count(*) FROM pg_db_role_setting WHERE setdatabase <> 0;
DROP ROLE ddb_setrole;
DROP DATABASE ddb_set;
