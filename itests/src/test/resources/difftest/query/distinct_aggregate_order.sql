-- query/distinct_aggregate_order: array_agg / string_agg / json_agg / jsonb_agg (DISTINCT x) without ORDER BY list the distinct values sorted (NULL last), as PostgreSQL's sort-based DISTINCT does, per group too
CREATE TABLE q_dao_t (g int, x int, s text);
INSERT INTO q_dao_t VALUES (1, 3, 'c'), (1, 1, 'a'), (1, NULL, NULL), (1, 3, 'c'), (1, 2, 'b'), (2, 9, 'z'), (2, -1, 'y'), (2, 9, 'z');
SELECT array_agg(DISTINCT x) FROM q_dao_t;
SELECT g, array_agg(DISTINCT x), string_agg(DISTINCT s, ','), count(DISTINCT x) FROM q_dao_t GROUP BY g ORDER BY g;
SELECT json_agg(DISTINCT s), jsonb_agg(DISTINCT x) FROM q_dao_t WHERE g = 1;
SELECT array_agg(DISTINCT x ORDER BY x DESC) FROM q_dao_t;
SELECT array_agg(DISTINCT s) FILTER (WHERE x > 1) FROM q_dao_t;
DROP TABLE q_dao_t;
