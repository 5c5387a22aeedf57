-- ALTER TABLE ... ADD PRIMARY KEY / UNIQUE over rows already there: the columns become NOT NULL
-- (checked against the rows only when they were not NOT NULL yet), duplicates fail the build.
CREATE TABLE add_pk_t (id int, n int NOT NULL, t text);
INSERT INTO add_pk_t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, NULL);
-- a nullable column without NULLs: fine, and NOT NULL afterwards
ALTER TABLE add_pk_t ADD PRIMARY KEY (id);
SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 'add_pk_t'::regclass AND attnum > 0 ORDER BY attnum;
INSERT INTO add_pk_t VALUES (NULL, 40, 'x');
INSERT INTO add_pk_t VALUES (1, 40, 'x');
ALTER TABLE add_pk_t DROP CONSTRAINT add_pk_t_pkey;
-- a column NOT NULL already
ALTER TABLE add_pk_t ADD CONSTRAINT add_pk_n PRIMARY KEY (n);
\d add_pk_t
ALTER TABLE add_pk_t DROP CONSTRAINT add_pk_n;
-- NULLs in the key column: 23502, nothing changes
ALTER TABLE add_pk_t ADD PRIMARY KEY (t);
SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 'add_pk_t'::regclass AND attnum > 0 ORDER BY attnum;
-- duplicates: 23505
INSERT INTO add_pk_t VALUES (3, 50, 'c');
ALTER TABLE add_pk_t ADD PRIMARY KEY (id);
ALTER TABLE add_pk_t ADD UNIQUE (id);
DELETE FROM add_pk_t WHERE n = 50;
ALTER TABLE add_pk_t ADD UNIQUE (id);
-- (Tusk does not take a key in the same ALTER TABLE as a column change yet: 0A000)
-- a column added by an earlier statement: NULL in every row, then all equal, then serial
ALTER TABLE add_pk_t ADD COLUMN k1 int;
ALTER TABLE add_pk_t ADD PRIMARY KEY (k1);
ALTER TABLE add_pk_t ADD COLUMN k2 int NOT NULL DEFAULT 0;
ALTER TABLE add_pk_t ADD UNIQUE (k2);
ALTER TABLE add_pk_t ADD COLUMN k serial;
ALTER TABLE add_pk_t ADD PRIMARY KEY (k);
SELECT id, n, t, k FROM add_pk_t ORDER BY id;
-- NOT NULL dropped, a NULL, the key refused until the NULL is gone
ALTER TABLE add_pk_t DROP CONSTRAINT add_pk_t_pkey;
ALTER TABLE add_pk_t ALTER COLUMN k DROP NOT NULL;
UPDATE add_pk_t SET k = NULL WHERE id = 2;
ALTER TABLE add_pk_t ADD PRIMARY KEY (k);
UPDATE add_pk_t SET k = 2 WHERE id = 2;
ALTER TABLE add_pk_t ADD PRIMARY KEY (k);
\d add_pk_t
DROP TABLE add_pk_t;
