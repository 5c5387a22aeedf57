-- Triggers: CREATE [OR REPLACE] / DROP / ALTER TRIGGER, ENABLE / DISABLE, pg_trigger, \d, pg_get_triggerdef, firing order, WHEN, UPDATE OF, dependencies
CREATE TABLE trg_t (id int PRIMARY KEY, name text, updated_at int, n int DEFAULT 0 CHECK (n >= 0));
CREATE TABLE trg_audit (seq serial, op text, tname text, old_id int, new_id int, lvl text, whn text, trg name);
CREATE FUNCTION trg_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := coalesce(NEW.updated_at, 0) + 1;
  NEW.name := upper(NEW.name);
  RETURN NEW;
END $$;
CREATE FUNCTION trg_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trg_audit (op, tname, old_id, new_id, lvl, whn, trg)
    VALUES (TG_OP, TG_TABLE_NAME, OLD.id, NEW.id, TG_LEVEL, TG_WHEN, TG_NAME);
  RAISE NOTICE '% % % % nargs=% argv=% first=%', TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, TG_NARGS, TG_ARGV, TG_ARGV[0];
  RETURN NULL;
END $$;
CREATE TRIGGER b_touch BEFORE INSERT OR UPDATE ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_touch();
CREATE TRIGGER a_audit AFTER INSERT OR UPDATE OR DELETE ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_audit_fn('x', 42, two words);
CREATE TRIGGER s_audit AFTER INSERT OR UPDATE OR DELETE ON trg_t FOR EACH STATEMENT EXECUTE PROCEDURE trg_audit_fn();
CREATE TRIGGER s_before BEFORE DELETE ON trg_t EXECUTE FUNCTION trg_audit_fn();
CREATE TRIGGER w_when BEFORE UPDATE OF name ON trg_t FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION trg_audit_fn();
INSERT INTO trg_t VALUES (1, 'a'), (2, 'b');
INSERT INTO trg_t VALUES (3, 'c') RETURNING *;
SELECT * FROM trg_t ORDER BY id;
UPDATE trg_t SET n = n + 1;
-- w_when returns NULL: the row is skipped, the count drops
UPDATE trg_t SET name = 'zz' WHERE id = 1;
UPDATE trg_t SET name = 'B' WHERE id = 2;
DELETE FROM trg_t WHERE id = 2;
-- statement triggers fire for zero rows
DELETE FROM trg_t WHERE id = 99;
UPDATE trg_t SET n = 0 WHERE false;
SELECT * FROM trg_t ORDER BY id;
SELECT op, tname, old_id, new_id, lvl, whn, trg FROM trg_audit ORDER BY seq;
\d trg_t
SELECT tgname, tgtype, tgenabled, tgnargs, tgattr, tgisinternal, tgqual IS NOT NULL AS has_qual FROM pg_trigger WHERE tgrelid = 'trg_t'::regclass ORDER BY 1;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'trg_t'::regclass ORDER BY tgname;
SELECT pg_get_triggerdef(oid, true) FROM pg_trigger WHERE tgrelid = 'trg_t'::regclass ORDER BY tgname;
SELECT relhastriggers FROM pg_class WHERE oid = 'trg_t'::regclass;
-- a renamed column is renamed in the triggers; a dropped or retyped one is refused while a trigger uses it
ALTER TABLE trg_t RENAME COLUMN name TO nm;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'w_when';
ALTER TABLE trg_t DROP COLUMN nm;
ALTER TABLE trg_t ALTER COLUMN nm TYPE varchar(20);
ALTER TABLE trg_t RENAME COLUMN nm TO name;
CREATE TABLE trg_dc (a int, b int, c int);
CREATE TRIGGER dc_b BEFORE UPDATE OF b ON trg_dc FOR EACH ROW EXECUTE FUNCTION trg_touch();
CREATE TRIGGER dc_c AFTER UPDATE ON trg_dc FOR EACH ROW WHEN (NEW.c > 0) EXECUTE FUNCTION trg_touch();
ALTER TABLE trg_dc DROP COLUMN b CASCADE;
ALTER TABLE trg_dc DROP COLUMN c CASCADE;
\d trg_dc
DROP TABLE trg_dc;
-- a BEFORE trigger's result is checked against the constraints
CREATE FUNCTION trg_neg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := -1; RETURN NEW; END $$;
CREATE TRIGGER c_neg BEFORE INSERT ON trg_t FOR EACH ROW WHEN (NEW.id > 100) EXECUTE FUNCTION trg_neg();
INSERT INTO trg_t VALUES (101, 'x');
INSERT INTO trg_t VALUES (4, 'd');
-- ENABLE / DISABLE
ALTER TABLE trg_t DISABLE TRIGGER a_audit;
ALTER TABLE trg_t DISABLE TRIGGER s_audit, DISABLE TRIGGER s_before;
\d trg_t
INSERT INTO trg_t VALUES (5, 'e');
ALTER TABLE trg_t ENABLE TRIGGER ALL;
ALTER TABLE trg_t DISABLE TRIGGER USER;
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'trg_t'::regclass ORDER BY 1;
INSERT INTO trg_t VALUES (6, 'f');
ALTER TABLE trg_t ENABLE TRIGGER USER;
ALTER TABLE trg_t DISABLE TRIGGER nosuch;
-- ALTER TRIGGER ... RENAME, CREATE OR REPLACE, DROP TRIGGER
ALTER TRIGGER c_neg ON trg_t RENAME TO c_neg2;
ALTER TRIGGER c_neg ON trg_t RENAME TO c_neg3;
ALTER TRIGGER c_neg2 ON trg_t RENAME TO b_touch;
CREATE TRIGGER c_neg2 BEFORE INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE OR REPLACE TRIGGER c_neg2 AFTER INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_audit_fn();
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'c_neg2';
DROP TRIGGER c_neg2 ON trg_t;
DROP TRIGGER c_neg2 ON trg_t;
DROP TRIGGER IF EXISTS c_neg2 ON trg_t;
DROP TRIGGER IF EXISTS c_neg2 ON trg_nosuch;
DROP TRIGGER c_neg2 ON trg_nosuch;
-- transactional: a rolled back CREATE TRIGGER leaves nothing
BEGIN;
CREATE TRIGGER r_tx BEFORE INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
SELECT count(*) FROM pg_trigger WHERE tgname = 'r_tx';
ROLLBACK;
SELECT count(*) FROM pg_trigger WHERE tgname = 'r_tx';
INSERT INTO trg_t VALUES (7, 'g');
-- errors
CREATE TRIGGER e1 BEFORE INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_nosuch();
CREATE FUNCTION trg_int() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TRIGGER e2 BEFORE INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_int();
CREATE TRIGGER e3 BEFORE INSERT ON trg_nosuch FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e4 BEFORE INSERT ON trg_t FOR EACH STATEMENT WHEN (NEW.id > 0) EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e5 BEFORE INSERT ON trg_t FOR EACH ROW WHEN (OLD.id > 0) EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e6 BEFORE DELETE ON trg_t FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e7 INSTEAD OF INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e8 BEFORE TRUNCATE ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e9 BEFORE UPDATE OF nosuch ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e10 BEFORE UPDATE OF name, name ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER e11 BEFORE INSERT OR INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE TRIGGER b_touch BEFORE INSERT ON trg_t FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE SEQUENCE trg_seq;
CREATE TRIGGER e12 BEFORE INSERT ON trg_seq FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE VIEW trg_v AS SELECT * FROM trg_t;
CREATE TRIGGER e13 BEFORE INSERT ON trg_v FOR EACH ROW EXECUTE FUNCTION trg_neg();
CREATE FUNCTION trg_args(a int) RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE FUNCTION trg_sql() RETURNS trigger LANGUAGE sql AS 'SELECT 1';
SELECT trg_touch();
-- DROP FUNCTION of a trigger's function; CASCADE drops the trigger
DROP FUNCTION trg_neg();
DROP FUNCTION trg_audit_fn();
DROP FUNCTION trg_audit_fn() CASCADE;
\d trg_t
-- TRUNCATE triggers (statement level), pg_trigger_depth(), information_schema.triggers
CREATE TABLE trg_tr (a int);
CREATE FUNCTION trg_depth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % depth=%', TG_NAME, TG_WHEN, TG_OP, pg_trigger_depth();
  IF TG_OP = 'INSERT' AND TG_LEVEL = 'ROW' AND NEW.a < 3 THEN
    INSERT INTO trg_tr VALUES (NEW.a + 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tr_b BEFORE TRUNCATE ON trg_tr EXECUTE FUNCTION trg_depth();
CREATE TRIGGER tr_a AFTER TRUNCATE ON trg_tr FOR EACH STATEMENT EXECUTE FUNCTION trg_depth();
CREATE TRIGGER tr_i AFTER INSERT ON trg_tr FOR EACH ROW EXECUTE FUNCTION trg_depth();
CREATE TRIGGER tr_w BEFORE UPDATE OF a ON trg_tr FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a AND NEW.a > 0) EXECUTE FUNCTION trg_depth();
SELECT pg_trigger_depth();
INSERT INTO trg_tr VALUES (1);
SELECT a FROM trg_tr ORDER BY a;
TRUNCATE trg_tr;
SELECT count(*) FROM trg_tr;
\d trg_tr
SELECT trigger_schema, trigger_name, event_manipulation, event_object_schema, event_object_table, action_order,
  action_condition, action_statement, action_orientation, action_timing
FROM information_schema.triggers WHERE event_object_table IN ('trg_t', 'trg_tr') ORDER BY event_object_table, trigger_name, event_manipulation;
DROP TABLE trg_tr;
DROP FUNCTION trg_depth();
-- DROP TABLE drops its triggers
DROP VIEW trg_v;
DROP TABLE trg_t;
SELECT count(*) FROM pg_trigger WHERE tgname IN ('b_touch', 'w_when');
DROP SEQUENCE trg_seq;
DROP TABLE trg_audit;
DROP FUNCTION trg_touch(), trg_int();
