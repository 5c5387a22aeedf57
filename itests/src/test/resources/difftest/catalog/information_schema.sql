-- information_schema: schemata, tables, views, columns as applications and migration tools read them; pg_range (empty: no range types).
create schema q_is_s;
create table q_is_t (id serial primary key, name varchar(40) not null default 'x', price numeric(10,2), qty int2, big bigint, f4 real, f8 double precision, flag boolean, born date, at timestamp, atz timestamptz(3), tags text[], doc jsonb, u uuid, c char(3), t text, b bytea, iv interval);
create table q_is_s.q_is_other (k int generated always as identity, v text);
create view q_is_v as select id, name from q_is_t;
-- difftest: differs: Tusk's views are not updatable, so a view is not insertable into
select table_catalog, table_schema, table_name, table_type, is_insertable_into, is_typed, commit_action from information_schema.tables where table_name like 'q_is%' order by table_schema, table_name;
select exists (select * from information_schema.tables where table_schema = 'public' and table_name = 'q_is_t') as found, exists (select 1 from information_schema.tables where table_name = 'q_is_nope') as missing;
select column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, udt_name, is_identity, identity_generation, is_generated from information_schema.columns where table_name = 'q_is_t' order by ordinal_position;
select column_name, is_nullable, is_identity, identity_generation, column_default from information_schema.columns where table_schema = 'q_is_s' order by ordinal_position;
select table_name, column_name from information_schema.columns where table_name = 'q_is_v' order by ordinal_position;
select table_schema, table_name, check_option from information_schema.views where table_name = 'q_is_v';
select schema_name from information_schema.schemata where schema_name in ('public', 'q_is_s', 'pg_catalog', 'information_schema') order by 1;
select count(*) from information_schema.tables where table_schema = 'information_schema' and table_name = 'nope';
select * from information_schema.nope;
select count(*) from pg_range where rngtypid = 0;
select nspname from pg_namespace where nspname = 'information_schema';
drop view q_is_v;
drop table q_is_t;
drop table q_is_s.q_is_other;
drop schema q_is_s;
