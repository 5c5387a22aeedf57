-- System columns by name (ctid, xmin, xmax, tableoid), the tid type, xid comparisons, reserved column names
CREATE TABLE sc_t (id int PRIMARY KEY, v text);
INSERT INTO sc_t VALUES (1, 'one'), (2, 'two'), (3, 'three');
SELECT * FROM sc_t ORDER BY id;
SELECT ctid, id FROM sc_t ORDER BY ctid;
SELECT sc_t.ctid, t.ctid AS again FROM sc_t JOIN sc_t t USING (id) ORDER BY 1;
SELECT id, pg_typeof(ctid), pg_typeof(xmin), pg_typeof(xmax), pg_typeof(tableoid) FROM sc_t WHERE id = 1;
SELECT id, xmin::text::bigint > 0 AS has_xmin, xmax, xmax = 0 AS no_xmax, xmin = xmin AS same FROM sc_t ORDER BY id;
SELECT tableoid::regclass, id FROM sc_t WHERE ctid = '(0,2)';
SELECT id FROM sc_t WHERE ctid > '(0,1)' ORDER BY ctid DESC;
SELECT id FROM sc_t WHERE ctid IN ('(0,1)', '(0,3)') ORDER BY id;
SELECT count(*) FROM sc_t a, sc_t b WHERE a.ctid = b.ctid;
SELECT ctid FROM sc_t a, sc_t b;
UPDATE sc_t SET v = 'TWO' WHERE ctid = '(0,2)' RETURNING id, v, ctid, xmax = 0 AS no_xmax;
SELECT ctid, id, v FROM sc_t ORDER BY id;
SELECT count(*) FROM sc_t WHERE ctid = '(0,2)';
DELETE FROM sc_t WHERE ctid = '(0,1)' RETURNING id, ctid;
INSERT INTO sc_t VALUES (4, 'four') RETURNING id, xmin::text::bigint > 0 AS has_xmin;
SELECT count(*) FROM sc_t WHERE xmin = xmin AND xmax <> 1;
CREATE TABLE sc_u (id int, w text);
INSERT INTO sc_u VALUES (3, 'x'), (4, 'y');
SELECT u.ctid, u.id, t.id FROM sc_u u JOIN sc_t t ON t.id = u.id ORDER BY u.ctid;
DELETE FROM sc_u u USING sc_t t WHERE u.id = t.id AND u.ctid = '(0,2)' RETURNING u.id, u.ctid;
SELECT ctid, * FROM sc_u;
-- not on views, subqueries, VALUES
CREATE VIEW sc_v AS SELECT id FROM sc_t;
SELECT ctid FROM sc_v;
SELECT xmin FROM (SELECT id FROM sc_t) s;
SELECT s.ctid FROM (VALUES (1)) s(n);
-- user columns may not take a system column's name
CREATE TABLE sc_bad (ctid int);
CREATE TABLE sc_bad (a int, xmin int);
CREATE TABLE sc_bad (a int, a text);
ALTER TABLE sc_u ADD COLUMN cmax int;
ALTER TABLE sc_u RENAME COLUMN w TO tableoid;
-- the tid type
SELECT '(0,1)'::tid, '(4294967295,65535)'::tid, ' (  12 ,  7 )'::tid;
SELECT '(0,1)'::tid = '(0,1)'::tid, '(0,1)'::tid <> '(0,2)'::tid, '(0,2)'::tid < '(1,1)'::tid, '(1,1)'::tid >= '(0,9)'::tid;
SELECT 'x'::tid;
SELECT '(0,65536)'::tid;
SELECT '(0,1'::tid;
-- xid comparisons
SELECT '5'::xid = '5'::xid, '5'::xid <> '6'::xid, '5'::xid = 5, '5'::xid <> 5, '4294967295'::xid = -1, '7'::xid::text;
SELECT '5'::xid < '6'::xid;
DROP VIEW sc_v;
DROP TABLE sc_u;
DROP TABLE sc_t;
