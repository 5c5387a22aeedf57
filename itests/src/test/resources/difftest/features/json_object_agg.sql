-- features/json_object_agg: json_object_agg / jsonb_object_agg (duplicate keys, NULL values, non-text keys and values, empty groups, GROUP BY, the NULL key error)
CREATE TABLE q_joa_t (g int, k text, v int, d date);
INSERT INTO q_joa_t VALUES (1, 'b', 1, '2024-01-02'), (1, 'a', NULL, NULL), (1, 'b', 3, '2024-03-04'), (2, 'x', 5, '2024-05-06');
SELECT json_object_agg(k, v ORDER BY k, v), jsonb_object_agg(k, v ORDER BY k, v) FROM q_joa_t WHERE g = 1;
SELECT g, json_object_agg(k, d ORDER BY k, d) AS j, jsonb_object_agg(k, d) AS jb FROM q_joa_t GROUP BY g ORDER BY g;
SELECT json_object_agg(v, k ORDER BY v), jsonb_object_agg(g, v ORDER BY v) FROM q_joa_t WHERE v IS NOT NULL;
SELECT json_object_agg(k, v), jsonb_object_agg(k, v) FROM q_joa_t WHERE false;
SELECT jsonb_object_agg(k, jsonb_build_object('v', v, 'a', ARRAY[v, g])) FROM q_joa_t WHERE g = 2;
SELECT pg_typeof(json_object_agg(k, v)), pg_typeof(jsonb_object_agg(k, v)) FROM q_joa_t;
SELECT json_object_agg(NULL::text, v) FROM q_joa_t;
SELECT jsonb_object_agg(k) FROM q_joa_t;
DROP TABLE q_joa_t;
