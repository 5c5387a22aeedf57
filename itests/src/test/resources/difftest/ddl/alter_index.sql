-- ddl/alter_index: ALTER INDEX [IF EXISTS] RENAME TO / SET / RESET (fillfactor), ALTER TABLE RENAME CONSTRAINT (an index-backed constraint renames its index), ADD [CONSTRAINT c] PRIMARY KEY / UNIQUE USING INDEX with PostgreSQL's checks and NOTICE
CREATE TABLE alter_index_t (id int, code varchar(10), v int);
INSERT INTO alter_index_t VALUES (1, 'a', 10), (2, 'b', 20);
CREATE UNIQUE INDEX alter_index_id ON alter_index_t (id);
ALTER INDEX alter_index_id RENAME TO alter_index_id2;
ALTER INDEX IF EXISTS alter_index_nosuch RENAME TO alter_index_x;
ALTER INDEX alter_index_nosuch RENAME TO alter_index_x;
ALTER INDEX alter_index_id2 RENAME TO alter_index_t;
ALTER INDEX alter_index_id2 RENAME TO alter_index_id2;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'alter_index%' ORDER BY 1;
-- a constraint's index and the constraint keep one name
ALTER TABLE alter_index_t ADD CONSTRAINT alter_index_pk PRIMARY KEY (id);
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_pk TO alter_index_pk2;
ALTER TABLE IF EXISTS alter_index_nosuch RENAME CONSTRAINT alter_index_pk TO alter_index_pk2;
ALTER TABLE alter_index_nosuch RENAME CONSTRAINT alter_index_pk TO alter_index_pk2;
SELECT conname, contype, conindid::regclass FROM pg_constraint WHERE conrelid = 'alter_index_t'::regclass ORDER BY 1;
ALTER INDEX alter_index_pk2 RENAME TO alter_index_pk3;
ALTER TABLE alter_index_pk3 RENAME TO alter_index_pk4;
SELECT conname, contype, conindid::regclass FROM pg_constraint WHERE conrelid = 'alter_index_t'::regclass ORDER BY 1;
INSERT INTO alter_index_t VALUES (1, 'c', 30);
BEGIN;
ALTER INDEX alter_index_pk4 RENAME TO alter_index_pk5;
ROLLBACK;
SELECT relname FROM pg_class WHERE relname LIKE 'alter_index%' ORDER BY 1;
ALTER TABLE alter_index_t ADD CONSTRAINT alter_index_chk CHECK (v > 0);
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_chk TO alter_index_chk2;
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_nosuch TO alter_index_x;
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_chk2 TO alter_index_pk4;
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_chk2 TO alter_index_id2;
ALTER TABLE alter_index_t RENAME CONSTRAINT alter_index_pk4 TO alter_index_id2;
-- ADD ... USING INDEX
CREATE UNIQUE INDEX alter_index_u ON alter_index_t (code);
ALTER TABLE alter_index_t ADD CONSTRAINT alter_index_uq UNIQUE USING INDEX alter_index_u;
SELECT relname FROM pg_class WHERE relname LIKE 'alter_index%' ORDER BY 1;
CREATE INDEX alter_index_nu ON alter_index_t (v);
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_nu;
CREATE UNIQUE INDEX alter_index_part ON alter_index_t (v) WHERE v > 1;
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_part;
CREATE UNIQUE INDEX alter_index_expr ON alter_index_t (lower(code));
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_expr;
CREATE UNIQUE INDEX alter_index_desc ON alter_index_t (v DESC);
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_desc;
CREATE UNIQUE INDEX alter_index_nf ON alter_index_t (v NULLS FIRST);
ALTER TABLE alter_index_t ADD CONSTRAINT alter_index_zz UNIQUE USING INDEX alter_index_nf;
CREATE UNIQUE INDEX alter_index_v ON alter_index_t (v);
ALTER TABLE alter_index_t ADD PRIMARY KEY USING INDEX alter_index_v;
ALTER TABLE alter_index_t DROP CONSTRAINT alter_index_pk4;
INSERT INTO alter_index_t VALUES (3, 'c', NULL);
ALTER TABLE alter_index_t ADD PRIMARY KEY USING INDEX alter_index_v;
DELETE FROM alter_index_t WHERE v IS NULL;
ALTER TABLE alter_index_t ADD PRIMARY KEY USING INDEX alter_index_v;
SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 'alter_index_t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT c.relname, i.indisprimary, i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = 'alter_index_t'::regclass ORDER BY 1;
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_v;
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_nosuch;
CREATE TABLE alter_index_t2 (a int);
CREATE UNIQUE INDEX alter_index_t2_a ON alter_index_t2 (a);
ALTER TABLE alter_index_t ADD UNIQUE USING INDEX alter_index_t2_a;
SELECT conname, contype, conindid::regclass, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'alter_index_t'::regclass ORDER BY 1;
INSERT INTO alter_index_t VALUES (4, 'a', 40);
INSERT INTO alter_index_t VALUES (5, 'e', NULL);
ALTER TABLE alter_index_t DROP CONSTRAINT alter_index_uq;
SELECT relname FROM pg_class WHERE relname LIKE 'alter_index%' ORDER BY 1;
-- ALTER INDEX SET / RESET
ALTER INDEX alter_index_v SET (fillfactor = 70);
SELECT relname, reloptions FROM pg_class WHERE relname = 'alter_index_v';
ALTER INDEX alter_index_v SET (fillfactor = 5);
ALTER INDEX alter_index_v SET (foo = 5);
ALTER INDEX alter_index_v RESET (fillfactor);
SELECT relname, reloptions FROM pg_class WHERE relname = 'alter_index_v';
ALTER INDEX alter_index_t2 SET (fillfactor = 50);
-- ALTER INDEX renames a table too
ALTER INDEX alter_index_t2 RENAME TO alter_index_t3;
ALTER TABLE alter_index_t3 RENAME TO alter_index_t2;
DROP TABLE alter_index_t, alter_index_t2;
