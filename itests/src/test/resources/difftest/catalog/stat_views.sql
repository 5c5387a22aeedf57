-- pg_prepared_statements, pg_stat_user_tables / pg_stat_all_tables / pg_stat_sys_tables, pg_stat_database: columns and the rows monitoring queries read
CREATE TABLE stat_views_a (id int PRIMARY KEY, v text);
CREATE TABLE stat_views_b (v text);
SELECT schemaname, relname, idx_scan IS NULL AS no_index, last_vacuum, last_analyze
  FROM pg_stat_user_tables WHERE relname LIKE 'stat_views%' ORDER BY relname;
SELECT relname FROM pg_stat_all_tables WHERE relname LIKE 'stat_views%' ORDER BY relname;
SELECT count(*) FROM pg_stat_sys_tables WHERE relname LIKE 'stat_views%';
-- the columns (names by the header, types by pg_typeof)
SELECT * FROM pg_stat_user_tables WHERE false;
SELECT * FROM pg_stat_all_tables WHERE false;
SELECT * FROM pg_stat_database WHERE false;
SELECT * FROM pg_prepared_statements WHERE false;
SELECT pg_typeof(relid), pg_typeof(relname), pg_typeof(seq_scan), pg_typeof(last_vacuum)
  FROM pg_stat_user_tables WHERE relname = 'stat_views_a';
SELECT pg_typeof(numbackends), pg_typeof(blks_hit), pg_typeof(blk_read_time), pg_typeof(stats_reset)
  FROM pg_stat_database WHERE datname = 'postgres';
SELECT datname, checksum_failures, checksum_last_failure FROM pg_stat_database ORDER BY datname;
SELECT datname, numbackends > 0 AS connected FROM pg_stat_database WHERE datname = current_database();
-- what monitoring tools send
SELECT relname, n_live_tup >= 0 AS ok, seq_scan >= 0 AS ok2 FROM pg_stat_user_tables
  WHERE schemaname = 'public' AND relname LIKE 'stat_views%' ORDER BY n_live_tup DESC, relname;
SELECT sum(xact_commit) >= 0 AS commits FROM pg_stat_database;
PREPARE stat_views_p1(int, text) AS SELECT $1, $2;
PREPARE stat_views_p2 AS SELECT 1;
SELECT name, statement, parameter_types, from_sql, generic_plans, custom_plans
  FROM pg_prepared_statements ORDER BY name;
EXECUTE stat_views_p1(1, 'x');
EXECUTE stat_views_p2;
SELECT name, generic_plans, custom_plans, prepare_time <= now() AS before_now FROM pg_prepared_statements ORDER BY name;
DEALLOCATE stat_views_p1;
SELECT name FROM pg_prepared_statements;
DEALLOCATE ALL;
SELECT count(*) FROM pg_prepared_statements;
PREPARE stat_views_p3(int) AS SELECT $1;
SELECT pg_typeof(parameter_types), pg_typeof(prepare_time), pg_typeof(generic_plans) FROM pg_prepared_statements;
DEALLOCATE stat_views_p3;
DROP TABLE stat_views_a, stat_views_b;
