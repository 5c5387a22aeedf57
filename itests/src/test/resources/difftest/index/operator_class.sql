-- index/operator_class: CREATE INDEX with a column's operator class (varchar_pattern_ops / text_pattern_ops as Django writes them for LIKE lookups, schema-qualified, with ordering options), the index then used, and an unknown class
CREATE TABLE q_opc_t (id int PRIMARY KEY, title varchar(50), body text, n int);
INSERT INTO q_opc_t SELECT g, 'title ' || g, 'body ' || g, g % 7 FROM generate_series(1, 50) g;
CREATE INDEX q_opc_title_like ON q_opc_t (title varchar_pattern_ops);
CREATE INDEX q_opc_body_like ON q_opc_t (body text_pattern_ops DESC NULLS LAST, n int4_ops);
CREATE INDEX q_opc_n ON q_opc_t USING btree (n pg_catalog.int4_ops);
SELECT id FROM q_opc_t WHERE title LIKE 'title 4%' ORDER BY id;
SELECT id FROM q_opc_t WHERE body = 'body 7';
SELECT count(*) FROM q_opc_t WHERE n = 3;
SELECT relname FROM pg_class WHERE relname LIKE 'q_opc%' AND relkind = 'i' ORDER BY 1;
-- errors
CREATE INDEX q_opc_bad ON q_opc_t (title foo_ops);
DROP TABLE q_opc_t;
