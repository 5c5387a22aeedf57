-- features/like_any: x [NOT] LIKE / ILIKE ANY | SOME | ALL (array or subquery), as search code writes for several patterns, with NULL elements and parameters
CREATE TABLE q_lka_t (id int PRIMARY KEY, name text);
INSERT INTO q_lka_t VALUES (1, 'Hello'), (2, 'world'), (3, 'help'), (4, NULL);
SELECT id FROM q_lka_t WHERE name LIKE ANY (ARRAY['He%', '%ld']) ORDER BY id;
SELECT id FROM q_lka_t WHERE name ILIKE ANY (ARRAY['%L%', 'x']) ORDER BY id;
SELECT id FROM q_lka_t WHERE name ILIKE SOME ('{h%,w%}') ORDER BY id;
SELECT id FROM q_lka_t WHERE name LIKE ALL (ARRAY['%l%', '%e%']) ORDER BY id;
SELECT id FROM q_lka_t WHERE name NOT LIKE ANY (ARRAY['H%', 'w%']) ORDER BY id;
SELECT id FROM q_lka_t WHERE name NOT ILIKE ALL (ARRAY['h%', 'w%']) ORDER BY id;
SELECT 'abc' LIKE ANY (ARRAY['x', NULL]) IS NULL AS unknown, 'abc' LIKE ANY (ARRAY['a%', NULL]) AS found, 'abc' LIKE ANY ('{}'::text[]) AS empty;
SELECT id FROM q_lka_t WHERE name LIKE ANY (SELECT 'h%' UNION ALL SELECT 'w%') ORDER BY id;
PREPARE q_lka_p(text[]) AS SELECT id FROM q_lka_t WHERE name ILIKE ANY ($1) ORDER BY id;
EXECUTE q_lka_p('{%o%}');
DEALLOCATE q_lka_p;
-- errors
SELECT id FROM q_lka_t WHERE id LIKE ANY (ARRAY['1']);
DROP TABLE q_lka_t;
