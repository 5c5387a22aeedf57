-- FETCH FIRST n ROWS WITH TIES: rows tied with the last on the ORDER BY keys, with OFFSET, zero rows, EXPLAIN, errors
CREATE TABLE fetch_with_ties_t (id int, g int);
INSERT INTO fetch_with_ties_t VALUES (1, 1), (2, 1), (3, 2), (4, 2), (5, 2), (6, 3);
SELECT g FROM fetch_with_ties_t ORDER BY g FETCH FIRST 1 ROW WITH TIES;
SELECT g FROM fetch_with_ties_t ORDER BY g FETCH FIRST 3 ROWS WITH TIES;
SELECT g FROM fetch_with_ties_t ORDER BY g OFFSET 1 ROWS FETCH FIRST 2 ROWS WITH TIES;
SELECT * FROM fetch_with_ties_t ORDER BY g FETCH FIRST 0 ROWS WITH TIES;
SELECT * FROM fetch_with_ties_t ORDER BY g DESC FETCH NEXT ROW WITH TIES;
SELECT g, count(*) FROM fetch_with_ties_t GROUP BY g ORDER BY count(*) DESC FETCH FIRST 1 ROW WITH TIES;
SELECT id FROM fetch_with_ties_t ORDER BY g, id FETCH FIRST 3 ROWS WITH TIES;
SELECT count(*) FROM (SELECT * FROM fetch_with_ties_t ORDER BY g FETCH FIRST 1 ROW WITH TIES) s;
EXPLAIN (COSTS OFF) SELECT * FROM fetch_with_ties_t ORDER BY g FETCH FIRST 1 ROW WITH TIES;
SELECT * FROM fetch_with_ties_t FETCH FIRST 1 ROW WITH TIES;
SELECT * FROM fetch_with_ties_t ORDER BY g FETCH FIRST NULL ROWS WITH TIES;
SELECT * FROM fetch_with_ties_t ORDER BY g FETCH FIRST 1 ROW WITH TIES FOR UPDATE SKIP LOCKED;
SELECT * FROM fetch_with_ties_t ORDER BY g LIMIT 1 WITH TIES;
DROP TABLE fetch_with_ties_t;
