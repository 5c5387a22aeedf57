-- ddl/constraints: NOT NULL, CHECK (column and table, named and unnamed), DEFAULT expressions on INSERT and UPDATE
CREATE TABLE constraints_t (
    id integer NOT NULL,
    qty integer CHECK (qty > 0),
    price numeric DEFAULT 9.5,
    label text DEFAULT 'item-' || 'x',
    lo integer,
    hi integer,
    CONSTRAINT constraints_range CHECK (lo <= hi),
    CHECK (hi < 1000)
);
SELECT conname, contype, conkey FROM pg_constraint WHERE conname LIKE 'constraints%' ORDER BY conname;
INSERT INTO constraints_t (id, qty, lo, hi) VALUES (1, 5, 1, 2);
INSERT INTO constraints_t VALUES (2, 3, DEFAULT, DEFAULT, 0, 0);
INSERT INTO constraints_t (id) VALUES (3);
SELECT * FROM constraints_t ORDER BY id;
-- violations
INSERT INTO constraints_t (id, qty) VALUES (NULL, 1);
INSERT INTO constraints_t (id, qty) VALUES (4, 0);
INSERT INTO constraints_t (id, lo, hi) VALUES (5, 3, 2);
INSERT INTO constraints_t (id, hi) VALUES (6, 1000);
INSERT INTO constraints_t (id, qty, lo, hi) VALUES (7, -1, 5, 1);
UPDATE constraints_t SET qty = -5 WHERE id = 1;
UPDATE constraints_t SET id = NULL WHERE id = 2;
UPDATE constraints_t SET lo = 10 WHERE id = 1;
-- NULL satisfies a CHECK
UPDATE constraints_t SET qty = NULL WHERE id = 1;
-- SET x = DEFAULT
UPDATE constraints_t SET price = 1, label = 'changed' WHERE id = 3;
UPDATE constraints_t SET price = DEFAULT, label = DEFAULT WHERE id = 3 RETURNING id, price, label;
SELECT * FROM constraints_t ORDER BY id;
-- defaults are evaluated per row
CREATE SEQUENCE constraints_seq;
CREATE TABLE constraints_d (n bigint DEFAULT nextval('constraints_seq'), t text DEFAULT upper('abc'), v integer);
INSERT INTO constraints_d (v) VALUES (1), (2), (3);
INSERT INTO constraints_d DEFAULT VALUES;
SELECT * FROM constraints_d ORDER BY n;
-- a CHECK must be boolean and name existing columns
CREATE TABLE constraints_bad (a integer CHECK (a + 1));
CREATE TABLE constraints_bad (a integer CHECK (b > 0));
-- duplicate constraint names
CREATE TABLE constraints_bad (a integer, CONSTRAINT c1 CHECK (a > 0), CONSTRAINT c1 CHECK (a < 9));
-- generated names avoid each other
CREATE TABLE constraints_n (a integer CHECK (a > 0), CHECK (a > 1), CHECK (a > 2));
SELECT conname FROM pg_constraint WHERE conname LIKE 'constraints_n%' ORDER BY conname;
INSERT INTO constraints_n VALUES (2);
DROP TABLE constraints_t, constraints_d, constraints_n;
DROP SEQUENCE constraints_seq;
