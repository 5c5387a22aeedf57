-- query/srf_select_list: set-returning functions in the select list (ProjectSet): several in lockstep padded with NULLs, over table rows, with aggregates, ORDER BY and LIMIT, NULL and empty sets, and where they are refused
SELECT generate_series(1, 3);
SELECT generate_series(1, 3) AS g, 'x' AS c;
SELECT generate_series(1, 2), generate_series(1, 4) ORDER BY 2;
CREATE TABLE q_srf_t (id int, tags text[]);
INSERT INTO q_srf_t VALUES (1, '{a,b}'), (2, NULL), (3, '{}'), (4, '{c}');
SELECT id, unnest(tags) FROM q_srf_t ORDER BY id, 2;
SELECT id, unnest(tags) AS tag, generate_series(1, id) AS n FROM q_srf_t ORDER BY id, n;
SELECT count(*), generate_series(1, 2) FROM q_srf_t;
SELECT unnest(array[3, 1, 2]) AS v ORDER BY v DESC LIMIT 2;
SELECT jsonb_array_elements('[1, 2]'), jsonb_object_keys('{"a": 1}');
SELECT regexp_matches('a1b22', '\d+', 'g');
SELECT DISTINCT unnest(array[1, 1, 2]) ORDER BY 1;
SELECT * FROM q_srf_t WHERE generate_series(1, 2) > 1;
SELECT sum(generate_series(1, 3));
DROP TABLE q_srf_t;
