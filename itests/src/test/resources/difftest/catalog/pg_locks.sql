-- pg_locks: relation and advisory locks of this session with PostgreSQL's columns (advisory keys as classid / objid / objsubid; weak relation locks on the fast path).
create table q_lk_t (a int);
create table q_lk_w (a int);
begin;
lock table q_lk_t in share mode;
lock table q_lk_w in row exclusive mode;
select * from q_lk_w;
select pg_advisory_lock(5), pg_advisory_lock(1, 2), pg_advisory_xact_lock_shared(7);
select locktype, relation::regclass, classid, objid, objsubid, mode, granted, fastpath, pid = pg_backend_pid() as mine from pg_locks where locktype = 'advisory' or locktype = 'relation' and relation in ('q_lk_t'::regclass, 'q_lk_w'::regclass) order by locktype, relation::regclass::text, mode, objid;
commit;
select locktype, objid, mode from pg_locks where locktype = 'advisory' order by objid;
select pg_advisory_unlock_all();
select count(*) from pg_locks where locktype = 'advisory';
drop table q_lk_t, q_lk_w;
