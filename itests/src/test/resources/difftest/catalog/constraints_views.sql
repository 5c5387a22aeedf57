-- catalog/constraints_views: information_schema table_constraints / key_column_usage / referential_constraints / constraint_column_usage / check_constraints / sequences, pg_indexes, pg_tables, pg_views, pg_sequences
CREATE SCHEMA constraints_views_s;
CREATE TABLE constraints_views_parent (id integer PRIMARY KEY, code text NOT NULL UNIQUE, qty int DEFAULT 1 CHECK (qty > 0));
CREATE TABLE constraints_views_s.child (a int, b int, parent_id int REFERENCES constraints_views_parent (id) ON DELETE CASCADE ON UPDATE SET NULL, PRIMARY KEY (b, a), CONSTRAINT constraints_views_pair UNIQUE (a, parent_id));
CREATE TABLE constraints_views_grand (x int, y int, FOREIGN KEY (y, x) REFERENCES constraints_views_s.child (b, a) ON DELETE RESTRICT);
CREATE INDEX constraints_views_code_idx ON constraints_views_parent (code DESC, qty);
CREATE SEQUENCE constraints_views_seq START 10 INCREMENT 5 MAXVALUE 1000 CYCLE;
CREATE SEQUENCE constraints_views_small AS smallint;
CREATE VIEW constraints_views_v AS SELECT id, code FROM constraints_views_parent WHERE qty > 1;
SELECT constraint_schema, constraint_name, table_schema, table_name, constraint_type, is_deferrable, initially_deferred, enforced, nulls_distinct
FROM information_schema.table_constraints WHERE (table_name LIKE 'constraints_views%' OR table_schema = 'constraints_views_s') AND constraint_name NOT LIKE '%not_null'
ORDER BY table_name, constraint_type, constraint_name;
SELECT table_name, constraint_type, count(*) FROM information_schema.table_constraints
WHERE table_name LIKE 'constraints_views%' OR table_schema = 'constraints_views_s' GROUP BY 1, 2 ORDER BY 1, 2;
SELECT constraint_schema, constraint_name, table_schema, table_name, column_name, ordinal_position, position_in_unique_constraint
FROM information_schema.key_column_usage WHERE table_name LIKE 'constraints_views%' OR table_schema = 'constraints_views_s'
ORDER BY constraint_name, ordinal_position;
SELECT constraint_name, unique_constraint_schema, unique_constraint_name, match_option, update_rule, delete_rule
FROM information_schema.referential_constraints WHERE constraint_name LIKE 'constraints_views%' OR constraint_name LIKE 'child%' ORDER BY 1;
SELECT table_schema, table_name, column_name, constraint_name FROM information_schema.constraint_column_usage
WHERE table_name LIKE 'constraints_views%' OR table_schema = 'constraints_views_s' ORDER BY constraint_name, column_name;
SELECT constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_name = 'constraints_views_parent_qty_check';
SELECT count(*) FROM information_schema.check_constraints WHERE check_clause = 'code IS NOT NULL';
SELECT sequence_schema, sequence_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale, start_value, minimum_value, maximum_value, increment, cycle_option
FROM information_schema.sequences WHERE sequence_name LIKE 'constraints_views%' ORDER BY 2;
SELECT schemaname, tablename, indexname, tablespace, indexdef FROM pg_indexes WHERE tablename LIKE 'constraints_views%' OR schemaname = 'constraints_views_s' ORDER BY indexname;
SELECT schemaname, tablename, tablespace, hasindexes, hasrules, hastriggers, rowsecurity FROM pg_tables WHERE tablename LIKE 'constraints_views%' OR schemaname = 'constraints_views_s' ORDER BY 2;
SELECT schemaname, viewname FROM pg_views WHERE viewname = 'constraints_views_v';
SELECT nextval('constraints_views_seq');
SELECT schemaname, sequencename, data_type, start_value, min_value, max_value, increment_by, cycle, cache_size, last_value FROM pg_sequences WHERE sequencename LIKE 'constraints_views%' ORDER BY 2;
DROP VIEW constraints_views_v;
DROP TABLE constraints_views_grand, constraints_views_s.child, constraints_views_parent;
DROP SEQUENCE constraints_views_seq, constraints_views_small;
DROP SCHEMA constraints_views_s;
