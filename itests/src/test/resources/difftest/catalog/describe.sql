-- catalog/describe: psql's \d family over tables with every constraint kind, indexes, sequences, views and schemas
CREATE TABLE describe_parent (id integer PRIMARY KEY, code text UNIQUE, qty int DEFAULT 1 CHECK (qty > 0), note varchar(30) NOT NULL);
CREATE TABLE describe_child (id serial PRIMARY KEY, parent_id int REFERENCES describe_parent(id) ON DELETE CASCADE, label char(4), amount numeric(10,2) DEFAULT 0, UNIQUE (label, amount));
CREATE TABLE describe_other (a bigint, b boolean, c timestamp with time zone, d bytea, e double precision, f date);
ALTER TABLE describe_other ADD CONSTRAINT describe_other_a_fkey FOREIGN KEY (a) REFERENCES describe_child(id);
CREATE INDEX describe_child_label_idx ON describe_child (label DESC, amount);
CREATE UNIQUE INDEX describe_other_b_idx ON describe_other (b, a NULLS FIRST);
CREATE SEQUENCE describe_seq START 10 INCREMENT 5 MAXVALUE 1000 CYCLE;
CREATE VIEW describe_view AS SELECT id, code FROM describe_parent;
CREATE SCHEMA describe_schema;
CREATE TABLE describe_schema.inner_t (x integer PRIMARY KEY);
COMMENT ON TABLE describe_parent IS 'the parent';
COMMENT ON COLUMN describe_parent.code IS 'a code';
\dt describe*
\d describe_parent
\d describe_child
\d describe_other
\d+ describe_parent
\d describe_child_label_idx
\d describe_parent_pkey
\d describe_other_b_idx
\d describe_seq
\d describe_child_id_seq
\d describe_view
\di describe*
\ds describe*
\dv describe*
\dn describe*
\dt describe_schema.*
\d describe_schema.inner_t
\dt+ describe_nothing
SELECT e.extname FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1;
DROP VIEW describe_view;
DROP TABLE describe_other, describe_child, describe_parent;
DROP SEQUENCE describe_seq;
DROP TABLE describe_schema.inner_t;
DROP SCHEMA describe_schema;
