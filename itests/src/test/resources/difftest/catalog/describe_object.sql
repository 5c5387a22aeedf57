-- pg_get_functiondef (psql's \sf) and pg_describe_object (psql's \dx+) for the objects Tusk stores,
-- and psql's \dL listing plpgsql with its description.
create extension "uuid-ossp";
\dx+ "uuid-ossp"
create schema dso;
create table dso.t(a int constraint a_pos check (a > 0), b text);
create index dso_i on dso.t(b);
create view dso.v as select a from dso.t;
create sequence dso.s;
create type dso.mood as enum ('a');
create domain dso.d as int constraint d_pos check (value > 0);
create function dso.f(x int, y text) returns int language sql as 'select x';
create function dso.tf() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger tg before insert on dso.t for each row execute function dso.tf();
select pg_describe_object('pg_class'::regclass, 'dso.t'::regclass, 0), pg_describe_object('pg_class'::regclass, 'dso.t'::regclass, 2),
  pg_describe_object('pg_class'::regclass, 'dso.dso_i'::regclass, 0), pg_describe_object('pg_class'::regclass, 'dso.v'::regclass, 0),
  pg_describe_object('pg_class'::regclass, 'dso.s'::regclass, 0);
select pg_describe_object('pg_type'::regclass, 'dso.mood'::regtype, 0), pg_describe_object('pg_type'::regclass, 'int4'::regtype, 0),
  pg_describe_object('pg_namespace'::regclass, (select oid from pg_namespace where nspname = 'dso'), 0),
  pg_describe_object('pg_proc'::regclass, 'dso.f(int,text)'::regprocedure, 0),
  pg_describe_object('pg_extension'::regclass, (select oid from pg_extension where extname = 'uuid-ossp'), 0);
select pg_describe_object('pg_trigger'::regclass, (select oid from pg_trigger where tgname = 'tg'), 0),
  pg_describe_object('pg_constraint'::regclass, (select oid from pg_constraint where conname = 'a_pos'), 0),
  pg_describe_object('pg_constraint'::regclass, (select oid from pg_constraint where conname = 'd_pos'), 0),
  pg_describe_object('pg_language'::regclass, (select oid from pg_language where lanname = 'sql'), 0),
  pg_describe_object('pg_class'::regclass, 0, 0);
drop schema dso cascade;
drop extension "uuid-ossp";
create function fd1(x int, y int default 5) returns int language sql as 'select x + 1';
create function fd2(a int) returns setof int language plpgsql stable strict as $$ begin return next a; end $$;
create function fd3(out a int, out b text) language sql immutable as $q$ select 1, 'x$function$' $q$;
create function fd4(a int) returns table(x int, y text) language sql as 'select a, ''t''';
\sf fd1
\sf fd2
\sf fd3
\sf fd4
select pg_get_functiondef('fd1'::regproc) is not null, pg_get_functiondef(0);
\dL
