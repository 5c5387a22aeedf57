-- query/array_agg: array_agg over groups (NULLs kept, ORDER BY and DISTINCT in the call, FILTER), empty input, as a window aggregate, and its errors
CREATE TABLE q_arr_t (g int, x int, s text);
INSERT INTO q_arr_t VALUES (1, 3, 'c'), (1, 1, 'a'), (1, NULL, NULL), (2, 2, 'b'), (2, 2, 'b'), (3, NULL, NULL);
SELECT g, array_agg(x ORDER BY x NULLS FIRST), array_agg(s ORDER BY s DESC) FROM q_arr_t GROUP BY g ORDER BY g;
SELECT g, array_agg(DISTINCT x ORDER BY x) FROM q_arr_t GROUP BY g ORDER BY g;
SELECT array_agg(x ORDER BY x) FILTER (WHERE x > 1) FROM q_arr_t;
SELECT array_agg(x) FROM q_arr_t WHERE false;
SELECT array_agg('lit'::text) FROM q_arr_t WHERE g = 2;
SELECT g, x, array_agg(x) OVER (PARTITION BY g ORDER BY x) FROM q_arr_t WHERE x IS NOT NULL ORDER BY g, x;
SELECT pg_typeof(array_agg(x)), pg_typeof(array_agg(s)) FROM q_arr_t;
SELECT array_agg(x, s) FROM q_arr_t;
DROP TABLE q_arr_t;
