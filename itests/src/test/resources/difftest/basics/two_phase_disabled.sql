-- Two-phase commit as PostgreSQL 15 with its default max_prepared_transactions = 0: PREPARE
-- TRANSACTION outside a block warns, inside one rolls the transaction back and fails with 55000;
-- COMMIT / ROLLBACK PREPARED find nothing (42704) and refuse to run inside a block (25001).
prepare transaction 'x';
select 1;
begin;
create table pt(a int);
prepare transaction 'x';
select 1;
select count(*) from pg_class where relname = 'pt';
commit prepared 'x';
rollback prepared 'x';
begin;
commit prepared 'x';
rollback;
select * from pg_prepared_xacts;
show max_prepared_transactions;
prepare transaction = 1;
prepare transaction as select 1;
execute transaction;
deallocate transaction;
