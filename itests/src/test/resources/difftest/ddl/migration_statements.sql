-- ddl/migration_statements: what Rails / Django migrations emit: CREATE / DROP INDEX CONCURRENTLY, ADD CONSTRAINT ... NOT VALID + VALIDATE CONSTRAINT (CHECK, FOREIGN KEY), SET / DROP NOT NULL, ALTER COLUMN TYPE ... USING
CREATE TABLE migration_statements_p (id bigserial PRIMARY KEY, name varchar(20), n integer, email text);
INSERT INTO migration_statements_p (name, n, email) VALUES ('a', 1, 'A@x'), ('b', NULL, 'B@x'), ('c', -1, 'C@x');
-- CREATE / DROP INDEX CONCURRENTLY: built as a plain index, outside transaction blocks only
CREATE INDEX CONCURRENTLY migration_statements_n ON migration_statements_p (n);
CREATE INDEX CONCURRENTLY IF NOT EXISTS migration_statements_n ON migration_statements_p (n);
CREATE UNIQUE INDEX CONCURRENTLY migration_statements_email ON migration_statements_p (lower(email));
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'migration_statements_p' ORDER BY indexname;
INSERT INTO migration_statements_p (name, n, email) VALUES ('d', 2, 'a@X');
BEGIN;
CREATE INDEX CONCURRENTLY migration_statements_x ON migration_statements_p (name);
ROLLBACK;
BEGIN;
DROP INDEX CONCURRENTLY migration_statements_n;
ROLLBACK;
DROP INDEX CONCURRENTLY migration_statements_n, migration_statements_email;
DROP INDEX CONCURRENTLY migration_statements_n CASCADE;
DROP INDEX CONCURRENTLY migration_statements_n;
DROP INDEX CONCURRENTLY IF EXISTS migration_statements_n;
DROP INDEX CONCURRENTLY migration_statements_email;
-- SET / DROP NOT NULL
ALTER TABLE migration_statements_p ALTER COLUMN n SET NOT NULL;
UPDATE migration_statements_p SET n = 0 WHERE n IS NULL;
ALTER TABLE migration_statements_p ALTER COLUMN n SET NOT NULL;
INSERT INTO migration_statements_p (name) VALUES ('e');
ALTER TABLE migration_statements_p ALTER COLUMN n DROP NOT NULL;
-- ALTER COLUMN TYPE ... USING
ALTER TABLE migration_statements_p ALTER COLUMN n TYPE bigint USING n::bigint;
ALTER TABLE migration_statements_p ALTER COLUMN name TYPE integer;
ALTER TABLE migration_statements_p ALTER COLUMN name TYPE integer USING length(name);
SELECT id, name, n FROM migration_statements_p ORDER BY id;
-- CHECK ... NOT VALID: existing rows are not checked, new ones are; VALIDATE checks them
DROP TABLE migration_statements_p;
CREATE TABLE migration_statements_p (id bigserial PRIMARY KEY, name integer, n bigint, email text);
INSERT INTO migration_statements_p (name, n, email) VALUES (1, 1, 'A@x'), (1, NULL, 'B@x'), (1, -1, 'C@x');
ALTER TABLE migration_statements_p ADD CONSTRAINT migration_statements_n_pos CHECK (n >= 0) NOT VALID;
SELECT conname, contype, convalidated FROM pg_constraint WHERE conname = 'migration_statements_n_pos';
INSERT INTO migration_statements_p (name, n) VALUES (1, -5);
ALTER TABLE migration_statements_p VALIDATE CONSTRAINT migration_statements_n_pos;
ALTER TABLE migration_statements_p ALTER COLUMN n SET NOT NULL;
UPDATE migration_statements_p SET n = 0 WHERE n < 0 OR n IS NULL;
ALTER TABLE migration_statements_p VALIDATE CONSTRAINT migration_statements_n_pos;
SELECT conname, contype, convalidated FROM pg_constraint WHERE conname = 'migration_statements_n_pos';
ALTER TABLE migration_statements_p VALIDATE CONSTRAINT migration_statements_n_pos;
ALTER TABLE migration_statements_p VALIDATE CONSTRAINT migration_statements_nope;
ALTER TABLE migration_statements_p VALIDATE CONSTRAINT migration_statements_p_pkey;
ALTER TABLE migration_statements_p ADD CONSTRAINT migration_statements_u UNIQUE (email) NOT VALID;
ALTER TABLE migration_statements_p ADD PRIMARY KEY (email) NOT VALID;
-- FOREIGN KEY ... NOT VALID (Rails' add_foreign_key validate: false, then validate_foreign_key)
CREATE TABLE migration_statements_c (id integer PRIMARY KEY, p_id bigint);
INSERT INTO migration_statements_c VALUES (1, 1), (2, 99);
ALTER TABLE migration_statements_c ADD CONSTRAINT migration_statements_c_fk FOREIGN KEY (p_id)
  REFERENCES migration_statements_p (id) NOT VALID;
SELECT conname, contype, convalidated FROM pg_constraint WHERE conname = 'migration_statements_c_fk';
INSERT INTO migration_statements_c VALUES (3, 98);
ALTER TABLE migration_statements_c VALIDATE CONSTRAINT migration_statements_c_fk;
DELETE FROM migration_statements_c WHERE id = 2;
ALTER TABLE migration_statements_c VALIDATE CONSTRAINT migration_statements_c_fk;
SELECT conname, contype, convalidated FROM pg_constraint WHERE conname = 'migration_statements_c_fk';
DROP TABLE migration_statements_c, migration_statements_p;
