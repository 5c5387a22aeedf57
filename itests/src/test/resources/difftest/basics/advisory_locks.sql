-- Advisory locks: session and transaction level, shared and exclusive, try variants, unlock results and WARNING, DISCARD ALL.
select pg_advisory_lock(1), pg_try_advisory_lock(1), pg_advisory_lock_shared(2), pg_try_advisory_lock(3, 4);
select pg_advisory_unlock(1), pg_advisory_unlock(1), pg_advisory_unlock(1);
select pg_advisory_unlock_shared(2), pg_advisory_unlock(3, 4), pg_advisory_unlock(3, 4);
begin;
select pg_advisory_xact_lock(10), pg_try_advisory_xact_lock(11), pg_advisory_xact_lock_shared(12), pg_try_advisory_xact_lock_shared(13, 14);
commit;
select pg_advisory_unlock(10);
select pg_advisory_lock(20);
select pg_advisory_unlock_all();
select pg_advisory_unlock(20);
select pg_advisory_lock(30);
discard all;
select pg_advisory_unlock(30);
select pg_advisory_lock('x');
