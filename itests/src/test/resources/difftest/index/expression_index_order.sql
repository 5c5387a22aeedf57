-- index/expression_index_order: expression index keys serving ORDER BY ... LIMIT and min/max; partial-index predicates implied by IN lists and ORs (EXPLAIN and results)
CREATE TABLE expression_index_order_u (id integer PRIMARY KEY, email text, status text, n integer);
INSERT INTO expression_index_order_u SELECT g, 'User' || g || '@X.org', CASE g % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, g % 7
  FROM generate_series(1, 3000) g;
CREATE INDEX expression_index_order_lower ON expression_index_order_u (lower(email));
CREATE INDEX expression_index_order_n_len ON expression_index_order_u (n, length(email) DESC);
-- ORDER BY an index expression, both directions, with a range on it
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u ORDER BY lower(email) LIMIT 10;
SELECT id, lower(email) FROM expression_index_order_u ORDER BY lower(email) LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u ORDER BY lower(email) DESC LIMIT 10;
SELECT id FROM expression_index_order_u ORDER BY lower(email) DESC LIMIT 5;
EXPLAIN (COSTS OFF) SELECT lower(email) FROM expression_index_order_u WHERE lower(email) > 'user5' ORDER BY lower(email) LIMIT 3;
SELECT lower(email) FROM expression_index_order_u WHERE lower(email) > 'user5' ORDER BY lower(email) LIMIT 3;
SELECT id, email FROM expression_index_order_u ORDER BY lower(email) OFFSET 100 LIMIT 3;
-- an equality on the first key, then the expression key in its direction or reversed
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE n = 3 ORDER BY length(email) DESC LIMIT 4;
SELECT id, length(email) FROM expression_index_order_u WHERE n = 3 ORDER BY length(email) DESC, id LIMIT 4;
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE n = 3 ORDER BY length(email) LIMIT 4;
-- min / max of an index expression
-- difftest: differs: Tusk's min/max plan is an Aggregate over a Limit of the index scan, not PostgreSQL's InitPlan under a Result (the outcome is compared)
EXPLAIN (COSTS OFF) SELECT max(lower(email)) FROM expression_index_order_u;
SELECT max(lower(email)) FROM expression_index_order_u;
SELECT min(lower(email)) FROM expression_index_order_u;
SELECT min(lower(email)), max(lower(email)), count(*) FROM expression_index_order_u;
-- partial indexes whose predicates are IN lists or ORs
CREATE INDEX expression_index_order_ab ON expression_index_order_u (id) WHERE status IN ('a', 'b');
CREATE INDEX expression_index_order_ab2 ON expression_index_order_u (email) WHERE status = 'a' OR status = 'b';
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE status = 'a' ORDER BY id LIMIT 5;
SELECT id FROM expression_index_order_u WHERE status = 'a' AND id < 50 ORDER BY id LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE status IN ('b') ORDER BY id LIMIT 5;
SELECT id FROM expression_index_order_u WHERE status IN ('b', 'a') AND id < 20 ORDER BY id;
SELECT id FROM expression_index_order_u WHERE (status = 'b' OR status = 'a') AND id < 20 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE status = 'a' AND email = 'User3@X.org';
SELECT id FROM expression_index_order_u WHERE status = 'a' AND email = 'User3@X.org';
-- not implied: c is outside the list
EXPLAIN (COSTS OFF) SELECT id FROM expression_index_order_u WHERE status = 'c' AND email = 'User5@X.org';
SELECT id FROM expression_index_order_u WHERE status IN ('a', 'c') AND email = 'User5@X.org';
DROP TABLE expression_index_order_u;
