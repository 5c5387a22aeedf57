-- spill/work_mem: work_mem's units and range, and sorts, hash aggregations and hash joins past a small work_mem return what they return in memory
\set VERBOSITY verbose
SHOW work_mem;
SET work_mem = '64kB';
SHOW work_mem;
SET work_mem = 1024;
SHOW work_mem;
SET work_mem = '2MB';
SHOW work_mem;
SET work_mem = '1GB';
SHOW work_mem;
SET work_mem = '63kB';
SET work_mem = '10';
SET work_mem = 'lots';
RESET work_mem;
SHOW work_mem;
SELECT current_setting('work_mem');
CREATE TABLE work_mem_t (id int, g int, x int, t text);
INSERT INTO work_mem_t
  WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 20000)
  SELECT i, i % 1500, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 1000 - 500 END,
         CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i * 7919 % 5000) END FROM s;
CREATE TABLE work_mem_k (k int, v int);
INSERT INTO work_mem_k
  WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)
  SELECT CASE WHEN i <= 2500 THEN 1 WHEN i % 10 = 0 THEN NULL ELSE i * 3 END, i FROM s;
SET work_mem = '64kB';
-- sorts: external merge sort, NULLS FIRST / LAST, DESC, duplicates
SELECT id, x, t FROM work_mem_t ORDER BY x DESC NULLS FIRST, t, id LIMIT 20;
SELECT id, x, t FROM work_mem_t ORDER BY x DESC NULLS FIRST, t, id OFFSET 19980;
SELECT t, count(*) OVER () FROM (SELECT t FROM work_mem_t ORDER BY t NULLS FIRST, id OFFSET 100 LIMIT 5) s;
SELECT id, t FROM work_mem_t ORDER BY t DESC NULLS LAST, id OFFSET 10000 LIMIT 10;
SELECT sum(id::int8 * rn) FROM (SELECT id, row_number() OVER (ORDER BY x, t DESC, id) AS rn FROM work_mem_t) s;
-- top-N under LIMIT
SELECT id, x FROM work_mem_t ORDER BY x, id DESC LIMIT 7;
SELECT id, x FROM work_mem_t ORDER BY x NULLS FIRST, id LIMIT 3 OFFSET 2855;
-- hash aggregation with many groups
SELECT count(*), sum(c), min(t), max(t) FROM (SELECT t, count(*) AS c FROM work_mem_t GROUP BY t) s;
SELECT g, count(*), sum(x), min(t), max(x), count(DISTINCT x % 10) FROM work_mem_t GROUP BY g ORDER BY g LIMIT 10;
SELECT g, count(*), sum(x) FROM work_mem_t GROUP BY g ORDER BY g OFFSET 1490;
SELECT count(*), sum(c) FROM (SELECT t, x, count(*) AS c FROM work_mem_t GROUP BY t, x) s;
SELECT x, count(*) FROM work_mem_t GROUP BY x HAVING count(*) > 20 ORDER BY x NULLS FIRST LIMIT 5;
-- hash joins: batches, skew, outer joins, NULL keys
SELECT count(*), sum(a.id), sum(b.id) FROM work_mem_t a JOIN work_mem_t b ON a.id = b.id + 1;
SELECT count(*), sum(a.x), sum(b.id) FROM work_mem_t a JOIN work_mem_t b ON a.g = b.g AND a.t = b.t;
SELECT count(*), sum(v), sum(id) FROM work_mem_t JOIN work_mem_k ON work_mem_t.id = work_mem_k.k;
SELECT count(*), count(v), sum(v), sum(id) FROM work_mem_t LEFT JOIN work_mem_k ON work_mem_t.id = work_mem_k.k;
SELECT count(*), count(id), sum(v), sum(id) FROM work_mem_t RIGHT JOIN work_mem_k ON work_mem_t.id = work_mem_k.k;
SELECT count(*), count(id), count(v), sum(v), sum(id) FROM work_mem_t FULL JOIN work_mem_k ON work_mem_t.id = work_mem_k.k;
SELECT work_mem_t.id, work_mem_k.v FROM work_mem_t FULL JOIN work_mem_k ON work_mem_t.id = work_mem_k.k
  WHERE work_mem_t.id IS NULL ORDER BY 2 LIMIT 5;
-- an error mid-sort, then the same sort works
SELECT id, 1 / (id - 15000) FROM work_mem_t ORDER BY t;
SELECT count(*) FROM (SELECT id FROM work_mem_t ORDER BY t) s;
BEGIN;
SET LOCAL work_mem = '64kB';
SELECT id, 1 / (id - 15000) FROM work_mem_t ORDER BY t;
ROLLBACK;
RESET work_mem;
DROP TABLE work_mem_t;
DROP TABLE work_mem_k;
