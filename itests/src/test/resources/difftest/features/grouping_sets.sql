-- features/grouping_sets: GROUP BY ROLLUP, CUBE, GROUPING SETS and (), mixed with plain keys, GROUPING(), HAVING per set, expressions over keys, ordinals, ORDER BY / LIMIT over the result, and the errors
CREATE TABLE q_gs_sales (region text, product text, year int, amount numeric(10,2));
INSERT INTO q_gs_sales VALUES ('eu', 'a', 2023, 10), ('eu', 'b', 2023, 20), ('eu', 'a', 2024, 5),
  ('us', 'a', 2023, 7), ('us', 'b', 2024, 3), ('us', 'b', 2024, 4), (NULL, 'a', 2024, 1);
SELECT region, sum(amount), count(*) FROM q_gs_sales GROUP BY ROLLUP (region) ORDER BY region NULLS LAST, 2;
SELECT region, product, sum(amount) FROM q_gs_sales GROUP BY ROLLUP (region, product) ORDER BY 1, 2, 3;
SELECT region, product, sum(amount), grouping(region, product) AS g FROM q_gs_sales GROUP BY CUBE (region, product) ORDER BY g, 1, 2;
SELECT region, year, count(*) FROM q_gs_sales GROUP BY GROUPING SETS ((region), (year), ()) ORDER BY 1, 2, 3;
SELECT region, product, year, sum(amount) FROM q_gs_sales GROUP BY region, ROLLUP (product, year) ORDER BY 1, 2, 3;
SELECT region, product, year, sum(amount) FROM q_gs_sales GROUP BY GROUPING SETS ((region, product), (region, year)) ORDER BY 1, 2, 3;
SELECT region, product, count(*) FROM q_gs_sales GROUP BY ROLLUP ((region, product)) ORDER BY 1, 2;
SELECT region, count(*) FROM q_gs_sales GROUP BY GROUPING SETS (region, ROLLUP (region)) ORDER BY 1, 2;
SELECT sum(amount) FROM q_gs_sales GROUP BY ();
SELECT count(*) FROM q_gs_sales WHERE false GROUP BY ();
SELECT count(*) FROM q_gs_sales WHERE false GROUP BY ROLLUP (region);
SELECT region, count(*) FROM q_gs_sales GROUP BY 1, ROLLUP (year) ORDER BY 1, 2;
SELECT CASE WHEN grouping(region) = 1 THEN 'all' ELSE coalesce(region, '?') END AS region, sum(amount) AS total
  FROM q_gs_sales GROUP BY ROLLUP (region) ORDER BY total DESC;
SELECT upper(region) AS r, sum(amount) FROM q_gs_sales GROUP BY ROLLUP (upper(region)) ORDER BY r, 2;
SELECT region, product, sum(amount) FROM q_gs_sales GROUP BY ROLLUP (region, product) HAVING sum(amount) > 10 ORDER BY 1, 2;
SELECT region, count(region) AS counted, sum(year) FROM q_gs_sales GROUP BY ROLLUP (region) ORDER BY 1, 2;
SELECT region, product, sum(amount) FROM q_gs_sales GROUP BY CUBE (region, product) ORDER BY 3 DESC, 1, 2 LIMIT 3;
SELECT region, grouping(region) FROM q_gs_sales GROUP BY region ORDER BY 1;
SELECT date_trunc('year', make_date(year, 1, 1))::date AS y, product, sum(amount) FROM q_gs_sales
  GROUP BY GROUPING SETS ((date_trunc('year', make_date(year, 1, 1))::date, product), ()) ORDER BY 1, 2;
-- errors
SELECT region, product FROM q_gs_sales GROUP BY ROLLUP (region);
SELECT grouping(product) FROM q_gs_sales GROUP BY ROLLUP (region);
SELECT grouping(region) FROM q_gs_sales;
SELECT region FROM q_gs_sales GROUP BY ROLLUP (sum(amount));
DROP TABLE q_gs_sales;
