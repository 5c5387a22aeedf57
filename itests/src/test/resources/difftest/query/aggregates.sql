-- query/aggregates: count/sum/avg/min/max/string_agg/bool_and/bool_or/every, DISTINCT and FILTER and ORDER BY in aggregates, GROUP BY (expressions, ordinals, output names), HAVING, result types, 42803
CREATE TABLE q_agg_t (g int, h text, x int, y bigint, z numeric, f float8, b bool, s smallint);
INSERT INTO q_agg_t VALUES (1, 'a', 1, 10, 1.5, 0.5, true, 1), (1, 'b', 2, 20, 2.25, 1.5, false, 2),
  (2, 'a', 3, NULL, NULL, NULL, true, 3), (2, 'a', NULL, 40, 4, 2, true, NULL), (3, NULL, 5, 50, 5.125, 3, NULL, 5);
SELECT count(*), count(x), count(DISTINCT g), count(DISTINCT h), sum(x), sum(y), sum(z), sum(s), sum(f) FROM q_agg_t;
SELECT avg(x), avg(y), avg(z), avg(f), avg(s), min(h), max(h), min(z), max(f) FROM q_agg_t;
SELECT pg_typeof(sum(x)), pg_typeof(sum(y)), pg_typeof(sum(z)), pg_typeof(sum(s)), pg_typeof(avg(x)), pg_typeof(avg(f)),
  pg_typeof(count(*)), pg_typeof(min(h)) FROM q_agg_t;
-- no GROUP BY: one row even on empty input
SELECT count(*), count(x), sum(x), avg(x), max(h), bool_and(b), string_agg(h, ',') FROM q_agg_t WHERE false;
SELECT g, count(*) FROM q_agg_t WHERE false GROUP BY g;
SELECT g, count(*), sum(x) AS s FROM q_agg_t GROUP BY g ORDER BY g;
SELECT g, h, count(*) FROM q_agg_t GROUP BY 1, 2 ORDER BY 1, 2;
SELECT g + 1 AS k, count(*) FROM q_agg_t GROUP BY k ORDER BY k;
SELECT g * 2, sum(x) FROM q_agg_t GROUP BY g * 2 ORDER BY 1;
SELECT h, count(*) FROM q_agg_t GROUP BY h ORDER BY h NULLS FIRST;
SELECT g, count(*) FROM q_agg_t GROUP BY g HAVING count(*) > 1 ORDER BY g;
SELECT g FROM q_agg_t GROUP BY g HAVING g > 1 ORDER BY g;
SELECT 1 AS one FROM q_agg_t HAVING count(*) > 2;
SELECT g, count(*) FROM q_agg_t GROUP BY g ORDER BY count(*) DESC, g;
SELECT g, bool_and(b), bool_or(b), every(b) FROM q_agg_t GROUP BY g ORDER BY g;
SELECT string_agg(h, ',' ORDER BY h DESC), string_agg(DISTINCT h, '-' ORDER BY h) FROM q_agg_t;
SELECT g, string_agg(h, '/' ORDER BY h NULLS FIRST) FROM q_agg_t GROUP BY g ORDER BY g;
SELECT count(*) FILTER (WHERE x > 1), sum(x) FILTER (WHERE g < 3) FROM q_agg_t;
SELECT avg(x)::numeric(10, 2), sum(x) / count(x) AS int_div FROM q_agg_t;
SELECT max(x) - min(x) AS spread, count(*) * 2 AS twice FROM q_agg_t;
SELECT count(*) FROM q_agg_t a JOIN q_agg_t b ON a.g = b.g;
-- 42803 and friends
SELECT g, x FROM q_agg_t GROUP BY g;
SELECT x FROM q_agg_t GROUP BY g;
SELECT g FROM q_agg_t GROUP BY g ORDER BY x;
SELECT x, count(*) FROM q_agg_t;
SELECT count(*) FROM q_agg_t WHERE sum(x) > 1;
SELECT sum(count(*)) FROM q_agg_t;
SELECT count(*) FROM q_agg_t GROUP BY 5;
SELECT count(*) FROM q_agg_t GROUP BY count(*);
SELECT sum(h) FROM q_agg_t;
SELECT count(x, y) FROM q_agg_t;
DROP TABLE q_agg_t;
