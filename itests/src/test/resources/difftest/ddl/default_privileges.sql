-- ALTER DEFAULT PRIVILEGES [FOR ROLE] [IN SCHEMA] GRANT / REVOKE ON TABLES / SEQUENCES / FUNCTIONS / SCHEMAS:
-- pg_default_acl, psql's \ddp, the ACLs new objects start with, DROP ROLE's DETAIL lines for them, DROP OWNED.
drop role if exists dp_ro, dp_app;
create role dp_ro;
create role dp_app;
create schema dp_s;
alter default privileges in schema dp_s grant select on tables to dp_ro;
alter default privileges grant usage on sequences to dp_ro;
alter default privileges for role dp_app revoke execute on functions from public;
alter default privileges for role dp_app in schema dp_s grant all on tables to dp_ro with grant option;
alter default privileges in schema dp_s grant usage on schemas to dp_ro;
alter default privileges grant create on schemas to dp_ro;
alter default privileges grant insert on sequences to dp_ro;
\ddp
select pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl from pg_default_acl order by 1, 2, 3;
create table dp_s.t (id serial);
create view dp_s.v as select 1 as x;
create sequence dp_s.q;
create schema dp_s2;
\dp dp_s.*
\dn+ dp_s2
drop role dp_ro;
drop role dp_app;
alter default privileges in schema dp_s revoke select on tables from dp_ro;
alter default privileges grant usage on sequences to dp_ro;
alter default privileges revoke usage on sequences from dp_ro;
alter default privileges revoke create on schemas from dp_ro;
alter default privileges for role dp_app grant execute on functions to public;
alter default privileges for role dp_app in schema dp_s revoke all on tables from dp_ro;
select pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl from pg_default_acl order by 1, 2, 3;
drop schema dp_s cascade;
drop schema dp_s2;
drop role dp_ro, dp_app;
drop owned by dp_ro, dp_app;
drop role dp_ro, dp_app;
