-- Column numbers after ALTER TABLE ... DROP COLUMN: a dropped column keeps its attnum, so the
-- catalogs (pg_index.indkey, pg_constraint.conkey / confkey, pg_attrdef.adnum, pg_depend,
-- pg_description, information_schema) and what reads them (\d, pg_get_indexdef,
-- pg_get_constraintdef, the JDBC driver's metadata joins) number the columns after it by attnum,
-- not by position among the live columns. Objects made before and after the drop.
CREATE TABLE dropc_t (id int, a int, b text);
INSERT INTO dropc_t SELECT g, g, 'x' || g FROM generate_series(1, 5) g;
ALTER TABLE dropc_t DROP COLUMN a;
ALTER TABLE dropc_t ADD COLUMN k serial;
ALTER TABLE dropc_t ADD PRIMARY KEY (k);
\d dropc_t
SELECT attname, attnum, attisdropped FROM pg_attribute WHERE attrelid = 'dropc_t'::regclass AND attnum > 0
  ORDER BY attnum;
SELECT indkey, pg_get_indexdef(indexrelid), pg_get_indexdef(indexrelid, 1, true) FROM pg_index
  WHERE indrelid = 'dropc_t'::regclass;
SELECT conname, contype, conkey, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'dropc_t'::regclass;
SELECT adnum, pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'dropc_t'::regclass;
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dropc_t_k_seq'::regclass AND refobjid = 'dropc_t'::regclass;
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_attrdef'::regclass AND refobjid = 'dropc_t'::regclass;
SELECT pg_get_serial_sequence('dropc_t', 'k');
-- the key works on k: a duplicate k fails, a duplicate b does not
INSERT INTO dropc_t (id, b, k) VALUES (6, 'x1', 6);
INSERT INTO dropc_t (id, b, k) VALUES (7, 'y', 1);
SELECT id, b, k FROM dropc_t WHERE k = 3;
SELECT id, b, k FROM dropc_t WHERE k BETWEEN 2 AND 4 ORDER BY k;
-- an index on the key by the index's own columns (psql's \d INDEX reads them by indkey)
\d dropc_t_pkey
INSERT INTO dropc_t (id, b, k) VALUES (8, 'z', 2) ON CONFLICT (k) DO UPDATE SET b = excluded.b;
SELECT id, b, k FROM dropc_t WHERE k = 2;
-- a rewrite by ALTER COLUMN TYPE keeps the key on k
ALTER TABLE dropc_t ALTER COLUMN k TYPE bigint;
SELECT indkey, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'dropc_t'::regclass;
INSERT INTO dropc_t (id, b, k) VALUES (9, 'w', 3);
SELECT id, b, k FROM dropc_t WHERE k = 3;

-- an index and constraints made before a DROP COLUMN of an earlier column keep their columns
CREATE TABLE dropc_e (a int, b int, c int, d text DEFAULT 'dflt', e int CHECK (e > 0), f serial);
CREATE INDEX dropc_e_c ON dropc_e (c);
CREATE INDEX dropc_e_dc ON dropc_e (d DESC, c);
CREATE UNIQUE INDEX dropc_e_e ON dropc_e (e) WHERE e > 10;
ALTER TABLE dropc_e ADD CONSTRAINT dropc_e_ce UNIQUE (c, e);
INSERT INTO dropc_e (a, b, c, e) SELECT g, g * 10, g * 100, g FROM generate_series(1, 20) g;
ALTER TABLE dropc_e DROP COLUMN a;
ALTER TABLE dropc_e DROP COLUMN b;
\d dropc_e
SELECT indexrelid::regclass AS index, indkey, indoption, pg_get_indexdef(indexrelid) FROM pg_index
  WHERE indrelid = 'dropc_e'::regclass ORDER BY 1;
SELECT conname, contype, conkey, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'dropc_e'::regclass
  ORDER BY conname;
SELECT adnum, pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'dropc_e'::regclass ORDER BY adnum;
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dropc_e_f_seq'::regclass AND refobjid = 'dropc_e'::regclass;
-- rows and the indexes still right after the rewrite
INSERT INTO dropc_e (c, e) VALUES (2100, 21);
INSERT INTO dropc_e (c, e) VALUES (100, 1);
INSERT INTO dropc_e (c, e) VALUES (100, 22);
INSERT INTO dropc_e (c, e) VALUES (2300, 15);
INSERT INTO dropc_e (c, e) VALUES (2400, 0);
SELECT c, d, e, f FROM dropc_e WHERE c = 700;
SELECT c, e FROM dropc_e WHERE c >= 1800 ORDER BY c;
SELECT c, e FROM dropc_e WHERE d = 'dflt' AND c < 300 ORDER BY c;
SELECT count(*) FROM dropc_e WHERE e > 10;
UPDATE dropc_e SET c = c + 1 WHERE e = 5;
SELECT c, e FROM dropc_e WHERE c = 501;
DELETE FROM dropc_e WHERE c = 501;
SELECT count(*) FROM dropc_e;
-- dropping an indexed column drops its indexes and constraints, the others stay
ALTER TABLE dropc_e DROP COLUMN c;
\d dropc_e
SELECT indexrelid::regclass AS index, indkey FROM pg_index WHERE indrelid = 'dropc_e'::regclass ORDER BY 1;
-- new ones after the drops
CREATE INDEX dropc_e_f ON dropc_e (f);
ALTER TABLE dropc_e ADD COLUMN g int DEFAULT 7;
CREATE INDEX dropc_e_gd ON dropc_e (g, d);
ALTER TABLE dropc_e ADD CONSTRAINT dropc_e_g_check CHECK (g > 0);
SELECT indexrelid::regclass AS index, indkey, pg_get_indexdef(indexrelid) FROM pg_index
  WHERE indrelid = 'dropc_e'::regclass ORDER BY 1;
SELECT conname, conkey FROM pg_constraint WHERE conrelid = 'dropc_e'::regclass ORDER BY conname;
SELECT adnum, pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'dropc_e'::regclass ORDER BY adnum;
SELECT d, e, f, g FROM dropc_e WHERE f = 4;
SELECT count(*) FROM dropc_e WHERE g = 7 AND d = 'dflt';
-- an expression key beside a column (indkey 0 for the expression)
CREATE INDEX dropc_e_expr ON dropc_e (lower(d), g);
SELECT indkey, pg_get_indexdef(indexrelid) FROM pg_index WHERE indexrelid = 'dropc_e_expr'::regclass;
SELECT count(*) FROM dropc_e WHERE lower(d) = 'dflt' AND g = 7;
-- a copy by LIKE has no dropped columns: its numbers are positions again
CREATE TABLE dropc_like (LIKE dropc_e INCLUDING ALL);
SELECT indexrelid::regclass AS index, indkey, pg_get_indexdef(indexrelid) FROM pg_index
  WHERE indrelid = 'dropc_like'::regclass ORDER BY 1;
SELECT conname, conkey FROM pg_constraint WHERE conrelid = 'dropc_like'::regclass ORDER BY conname;
DROP TABLE dropc_like;
-- a DROP COLUMN and constraints in one ALTER TABLE
ALTER TABLE dropc_e DROP COLUMN d, ADD CONSTRAINT dropc_e_f_check CHECK (f > 0), ADD COLUMN h int CHECK (h <> 0);
SELECT conname, conkey, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'dropc_e'::regclass
  ORDER BY conname;
SELECT indexrelid::regclass AS index, indkey FROM pg_index WHERE indrelid = 'dropc_e'::regclass ORDER BY 1;
INSERT INTO dropc_e (e, g, h) VALUES (30, 1, 0);

-- foreign keys on both sides of dropped columns, and REFERENCES without a column list
CREATE TABLE dropc_p (x int, pre int, y int, z int);
ALTER TABLE dropc_p DROP COLUMN x;
ALTER TABLE dropc_p ADD PRIMARY KEY (z);
ALTER TABLE dropc_p ADD UNIQUE (y);
INSERT INTO dropc_p (y, z) VALUES (1, 10), (2, 20);
CREATE TABLE dropc_c (q int, r int REFERENCES dropc_p (y), CHECK (r > 0));
ALTER TABLE dropc_c DROP COLUMN q;
ALTER TABLE dropc_c ADD COLUMN s int REFERENCES dropc_p;
-- a column of the referenced table dropped after the keys exist
ALTER TABLE dropc_p DROP COLUMN pre;
INSERT INTO dropc_c VALUES (1, 10);
INSERT INTO dropc_c VALUES (2, 30);
INSERT INTO dropc_c VALUES (3, 10);
\d dropc_p
\d dropc_c
SELECT conrelid::regclass AS rel, conname, contype, conkey, confkey, pg_get_constraintdef(oid) FROM pg_constraint
  WHERE conrelid IN ('dropc_p'::regclass, 'dropc_c'::regclass) ORDER BY 1, 2;
SELECT table_name, constraint_name, column_name, ordinal_position, position_in_unique_constraint
  FROM information_schema.key_column_usage WHERE table_name IN ('dropc_p', 'dropc_c')
  ORDER BY table_name, constraint_name, ordinal_position;
SELECT table_name, column_name, ordinal_position FROM information_schema.columns
  WHERE table_name IN ('dropc_t', 'dropc_p', 'dropc_c') ORDER BY table_name, ordinal_position;
SELECT table_name, column_name, constraint_name FROM information_schema.constraint_column_usage
  WHERE table_name IN ('dropc_p', 'dropc_c') ORDER BY 1, 3, 2;
DELETE FROM dropc_p WHERE z = 1;
-- what the JDBC driver's getPrimaryKeys / getIndexInfo / getImportedKeys join on
SELECT ct.relname AS table, a.attname, i.indisprimary, (information_schema._pg_expandarray(i.indkey)).n AS n
  FROM pg_class ct JOIN pg_index i ON ct.oid = i.indrelid
  JOIN pg_attribute a ON a.attrelid = ct.oid AND a.attnum = ANY (i.indkey)
  WHERE ct.relname IN ('dropc_p', 'dropc_t') ORDER BY 1, 2;
SELECT c.conname, a.attname, fa.attname AS refname
  FROM pg_constraint c
  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
  JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
  WHERE c.contype = 'f' AND c.conrelid = 'dropc_c'::regclass ORDER BY 1;

-- ADD CONSTRAINT ... USING INDEX after a drop
CREATE TABLE dropc_u (a int, b int, c int NOT NULL);
ALTER TABLE dropc_u DROP COLUMN a;
CREATE UNIQUE INDEX dropc_u_c ON dropc_u (c);
ALTER TABLE dropc_u ADD CONSTRAINT dropc_u_pk PRIMARY KEY USING INDEX dropc_u_c;
SELECT conname, conkey FROM pg_constraint WHERE conrelid = 'dropc_u'::regclass;
\d dropc_u
-- COMMENT ON COLUMN, RENAME COLUMN and COPY with a column list after a drop
COMMENT ON COLUMN dropc_u.c IS 'the key';
SELECT objsubid, description FROM pg_description WHERE objoid = 'dropc_u'::regclass;
ALTER TABLE dropc_u RENAME COLUMN c TO cc;
SELECT pg_get_indexdef('dropc_u_pk'::regclass), pg_get_constraintdef(oid) FROM pg_constraint
  WHERE conrelid = 'dropc_u'::regclass;
COPY dropc_u (cc, b) FROM stdin;
1	10
2	20
\.
COPY dropc_u (cc) FROM stdin;
1
\.
COPY dropc_u (b, cc) FROM stdin;
5	x
\.
COPY dropc_u FROM stdin;
7
\.
COPY dropc_u TO stdout;
COPY dropc_u (cc) TO stdout;
COPY dropc_u (a) TO stdout;
INSERT INTO dropc_u (b) VALUES (5);
-- an identity column after the dropped one: its sequence depends on the column's attnum
ALTER TABLE dropc_u ADD COLUMN g int GENERATED BY DEFAULT AS IDENTITY;
INSERT INTO dropc_u (cc, b) VALUES (3, 30) RETURNING *;
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dropc_u_g_seq'::regclass AND refobjid = 'dropc_u'::regclass;
SELECT pg_get_serial_sequence('dropc_u', 'g');
-- a sequence OWNED BY a column after the dropped one
CREATE SEQUENCE dropc_s OWNED BY dropc_u.b;
ALTER TABLE dropc_u ALTER COLUMN b SET DEFAULT nextval('dropc_s');
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dropc_s'::regclass AND refobjid = 'dropc_u'::regclass;
SELECT pg_get_serial_sequence('dropc_u', 'b');
ALTER SEQUENCE dropc_s OWNED BY NONE;
ALTER SEQUENCE dropc_s OWNED BY dropc_u.b;
SELECT refobjsubid, deptype FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dropc_s'::regclass AND refobjid = 'dropc_u'::regclass;
\d dropc_u

DROP TABLE dropc_c, dropc_p, dropc_e, dropc_t, dropc_u;
