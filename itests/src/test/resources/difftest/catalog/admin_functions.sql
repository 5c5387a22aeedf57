-- What monitoring and administration scripts call: pg_lsn input, comparison and arithmetic,
-- pg_wal_lsn_diff, pg_walfile_name, the WAL positions, pg_postmaster_start_time,
-- pg_reload_conf, inet_client_addr / inet_client_port, and the index and I/O statistics views
SELECT pg_lsn '0/10' - pg_lsn '0/5' AS diff, pg_wal_lsn_diff('1/0', '0/FFFFFFFF') AS lsn_diff,
       pg_lsn '16/B374D848' + 10 AS plus, '16/B374D848'::pg_lsn - 10::numeric AS minus,
       pg_lsn '0/1' < '0/2' AS lt, pg_lsn 'a/b' = 'A/B' AS eq, pg_lsn '0/0' AS zero;
SELECT pg_wal_lsn_diff('0/5', '0/10'), pg_lsn 'FFFFFFFF/FFFFFFFF' - pg_lsn '0/0' AS biggest;
SELECT pg_walfile_name('0/1000000'), pg_walfile_name('0/1000001'), pg_walfile_name('1/0'),
       pg_walfile_name('16/B374D848');
SELECT max(l), min(l) FROM (VALUES (pg_lsn '1/0'), ('0/FF'), ('2/1')) v(l);
SELECT l FROM (VALUES (pg_lsn '1/0'), ('0/FF'), ('2/1')) v(l) ORDER BY l DESC;
SELECT pg_typeof(pg_current_wal_lsn()), pg_typeof(pg_wal_lsn_diff('0/1', '0/0')), pg_typeof(pg_lsn '0/1' - pg_lsn '0/0');
-- errors
SELECT pg_lsn 'x';
SELECT pg_lsn '0/';
SELECT pg_lsn '123456789/1';
SELECT pg_lsn '0/0' - 1::numeric;
SELECT pg_lsn 'FFFFFFFF/FFFFFFFF' + 1::numeric;
SELECT pg_lsn '0/1' + 'NaN'::numeric;
SELECT pg_lsn '0/1' - 'NaN'::numeric;
-- positions: flushed never past inserted (flush read first)
SELECT pg_current_wal_flush_lsn() <= pg_current_wal_insert_lsn() AS ordered,
       pg_current_wal_lsn() > '0/0' AS started,
       pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') > 0 AS positive;
SELECT pg_walfile_name(pg_current_wal_lsn()) ~ '^[0-9A-F]{24}$' AS file_name;
SELECT pg_postmaster_start_time() <= now() AS started_before, pg_postmaster_start_time() > now() - interval '1 day' AS today,
       pg_typeof(pg_postmaster_start_time());
SELECT pg_reload_conf();
SELECT inet_client_addr(), inet_client_port() > 0 AS has_port, pg_typeof(inet_client_addr()), pg_typeof(inet_client_port());
SELECT inet_server_addr(), inet_server_port() > 0 AS has_port, pg_typeof(inet_server_addr()), pg_typeof(inet_server_port());
SELECT client_addr = inet_client_addr() AS same_addr, client_port = inet_client_port() AS same_port
  FROM pg_stat_activity WHERE pid = pg_backend_pid();
-- statistics views: their columns, a row per user index / table
CREATE TABLE admin_fn_t (id int PRIMARY KEY, v text UNIQUE, w int);
CREATE INDEX admin_fn_w ON admin_fn_t (w);
CREATE TABLE admin_fn_plain (x int);
SELECT * FROM pg_stat_user_indexes WHERE false;
SELECT * FROM pg_statio_user_indexes WHERE false;
SELECT * FROM pg_statio_user_tables WHERE false;
SELECT * FROM pg_stat_replication WHERE false;
SELECT schemaname, relname, indexrelname, idx_scan >= 0 AS counted FROM pg_stat_user_indexes
  WHERE relname LIKE 'admin_fn%' ORDER BY indexrelname;
SELECT relname, indexrelname FROM pg_stat_all_indexes WHERE relname LIKE 'admin_fn%' ORDER BY indexrelname;
SELECT count(*) FROM pg_stat_sys_indexes WHERE relname LIKE 'admin_fn%';
SELECT relname, indexrelname, idx_blks_read >= 0 AS counted FROM pg_statio_user_indexes
  WHERE relname LIKE 'admin_fn%' ORDER BY indexrelname;
SELECT relname, heap_blks_read >= 0 AS heap, idx_blks_hit IS NULL AS no_index, toast_blks_read, tidx_blks_hit
  FROM pg_statio_user_tables WHERE relname LIKE 'admin_fn%' ORDER BY relname;
SELECT count(*) FROM pg_statio_all_tables WHERE relname LIKE 'admin_fn%';
SELECT count(*) FROM pg_statio_sys_tables WHERE relname LIKE 'admin_fn%';
SELECT count(*) FROM pg_statio_all_indexes WHERE relname LIKE 'admin_fn%';
SELECT count(*) FROM pg_statio_sys_indexes WHERE relname LIKE 'admin_fn%';
SELECT count(*) FROM pg_stat_replication;
DROP TABLE admin_fn_t, admin_fn_plain;
