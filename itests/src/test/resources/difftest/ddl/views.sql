-- ddl/views: CREATE [OR REPLACE] VIEW, selecting from views, DROP VIEW [IF EXISTS], dependencies of views on tables
CREATE TABLE views_t (id integer, name text, score integer);
INSERT INTO views_t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30);
CREATE VIEW views_v AS SELECT id, name FROM views_t WHERE score > 10;
SELECT * FROM views_v ORDER BY id;
SELECT name FROM views_v WHERE id = 3;
CREATE VIEW views_c (ident, label) AS SELECT id, upper(name) FROM views_t;
SELECT * FROM views_c ORDER BY ident;
CREATE VIEW views_k AS SELECT 1 AS one, 'x' AS x;
SELECT * FROM views_k;
INSERT INTO views_t VALUES (4, 'd', 40);
SELECT * FROM views_v ORDER BY id;
-- errors
CREATE VIEW views_v AS SELECT 1;
CREATE VIEW views_bad AS SELECT zzz FROM views_t;
CREATE VIEW views_bad (a, b, c) AS SELECT id, name FROM views_t;
CREATE VIEW views_t AS SELECT 1;
CREATE OR REPLACE VIEW views_t AS SELECT 1;
-- OR REPLACE may add columns, not drop or rename them
CREATE OR REPLACE VIEW views_v AS SELECT id, name, score FROM views_t WHERE score > 20;
SELECT * FROM views_v ORDER BY id;
CREATE OR REPLACE VIEW views_v AS SELECT id FROM views_t;
CREATE OR REPLACE VIEW views_v AS SELECT id, name AS n, score FROM views_t;
CREATE OR REPLACE VIEW views_v AS SELECT id, score AS name, score FROM views_t;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'views\_%' ORDER BY relname;
-- dependencies
DROP TABLE views_t;
DROP VIEW views_t;
DROP TABLE views_v;
DROP VIEW views_k, views_c;
DROP VIEW views_k;
DROP VIEW IF EXISTS views_k;
DROP TABLE views_t CASCADE;
SELECT relname FROM pg_class WHERE relname LIKE 'views\_%';
