-- CREATE UNLOGGED TABLE (Tusk WAL-logs them like any table: see the sql README) and views over
-- temporary tables, which become temporary views as in PostgreSQL.
CREATE UNLOGGED TABLE ul_t (id int PRIMARY KEY, v text);
INSERT INTO ul_t VALUES (1, 'one'), (2, 'two');
SELECT * FROM ul_t ORDER BY id;
\d ul_t
SELECT relname, relpersistence FROM pg_class WHERE relname = 'ul_t';
CREATE UNLOGGED TABLE IF NOT EXISTS ul_t (id int);
CREATE UNLOGGED TABLE ul_like (LIKE ul_t INCLUDING ALL);
SELECT relname, relpersistence FROM pg_class WHERE relname = 'ul_like';
CREATE TEMP UNLOGGED TABLE bad (a int);
CREATE UNLOGGED VIEW bad_v AS SELECT 1;
DROP TABLE ul_t, ul_like;
CREATE TEMP TABLE tv_base (a int, b text);
INSERT INTO tv_base VALUES (1, 'x');
CREATE VIEW tv_view AS SELECT a, b FROM tv_base;
SELECT * FROM tv_view;
SELECT relname, relpersistence, relnamespace = pg_my_temp_schema() AS in_temp FROM pg_class WHERE relname = 'tv_view';
CREATE VIEW public.tv_view2 AS SELECT a FROM tv_base;
CREATE TABLE tv_perm (a int);
CREATE VIEW tv_mixed AS SELECT p.a FROM tv_perm p JOIN tv_base t ON t.a = p.a;
SELECT relname, relpersistence FROM pg_class WHERE relname IN ('tv_mixed') ORDER BY 1;
CREATE VIEW tv_over_view AS SELECT * FROM tv_view;
SELECT relname, relpersistence FROM pg_class WHERE relname = 'tv_over_view';
CREATE VIEW tv_plain AS SELECT a FROM tv_perm;
SELECT relname, relpersistence FROM pg_class WHERE relname = 'tv_plain';
DROP TABLE tv_base CASCADE;
DROP VIEW tv_plain;
DROP TABLE tv_perm;
-- SET LOGGED / UNLOGGED
CREATE UNLOGGED TABLE ul_switch (a int);
ALTER TABLE ul_switch SET LOGGED;
SELECT relpersistence FROM pg_class WHERE relname = 'ul_switch';
ALTER TABLE ul_switch SET UNLOGGED;
\d ul_switch
CREATE TEMP TABLE ul_temp (a int);
-- difftest: differs: the error's schema field names the temporary schema, pg_temp_<pid> in Tusk
ALTER TABLE ul_temp SET LOGGED;
DROP TABLE ul_switch, ul_temp;
