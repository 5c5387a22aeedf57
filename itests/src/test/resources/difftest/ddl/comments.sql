-- COMMENT ON INDEX, FUNCTION / PROCEDURE / ROUTINE, TYPE, DOMAIN, TRIGGER and CONSTRAINT (of a
-- table and of a domain): the errors of each lookup, obj_description with each catalog, what psql's
-- \dd / \di+ / \dT+ / \dD show, and that the comments go with their objects when those are dropped.
create table c6(a int constraint a_pos check (a > 0), b int);
create index c6_b on c6(b);
create domain posint as int constraint posint_check check (value > 0);
create type mood as enum ('sad','happy');
create function f6(x int) returns int language sql as 'select x';
create function f6(x text) returns text language sql as 'select x';
create function g6() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger c6_trg before insert on c6 for each row execute function g6();
comment on index c6_b is 'the b index';
comment on index nosuch is 'x';
comment on index c6 is 'x';
comment on trigger c6_trg on c6 is 'a trigger';
comment on trigger nosuch on c6 is 'x';
comment on constraint a_pos on c6 is 'positive a';
comment on constraint nosuch on c6 is 'x';
comment on constraint posint_check on domain posint is 'dom check';
comment on constraint nosuch on domain posint is 'dom check';
comment on domain posint is 'a domain';
comment on domain mood is 'x';
comment on type mood is 'an enum';
comment on type posint is 'via type';
comment on type nosuch is 'x';
comment on type int4 is 'int4 comment';
comment on type int4 is null;
comment on function f6(int) is 'int f6';
comment on function f6 is 'x';
comment on function f6(bigint) is 'x';
comment on function g6 is 'trigger function';
comment on function nosuch() is 'x';
comment on function nosuch is 'x';
comment on procedure f6(int) is 'x';
comment on routine f6(text) is 'text f6';
select obj_description('c6_b'::regclass, 'pg_class'), obj_description('f6(int)'::regprocedure, 'pg_proc'), obj_description('f6(text)'::regprocedure, 'pg_proc'), obj_description('mood'::regtype, 'pg_type'), obj_description('posint'::regtype, 'pg_type');
select (select count(*) from pg_description d where d.objoid = t.oid and d.classoid = 'pg_trigger'::regclass) from pg_trigger t where tgname = 'c6_trg';
select c.conname, d.description from pg_constraint c join pg_description d on d.objoid = c.oid and d.classoid = 'pg_constraint'::regclass where c.conname in ('a_pos','posint_check') order by 1;
\dd c6*
\di+ c6_b
\dT+ mood
\dD posint
comment on index c6_b is '';
select obj_description('c6_b'::regclass, 'pg_class');
drop function f6(int);
drop trigger c6_trg on c6;
drop index c6_b;
drop table c6;
drop domain posint;
drop type mood;
drop function f6(text), g6();
select count(*) from pg_description d where not exists (select 1 from pg_class c where c.oid = d.objoid) and d.classoid in ('pg_class'::regclass) ;
select count(*) from pg_description d where d.classoid in ('pg_proc'::regclass) and not exists (select 1 from pg_proc c where c.oid = d.objoid);
select count(*) from pg_description d where d.classoid in ('pg_trigger'::regclass, 'pg_constraint'::regclass);
select count(*) from pg_description d where d.classoid = 'pg_type'::regclass and not exists (select 1 from pg_type c where c.oid = d.objoid);
