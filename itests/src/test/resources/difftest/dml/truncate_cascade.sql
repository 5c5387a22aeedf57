-- TRUNCATE ... CASCADE: the tables referencing the truncated ones join them level by level (oid
-- order within a level), each with PostgreSQL's NOTICE; with RESTART IDENTITY and inside a rolled-back block.
create table tc_a(id int primary key);
create table tc_b(id int primary key, a int references tc_a);
create table tc_c(id int primary key, b int references tc_b);
create table tc_d(id serial primary key, a int references tc_a, self int references tc_d);
insert into tc_a values (1), (2);
insert into tc_b values (1, 1);
insert into tc_c values (1, 1);
insert into tc_d(a) values (1), (2);
truncate tc_a;
truncate tc_a restrict;
truncate tc_a cascade;
select (select count(*) from tc_a), (select count(*) from tc_b), (select count(*) from tc_c), (select count(*) from tc_d);
insert into tc_a values (1);
insert into tc_d(a) values (1);
begin;
truncate table tc_a, tc_b restart identity cascade;
rollback;
select (select count(*) from tc_a), (select count(*) from tc_d);
truncate tc_a restart identity cascade;
insert into tc_a values (5); insert into tc_d(a) values (5);
select * from tc_d;
truncate tc_c cascade;
drop table tc_d, tc_c, tc_b, tc_a;
