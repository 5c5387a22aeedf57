-- ALTER ROLE r IN DATABASE d SET / RESET and SET name FROM CURRENT (in ALTER ROLE, ALTER DATABASE and plain SET): pg_db_role_setting, \drds, the order at connection (database < role < role in database < startup packet), errors
CREATE DATABASE rds_db;
CREATE ROLE rds_role LOGIN;
ALTER ROLE rds_role SET work_mem = '16MB';
ALTER DATABASE rds_db SET work_mem = '2MB';
ALTER ROLE rds_role IN DATABASE rds_db SET work_mem = '32MB';
ALTER ROLE rds_role IN DATABASE rds_db SET search_path = public, pg_catalog;
ALTER ROLE rds_role IN DATABASE rds_db SET statement_timeout = 1000;
ALTER ROLE rds_role IN DATABASE rds_db RESET statement_timeout;
ALTER ROLE rds_role IN DATABASE nosuchdb SET work_mem = '1MB';
ALTER ROLE nosuchrole IN DATABASE rds_db SET work_mem = '1MB';
ALTER ROLE rds_role IN DATABASE rds_db SET nosuch_setting = 1;
ALTER ROLE rds_role IN DATABASE rds_db SET work_mem = 'lots';
SET statement_timeout = '3s';
ALTER ROLE rds_role SET statement_timeout FROM CURRENT;
ALTER DATABASE rds_db SET statement_timeout FROM CURRENT;
ALTER ROLE rds_role IN DATABASE rds_db SET DateStyle FROM CURRENT;
ALTER ROLE rds_role SET nosuch_setting FROM CURRENT;
SET work_mem FROM CURRENT;
SHOW work_mem;
RESET statement_timeout;
SELECT d.datname, r.rolname, s.setconfig FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase
LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE d.datname = 'rds_db' OR r.rolname = 'rds_role' ORDER BY 1, 2;
\drds rds_role
\drds * rds_db
\c rds_db rds_role
SHOW work_mem; SHOW search_path; SHOW DateStyle; SHOW statement_timeout;
\c rds_db tusk
SHOW work_mem; SHOW search_path;
\c postgres rds_role
SHOW work_mem; SHOW search_path;
\c postgres tusk
BEGIN;
ALTER ROLE rds_role IN DATABASE rds_db RESET ALL;
ROLLBACK;
SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE s.setdatabase <> 0 AND r.rolname = 'rds_role';
ALTER ROLE rds_role IN DATABASE rds_db RESET ALL;
SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE s.setdatabase <> 0 AND r.rolname = 'rds_role';
ALTER ROLE rds_role IN DATABASE rds_db SET work_mem = '5MB';
DROP DATABASE rds_db;
SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'rds_role';
DROP ROLE rds_role;
