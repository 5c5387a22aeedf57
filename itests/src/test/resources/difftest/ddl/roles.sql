-- CREATE / ALTER / DROP ROLE, role membership (GRANT / REVOKE role), pg_authid / pg_roles /
-- pg_user / pg_group / pg_auth_members / pg_db_role_setting, psql's \du and \drds, SET ROLE and
-- SET SESSION AUTHORIZATION. Roles are cluster-wide and both servers are shared by every file:
-- every role made here is dropped at the start and at the end. Oids of new roles differ between
-- the servers, so none is printed.
DROP ROLE IF EXISTS rl_app, rl_reader, rl_writer, rl_admin, rl_group, rl_user, rl_nologin, rl_renamed, rl_md5,
    rl_limited, rl_member, rl_creator, rl_plain;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolpassword, rolvaliduntil FROM pg_authid WHERE oid < 16384 ORDER BY oid;
SELECT oid, rolname FROM pg_roles WHERE oid < 16384 ORDER BY oid;
SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), pg_get_userbyid(grantor), admin_option FROM pg_auth_members ORDER BY 1, 2;
-- reserved names and options
CREATE ROLE public;
CREATE ROLE none;
CREATE ROLE pg_rl;
CREATE ROLE rl_app LOGIN LOGIN;
CREATE ROLE rl_app FOO;
CREATE ROLE rl_app CONNECTION LIMIT -2;
CREATE ROLE rl_app UNENCRYPTED PASSWORD 'x';
CREATE ROLE rl_app SYSID 42;
CREATE ROLE rl_app;
CREATE ROLE rl_app;
CREATE USER rl_user PASSWORD 'secret' CONNECTION LIMIT 3 VALID UNTIL '2031-02-03 04:05:06+00';
CREATE GROUP rl_group;
CREATE ROLE rl_nologin NOLOGIN PASSWORD '';
CREATE ROLE rl_admin WITH CREATEROLE CREATEDB NOINHERIT LOGIN;
CREATE ROLE rl_reader IN ROLE rl_group;
CREATE ROLE rl_writer ROLE rl_user ADMIN rl_admin;
CREATE ROLE rl_member IN ROLE nosuch_role;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolpassword IS NOT NULL AS has_password, rolpassword ~ '^SCRAM-SHA-256\$4096:' AS scram,
       rolvaliduntil FROM pg_authid WHERE rolname LIKE 'rl\_%' ORDER BY rolname;
SELECT rolname, rolpassword, rolconfig FROM pg_roles WHERE rolname LIKE 'rl\_%' ORDER BY rolname;
SELECT usename, usecreatedb, usesuper, passwd, valuntil FROM pg_user WHERE usename LIKE 'rl\_%' ORDER BY 1;
SELECT groname, array_length(grolist, 1) FROM pg_group WHERE groname LIKE 'rl\_%' ORDER BY 1;
SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), pg_get_userbyid(grantor), admin_option FROM pg_auth_members
WHERE pg_get_userbyid(member) LIKE 'rl\_%' ORDER BY 1, 2;
\du rl_*
-- GRANT / REVOKE role
GRANT rl_group TO rl_user, rl_admin;
GRANT rl_group TO rl_user;
GRANT rl_group TO rl_user WITH ADMIN OPTION;
GRANT rl_user TO rl_group;
GRANT rl_group TO rl_group;
GRANT pg_database_owner TO rl_user;
GRANT rl_group TO pg_database_owner;
GRANT rl_group TO nosuch_role;
GRANT nosuch_role TO rl_user;
GRANT pg_read_all_data TO rl_reader;
SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), admin_option FROM pg_auth_members
WHERE pg_get_userbyid(member) LIKE 'rl\_%' ORDER BY 1, 2;
REVOKE ADMIN OPTION FOR rl_group FROM rl_user;
REVOKE rl_group FROM rl_admin;
REVOKE rl_group FROM rl_admin;
ALTER GROUP rl_group ADD USER rl_reader, rl_writer;
ALTER GROUP rl_group DROP USER rl_writer;
SELECT pg_get_userbyid(roleid), pg_get_userbyid(member), admin_option FROM pg_auth_members
WHERE pg_get_userbyid(member) LIKE 'rl\_%' ORDER BY 1, 2;
-- ALTER ROLE
ALTER ROLE rl_app WITH SUPERUSER;
ALTER ROLE rl_app NOSUPERUSER CREATEDB CONNECTION LIMIT 10 VALID UNTIL 'infinity';
ALTER ROLE rl_app LOGIN LOGIN;
ALTER ROLE nosuch_role LOGIN;
ALTER ROLE pg_monitor LOGIN;
ALTER USER rl_app NOCREATEDB;
SELECT rolname, rolsuper, rolcreatedb, rolcanlogin, rolconnlimit, rolvaliduntil FROM pg_authid WHERE rolname = 'rl_app';
ALTER ROLE rl_app SET work_mem = '8MB';
ALTER ROLE rl_app SET search_path = a, b;
ALTER ROLE rl_app SET statement_timeout TO 5000;
ALTER ROLE rl_app RESET statement_timeout;
ALTER ROLE rl_app SET nosuch_setting = 1;
SELECT rolname, rolconfig FROM pg_roles WHERE rolname = 'rl_app';
SELECT setdatabase, pg_get_userbyid(setrole), setconfig FROM pg_db_role_setting WHERE pg_get_userbyid(setrole) LIKE 'rl\_%';
\drds rl_*
ALTER ROLE rl_app RESET ALL;
SELECT rolname, rolconfig FROM pg_roles WHERE rolname = 'rl_app';
SET password_encryption = 'md5';
CREATE ROLE rl_md5 PASSWORD 'pw';
SELECT rolname, rolpassword FROM pg_authid WHERE rolname = 'rl_md5';
ALTER ROLE rl_md5 PASSWORD 'md5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
SELECT rolname, rolpassword FROM pg_authid WHERE rolname = 'rl_md5';
ALTER ROLE rl_md5 RENAME TO rl_renamed;
SELECT rolname, rolpassword FROM pg_authid WHERE rolname = 'rl_renamed';
ALTER ROLE rl_renamed RENAME TO rl_app;
ALTER ROLE rl_renamed RENAME TO pg_renamed;
ALTER ROLE pg_monitor RENAME TO rl_monitor;
ALTER ROLE tusk RENAME TO rl_tusk;
RESET password_encryption;
-- current_user, SET ROLE, SET SESSION AUTHORIZATION
SELECT current_user, session_user, current_role, user;
SET ROLE rl_app;
SELECT current_user, session_user;
SHOW role;
SHOW is_superuser;
CREATE ROLE rl_plain;
RESET ROLE;
SELECT current_user;
SET ROLE nosuch_role;
SET ROLE NONE;
BEGIN;
SET LOCAL ROLE rl_user;
SELECT current_user;
COMMIT;
SELECT current_user;
SET SESSION AUTHORIZATION rl_user;
SELECT current_user, session_user;
SET ROLE rl_group;
SELECT current_user, session_user;
SET ROLE rl_admin;
CREATE ROLE rl_plain;
DROP ROLE rl_app;
RESET ROLE;
SET SESSION AUTHORIZATION rl_admin;
CREATE ROLE rl_plain;
CREATE ROLE rl_creator SUPERUSER;
CREATE ROLE rl_creator REPLICATION;
CREATE ROLE rl_creator BYPASSRLS;
ALTER ROLE rl_plain LOGIN;
ALTER ROLE rl_app SUPERUSER;
GRANT rl_group TO rl_plain;
GRANT rl_writer TO rl_plain;
DROP ROLE rl_plain;
DROP ROLE tusk;
DROP ROLE rl_admin;
RESET SESSION AUTHORIZATION;
SELECT current_user, session_user;
-- DROP ROLE
DROP ROLE tusk;
DROP ROLE pg_monitor;
DROP ROLE nosuch_role;
DROP ROLE IF EXISTS nosuch_role, rl_plain;
DROP ROLE rl_app, rl_reader, rl_writer, rl_admin, rl_group, rl_user, rl_nologin, rl_renamed;
SELECT count(*) FROM pg_auth_members WHERE member >= 16384 OR roleid >= 16384;
SELECT count(*) FROM pg_authid WHERE rolname LIKE 'rl\_%';
DROP ROLE IF EXISTS rl_app, rl_reader, rl_writer, rl_admin, rl_group, rl_user, rl_nologin, rl_renamed, rl_md5,
    rl_limited, rl_member, rl_creator, rl_plain;
