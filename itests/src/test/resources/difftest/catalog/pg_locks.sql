-- pg_locks: relation and advisory locks of this session with PostgreSQL's columns (advisory keys as classid / objid / objsubid).
create table q_lk_t (a int);
begin;
lock table q_lk_t in share mode;
select pg_advisory_lock(5), pg_advisory_lock(1, 2), pg_advisory_xact_lock_shared(7);
select locktype, relation::regclass, classid, objid, objsubid, mode, granted, fastpath, pid = pg_backend_pid() as mine from pg_locks where locktype = 'advisory' or locktype = 'relation' and relation = 'q_lk_t'::regclass order by locktype, objid;
commit;
select locktype, objid, mode from pg_locks where locktype = 'advisory' order by objid;
select pg_advisory_unlock_all();
select count(*) from pg_locks where locktype = 'advisory';
drop table q_lk_t;
