-- ALTER TABLE ADD / DROP CONSTRAINT of PRIMARY KEY and UNIQUE: the constraint's index comes and goes with it
CREATE TABLE drop_constraint_t (id int, code text);
INSERT INTO drop_constraint_t VALUES (1, 'a'), (2, 'b');
ALTER TABLE drop_constraint_t ADD CONSTRAINT drop_constraint_t_pkey PRIMARY KEY (id);
ALTER TABLE drop_constraint_t ADD UNIQUE (code);
INSERT INTO drop_constraint_t VALUES (1, 'c');
INSERT INTO drop_constraint_t VALUES (3, 'a');
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'drop_constraint_t%' ORDER BY relname;
ALTER TABLE drop_constraint_t DROP CONSTRAINT drop_constraint_t_code_key;
INSERT INTO drop_constraint_t VALUES (3, 'a');
ALTER TABLE drop_constraint_t DROP CONSTRAINT drop_constraint_t_pkey;
INSERT INTO drop_constraint_t VALUES (1, 'd');
INSERT INTO drop_constraint_t VALUES (NULL, 'e');
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'drop_constraint_t%' ORDER BY relname;
SELECT id, code FROM drop_constraint_t ORDER BY id, code;
CREATE INDEX drop_constraint_t_pkey ON drop_constraint_t (id);
DROP TABLE drop_constraint_t;
