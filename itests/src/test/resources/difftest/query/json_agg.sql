-- query/json_agg: json_agg / jsonb_agg over numbers, text, NULLs, booleans, json values, with ORDER BY and FILTER, per group, empty input, as a window aggregate
CREATE TABLE q_jagg_t (g int, n numeric, s text, b bool, j jsonb, ts timestamp);
INSERT INTO q_jagg_t VALUES (1, 1.50, 'a"b', true, '{"k": 1}', '2024-01-01 10:00'), (1, NULL, NULL, NULL, NULL, NULL), (2, 3, 'c', false, '[1, 2]', '2024-02-02 00:00:01');
SELECT g, json_agg(n ORDER BY n), jsonb_agg(s ORDER BY s) FROM q_jagg_t GROUP BY g ORDER BY g;
SELECT json_agg(b ORDER BY g), jsonb_agg(j ORDER BY g), json_agg(ts ORDER BY g) FROM q_jagg_t;
SELECT json_agg(s) FILTER (WHERE s IS NOT NULL) FROM q_jagg_t;
SELECT json_agg(n) FROM q_jagg_t WHERE false;
SELECT g, jsonb_agg(g) OVER (ORDER BY g) FROM q_jagg_t WHERE n IS NOT NULL ORDER BY g;
SELECT pg_typeof(json_agg(g)), pg_typeof(jsonb_agg(g)) FROM q_jagg_t;
DROP TABLE q_jagg_t;
