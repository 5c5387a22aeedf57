-- Ownership and privileges: owners recorded by CREATE and changed by OWNER TO (tables and what goes
-- with them, views, sequences, schemas, functions, types, domains), GRANT / REVOKE on tables,
-- sequences, schemas, functions and the database (also ON ALL ... IN SCHEMA, PUBLIC, WITH GRANT
-- OPTION, a grantor that is not the owner), the aclitem text psql's \dp, \dn+, \df+ show, the
-- checks at execution (tables, views, nextval, functions, schema USAGE and CREATE, CREATE SCHEMA),
-- has_*_privilege / pg_has_role, DROP ROLE's DETAIL, REASSIGN OWNED and DROP OWNED. Roles are
-- cluster-wide: every role made here is dropped at the start and at the end.
drop role if exists dep_r, dep_g;
drop role if exists pv_app, pv_other;
create role pv_app login;
create role pv_other login;
create table pv_t (id serial primary key, v text);
insert into pv_t (v) values ('a');
create schema pv_s;
create table pv_s.t2 (x int);
create view pv_v as select * from pv_t;
create sequence pv_seq;
create function pv_f(int) returns int language sql as 'select $1 + 1';
grant select on pv_t to pv_app;
grant insert, update on table pv_t to pv_app with grant option;
grant usage on sequence pv_t_id_seq to pv_app;
grant usage on schema pv_s to pv_app;
grant select on all tables in schema pv_s to pv_app, pv_other;
grant select on pv_v to public;
revoke execute on function pv_f(int) from public;
grant execute on function pv_f(int) to pv_app;
grant all on sequence pv_seq to pv_other;
grant create on schema public to pv_app;
grant connect, temp on database postgres to pv_other;
grant insert on pv_t to public with grant option;
grant usage on pv_t to pv_app;
grant select on sequence pv_t to pv_app;
grant bogus on pv_t to pv_app;
\dp pv_*
\dp pv_s.*
\dn+ pv_s
\df+ pv_f
select has_table_privilege('pv_app', 'pv_t', 'select'), has_table_privilege('pv_app', 'pv_t', 'delete'),
       has_table_privilege('pv_app', 'pv_t', 'INSERT WITH GRANT OPTION'), has_table_privilege('pv_other', 'pv_t', 'select, insert'),
       has_schema_privilege('pv_app', 'pv_s', 'usage'), has_schema_privilege('pv_other', 'pv_s', 'create'),
       has_sequence_privilege('pv_app', 'pv_t_id_seq', 'usage'), has_function_privilege('pv_other', 'pv_f(integer)', 'execute'),
       has_function_privilege('pv_app', 'pv_f(int)', 'execute'), has_database_privilege('pv_other', 'postgres', 'connect'),
       pg_has_role('pv_app', 'pv_other', 'member'), has_table_privilege('public', 'pv_v', 'select');
select has_table_privilege('pv_t', 'frobnicate');
select has_table_privilege('nosuch_user', 'pv_t', 'select');
select has_sequence_privilege('pv_t', 'usage');
select datacl from pg_database where datname = 'postgres';
select grantor, grantee, table_schema, table_name, privilege_type, is_grantable, with_hierarchy
from information_schema.table_privileges where table_name like 'pv%' or table_name = 't2' order by 4, 2, 5;
select grantee, table_name, privilege_type from information_schema.role_table_grants
where table_name like 'pv%' order by 1, 2, 3;
select schema_name, schema_owner from information_schema.schemata where schema_name in ('pv_s', 'public') order by 1;
set role pv_app;
select grantee, table_name, privilege_type, is_grantable from information_schema.role_table_grants
where table_name like 'pv%' order by 1, 2, 3;
select schema_name, schema_owner from information_schema.schemata where schema_name in ('pv_s', 'public') order by 1;
select usename from pg_stat_activity where pid = pg_backend_pid() and usesysid = (select oid from pg_roles where rolname = 'tusk');
select * from pv_t;
insert into pv_t (v) values ('b') returning id;
update pv_t set v = 'c' where id = 1;
delete from pv_t;
select * from pv_v;
select pv_f(1);
select nextval('pv_seq');
select * from pv_s.t2;
create table pv_mine (a int);
\dt pv_mine
grant select on pv_t to pv_other;
grant insert on pv_t to pv_other;
grant delete on pv_t to pv_other;
alter table pv_t owner to pv_app;
drop table pv_mine;
reset role;
set role pv_other;
select * from pv_t;
select nextval('pv_seq');
select pv_f(1);
select * from pv_s.t2;
drop table pv_t;
alter table pv_t add column z int;
truncate pv_t;
drop function pv_f(int);
drop schema pv_s;
drop view pv_v;
create table pv_nope (a int);
create schema pv_nope;
reset role;
alter table pv_t owner to pv_app;
\dp pv_t
\dt pv_t
alter sequence pv_t_id_seq owner to pv_other;
alter table pv_t_id_seq owner to pv_app;
revoke insert on pv_t from public;
revoke grant option for update on pv_t from pv_app;
\dp pv_t
drop role pv_app;
drop view pv_v;
drop owned by pv_app, pv_other;
drop role pv_app, pv_other;
drop view if exists pv_v;
drop sequence if exists pv_seq;
drop schema if exists pv_s cascade;
drop function if exists pv_f(int);
revoke all on schema public from pv_app;
revoke all on database postgres from pv_other;
\dp pv_*
-- what DROP ROLE lists, REASSIGN OWNED, DROP OWNED
create role dep_r;
create role dep_g;
set role dep_r;
reset role;
create table dep_t1(id serial, a int);
create schema dep_s;
grant usage on schema dep_s to dep_r;
alter table dep_t1 owner to dep_r;
create function dep_f(int) returns int language sql as 'select 1';
alter function dep_f(int) owner to dep_r;
create type dep_e as enum ('a');
alter type dep_e owner to dep_r;
create view dep_v as select 1 as x;
grant select on dep_v to dep_r;
grant select on dep_v to dep_g;
grant all on schema dep_s to dep_r with grant option;
grant execute on function dep_f(int) to dep_g;
revoke execute on function dep_f(int) from public;
grant connect on database postgres to dep_r;
grant create on schema public to dep_r;
create domain dep_d as int;
alter domain dep_d owner to dep_r;
drop role dep_r;
\dp dep_*
\dn+ dep_s
\df+ dep_f
select relname, relacl from pg_class where relname like 'dep%' order by 1;
select nspacl from pg_namespace where nspname in ('dep_s', 'public');
select proacl, pg_get_userbyid(proowner) from pg_proc where proname = 'dep_f';
select datacl from pg_database where datname = 'postgres';
\dt dep_*
\ds dep_*
\dT+ dep_*
\dD dep_*
reassign owned by dep_r to tusk;
\dt dep_*
drop role dep_r;
drop owned by dep_r;
drop role dep_r;
\dp dep_*
drop view dep_v; drop table dep_t1; drop schema dep_s; drop function dep_f(int); drop type dep_e; drop domain dep_d;
revoke create on schema public from dep_r;
drop role dep_g;
drop role if exists pv_app, pv_other, dep_r, dep_g;
