-- Column privileges: GRANT / REVOKE SELECT, INSERT, UPDATE, REFERENCES (col, ...) and ALL (col, ...)
-- stored as pg_attribute.attacl, psql's \dp "Column privileges", the checks at execution (the columns
-- a SELECT reads anywhere — target list, WHERE, ORDER BY, joins, subqueries, whole-row references —
-- the columns an INSERT / UPDATE writes and what they read or return), has_column_privilege and
-- has_any_column_privilege, a table-level REVOKE taking the column privileges with it, DROP ROLE's
-- DETAIL, DROP OWNED. Roles are cluster-wide: every role made here is dropped at the start and end.
drop role if exists cp_r, cp_g;
create role cp_r;
create role cp_g;
create table cp_t (a int primary key, b text, c int, d int);
create table cp_u (a int, x text);
insert into cp_t values (1, 'x', 2, 3), (2, 'y', 4, 5);
insert into cp_u values (1, 'one'), (2, 'two');
grant select (a, b), update (c) on cp_t to cp_r;
grant insert (a), references (a, c) on cp_t to cp_r;
grant select (a) on cp_u to cp_r;
select attname, attacl from pg_attribute where attrelid = 'cp_t'::regclass and attnum > 0 order by attnum;
select relacl from pg_class where relname = 'cp_t';
\dp cp_t
\z cp_u
-- errors
grant select (zz) on cp_t to cp_r;
grant delete (a) on cp_t to cp_r;
grant truncate (a), select (b) on cp_t to cp_r;
-- ALL (cols) and a mix of table and column privileges
grant all (d) on cp_t to cp_g;
grant insert, update (b, d) on cp_t to cp_g with grant option;
select attname, attacl from pg_attribute where attrelid = 'cp_t'::regclass and attnum > 0 order by attnum;
\dp cp_t
set role cp_r;
select a, b from cp_t order by a;
select a from cp_t where b = 'x';
select c from cp_t;
select * from cp_t;
select count(*) from cp_t;
select 1 from cp_t limit 1;
select a from cp_t where c = 2;
select a from cp_t order by d;
select b, count(*) from cp_t group by b order by b;
select cp_t from cp_t;
select t.a, u.a from cp_t t join cp_u u on u.a = t.a order by 1;
select t.a from cp_t t join cp_u u using (a) order by 1;
select t.a, u.x from cp_t t join cp_u u on u.a = t.a;
select a from cp_t t where exists (select 1 from cp_u u where u.a = t.a) order by 1;
select (select b from cp_t where a = 1);
select a from cp_t where a in (select c from cp_t);
with w as (select a, b from cp_t) select * from w order by a;
select a from cp_t for update;
update cp_t set c = 3 where a = 1;
update cp_t set c = 3;
update cp_t set c = c + 1;
update cp_t set c = 5 where d = 1;
update cp_t set c = 5 returning a;
update cp_t set c = 5 returning c;
update cp_t set b = 'z';
update cp_t t set c = u.a from cp_u u where u.a = t.a;
update cp_t t set c = 1 from cp_u u where u.x = 'one';
delete from cp_t;
insert into cp_t (a) values (5);
insert into cp_t values (6);
insert into cp_t (a, b) values (7, 'w');
insert into cp_t values (8, 'v');
insert into cp_t default values;
insert into cp_t (a) values (9) returning a;
insert into cp_t (a) values (10) returning b;
insert into cp_t (a) values (11) returning d;
insert into cp_t (a) select a + 100 from cp_u;
insert into cp_t (a) select length(x) from cp_u;
select has_column_privilege('cp_t', 'a', 'select'), has_column_privilege('cp_t', 'c', 'select'),
  has_column_privilege('cp_t', 'c', 'update'), has_column_privilege('cp_t', 'c', 'references');
select has_column_privilege('cp_t', 3::int2, 'update'), has_column_privilege('cp_t', 4::int2, 'update'),
  has_column_privilege('cp_t', 99::int2, 'update');
select has_any_column_privilege('cp_t', 'select'), has_any_column_privilege('cp_t', 'delete'),
  has_any_column_privilege('cp_u', 'update');
select has_table_privilege('cp_t', 'select'), has_table_privilege('cp_t', 'insert');
reset role;
select has_column_privilege('cp_r', 'cp_t', 'b', 'select'), has_column_privilege('cp_r', 'cp_t', 'd', 'select'),
  has_column_privilege('cp_g', 'cp_t', 'd', 'select'), has_column_privilege('cp_g', 'cp_t', 'b', 'update with grant option'),
  has_column_privilege('cp_g', 'cp_t', 'b', 'select with grant option');
select grantor, grantee, table_name, column_name, privilege_type, is_grantable from information_schema.column_privileges
  where table_name like 'cp\_%' order by table_name, column_name, grantee, privilege_type, is_grantable;
set role cp_r;
select grantor, grantee, table_name, column_name, privilege_type, is_grantable from information_schema.column_privileges
  where table_name like 'cp\_%' order by table_name, column_name, grantee, privilege_type, is_grantable;
reset role;
select has_column_privilege('cp_t', 'zz', 'select');
select has_column_privilege('cp_t', 'a', 'delete');
select has_any_column_privilege('cp_r', 'cp_t', 'insert'), has_any_column_privilege('cp_r', 'cp_u', 'insert');
-- a table-level grant and revoke: the table's REVOKE takes the columns' privilege of that kind too
grant select on cp_t to cp_r;
set role cp_r;
select a, c, d from cp_t order by a;
reset role;
revoke select on cp_t from cp_r;
select attname, attacl from pg_attribute where attrelid = 'cp_t'::regclass and attnum > 0 order by attnum;
set role cp_r;
select a from cp_t;
reset role;
revoke update (c) on cp_t from cp_r;
revoke references (c) on cp_t from cp_r;
select attname, attacl from pg_attribute where attrelid = 'cp_t'::regclass and attnum > 0 order by attnum;
\dp cp_t
drop role cp_r;
drop role cp_g;
drop owned by cp_g;
select attname, attacl from pg_attribute where attrelid = 'cp_t'::regclass and attnum > 0 order by attnum;
revoke all on cp_t from cp_r;
revoke all on cp_u from cp_r;
select attname, attacl from pg_attribute where attrelid in ('cp_t'::regclass, 'cp_u'::regclass) and attacl is not null;
-- OWNER TO: the old owner's column grants become the new owner's
grant select (x) on cp_u to cp_g;
alter table cp_u owner to cp_r;
select attname, attacl from pg_attribute where attrelid = 'cp_u'::regclass and attnum > 0 order by attnum;
alter table cp_u owner to tusk;
revoke all on cp_u from cp_g;
drop table cp_t, cp_u;
drop role cp_r;
drop role cp_g;
