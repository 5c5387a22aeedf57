-- PL/pgSQL trigger functions: NEW / OLD / TG_* variables, errors and their CONTEXT, ON CONFLICT, foreign key actions, COPY, audit tables and rollback, INSTEAD OF triggers on views, recursion, prepared statements
CREATE TABLE plt_t (id int PRIMARY KEY, v text DEFAULT 'dflt', note text);
CREATE TABLE plt_log (seq serial, msg text);
CREATE FUNCTION plt_show() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '%: % % % new=% old=% relid_ok=% schema=% relname=%', TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, NEW, OLD,
    TG_RELID = 'plt_t'::regclass, TG_TABLE_SCHEMA, TG_RELNAME;
  IF TG_OP = 'INSERT' THEN
    RAISE NOTICE 'old is null: %, old.id: %', OLD IS NULL, OLD.id;
  END IF;
  INSERT INTO plt_log (msg) VALUES (TG_NAME || ' ' || TG_OP || ' ' || coalesce(NEW.id, OLD.id, -1));
  IF TG_WHEN = 'BEFORE' AND TG_LEVEL = 'ROW' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RETURN NULL;
END $$;
-- BEFORE triggers fire in name order, each seeing the previous one's row
CREATE FUNCTION plt_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, '') || TG_ARGV[0];
  RETURN NEW;
END $$;
CREATE TRIGGER t2 BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_append('2');
CREATE TRIGGER t1 BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_append('1');
CREATE TRIGGER t3 BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_append('3');
CREATE TRIGGER show_b BEFORE INSERT OR UPDATE OR DELETE ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_show();
CREATE TRIGGER show_a AFTER INSERT OR UPDATE OR DELETE ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_show();
CREATE TRIGGER show_s BEFORE INSERT OR UPDATE OR DELETE ON plt_t FOR EACH STATEMENT EXECUTE FUNCTION plt_show();
INSERT INTO plt_t (id) VALUES (1);
SELECT * FROM plt_t;
-- AFTER triggers see the whole statement's rows
CREATE FUNCTION plt_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% sees % rows', TG_NAME, (SELECT count(*) FROM plt_t);
  RETURN NULL;
END $$;
CREATE TRIGGER u_count AFTER INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_count();
INSERT INTO plt_t (id, v) VALUES (2, 'b'), (3, 'c');
DROP TRIGGER u_count ON plt_t;
DROP TRIGGER show_b ON plt_t;
DROP TRIGGER show_a ON plt_t;
DROP TRIGGER show_s ON plt_t;
-- ON CONFLICT: BEFORE INSERT, then UPDATE's triggers for the conflicting row
CREATE TRIGGER show_b BEFORE INSERT OR UPDATE ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_show();
CREATE TRIGGER show_a AFTER INSERT OR UPDATE ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_show();
CREATE TRIGGER show_s AFTER INSERT OR UPDATE ON plt_t FOR EACH STATEMENT EXECUTE FUNCTION plt_show();
INSERT INTO plt_t (id, v) VALUES (1, 'x'), (4, 'd') ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v || '!';
INSERT INTO plt_t (id, v) VALUES (1, 'y') ON CONFLICT (id) DO NOTHING;
SELECT * FROM plt_t ORDER BY id;
DROP TRIGGER show_b ON plt_t;
DROP TRIGGER show_a ON plt_t;
DROP TRIGGER show_s ON plt_t;
-- RAISE EXCEPTION in a trigger aborts the statement, with the trigger's CONTEXT
CREATE FUNCTION plt_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.v = 'bad' THEN
    RAISE EXCEPTION 'value % is not allowed', NEW.v USING HINT = 'use another', ERRCODE = '22023';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER v_check BEFORE INSERT OR UPDATE ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_check();
INSERT INTO plt_t (id, v) VALUES (10, 'ok'), (11, 'bad');
UPDATE plt_t SET v = 'bad' WHERE id = 1;
SELECT count(*) FROM plt_t WHERE id >= 10;
-- an error in an AFTER trigger undoes the statement and what the triggers wrote
CREATE FUNCTION plt_after_fail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plt_log (msg) VALUES ('after ' || NEW.id);
  IF NEW.id = 21 THEN RAISE EXCEPTION 'after trigger failed for %', NEW.id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER w_after AFTER INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_after_fail();
SELECT count(*) FROM plt_log;
INSERT INTO plt_t (id) VALUES (20), (21);
SELECT count(*) FROM plt_log;
SELECT count(*) FROM plt_t WHERE id IN (20, 21);
BEGIN;
INSERT INTO plt_t (id) VALUES (30);
SELECT msg FROM plt_log WHERE msg LIKE 'after%' ORDER BY seq;
ROLLBACK;
SELECT msg FROM plt_log WHERE msg LIKE 'after%' ORDER BY seq;
DROP TRIGGER w_after ON plt_t;
-- a BEFORE trigger returning another shape, or no RETURN
CREATE FUNCTION plt_wrong() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN ROW(1, 2); END $$;
CREATE TRIGGER x_wrong BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_wrong();
INSERT INTO plt_t (id) VALUES (40);
DROP TRIGGER x_wrong ON plt_t;
CREATE FUNCTION plt_noreturn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
CREATE TRIGGER x_noreturn BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_noreturn();
INSERT INTO plt_t (id) VALUES (41);
DROP TRIGGER x_noreturn ON plt_t;
-- a BEFORE trigger's NULL in a NOT NULL column
CREATE FUNCTION plt_nullid() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.id := NULL; RETURN NEW; END $$;
CREATE TRIGGER x_nullid BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_nullid();
INSERT INTO plt_t (id) VALUES (42);
DROP TRIGGER x_nullid ON plt_t;
-- prepared statements notice a new and a dropped trigger
PREPARE plt_ins(int) AS INSERT INTO plt_t (id) VALUES ($1) RETURNING id, note;
EXECUTE plt_ins(50);
CREATE FUNCTION plt_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'marked'; RETURN NEW; END $$;
CREATE TRIGGER y_mark BEFORE INSERT ON plt_t FOR EACH ROW EXECUTE FUNCTION plt_mark();
EXECUTE plt_ins(51);
DROP TRIGGER y_mark ON plt_t;
EXECUTE plt_ins(52);
DEALLOCATE plt_ins;
-- COPY FROM fires row and statement triggers
CREATE TRIGGER y_mark BEFORE INSERT ON plt_t FOR EACH ROW WHEN (NEW.id % 2 = 0) EXECUTE FUNCTION plt_mark();
CREATE TRIGGER z_stmt AFTER INSERT ON plt_t FOR EACH STATEMENT EXECUTE FUNCTION plt_count();
COPY plt_t (id, v) FROM STDIN;
60	a
61	b
62	c
\.
SELECT * FROM plt_t WHERE id >= 60 ORDER BY id;
DROP TRIGGER y_mark ON plt_t;
DROP TRIGGER z_stmt ON plt_t;
-- foreign key actions fire the referencing table's triggers
CREATE TABLE plt_p (id int PRIMARY KEY);
CREATE TABLE plt_c (id int PRIMARY KEY, pid int REFERENCES plt_p ON DELETE CASCADE, qid int REFERENCES plt_p ON DELETE SET NULL);
CREATE FUNCTION plt_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % old=% new=%', TG_NAME, TG_LEVEL, TG_OP, OLD, NEW;
  IF TG_LEVEL = 'ROW' AND TG_WHEN = 'BEFORE' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RETURN NULL;
END $$;
INSERT INTO plt_p VALUES (1), (2), (3);
INSERT INTO plt_c VALUES (10, 1, 2), (11, 1, 3), (12, 2, 2);
CREATE TRIGGER c_b BEFORE UPDATE OR DELETE ON plt_c FOR EACH ROW EXECUTE FUNCTION plt_child();
CREATE TRIGGER c_a AFTER UPDATE OR DELETE ON plt_c FOR EACH ROW EXECUTE FUNCTION plt_child();
CREATE TRIGGER c_s AFTER UPDATE OR DELETE ON plt_c FOR EACH STATEMENT EXECUTE FUNCTION plt_child();
DELETE FROM plt_p WHERE id = 1;
DELETE FROM plt_p WHERE id = 2;
SELECT * FROM plt_c ORDER BY id;
DROP TABLE plt_c, plt_p;
-- WHEN (OLD.* IS DISTINCT FROM NEW.*): only rows that really change
CREATE TABLE plt_w (a int, b text);
CREATE FUNCTION plt_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'changed % -> %', OLD, NEW; RETURN NEW; END $$;
CREATE TRIGGER w_changed BEFORE UPDATE ON plt_w FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION plt_changed();
INSERT INTO plt_w VALUES (1, 'a'), (2, NULL), (3, 'c');
UPDATE plt_w SET b = b;
UPDATE plt_w SET b = 'c' WHERE a >= 2;
-- difftest: differs: Tusk deparses a whole-row comparison field by field ((old.a IS DISTINCT FROM new.a) OR ...), PostgreSQL as old.* IS DISTINCT FROM new.*
SELECT pg_get_triggerdef(oid, true) FROM pg_trigger WHERE tgname = 'w_changed';
DROP TABLE plt_w;
DROP FUNCTION plt_changed();
-- INSTEAD OF triggers make a view insertable, updatable and deletable; statement triggers on the view fire too
CREATE TABLE plt_iv_base (id int PRIMARY KEY, name text, deleted boolean DEFAULT false);
CREATE VIEW plt_iv_v AS SELECT id, name FROM plt_iv_base WHERE NOT deleted;
CREATE FUNCTION plt_iv_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % old=% new=%', TG_NAME, TG_WHEN, TG_OP, OLD, NEW;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO plt_iv_base (id, name) VALUES (NEW.id, upper(NEW.name));
    NEW.name := upper(NEW.name);
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.id = 99 THEN RETURN NULL; END IF;
    UPDATE plt_iv_base SET name = NEW.name WHERE id = OLD.id;
    RETURN NEW;
  ELSE
    UPDATE plt_iv_base SET deleted = true WHERE id = OLD.id;
    RETURN OLD;
  END IF;
END $$;
CREATE FUNCTION plt_iv_stmt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '% % %', TG_NAME, TG_WHEN, TG_OP; RETURN NULL; END $$;
CREATE TRIGGER plt_iv_t INSTEAD OF INSERT OR UPDATE OR DELETE ON plt_iv_v FOR EACH ROW EXECUTE FUNCTION plt_iv_fn();
CREATE TRIGGER plt_iv_s BEFORE INSERT OR UPDATE OR DELETE ON plt_iv_v FOR EACH STATEMENT EXECUTE FUNCTION plt_iv_stmt();
CREATE TRIGGER plt_iv_e1 INSTEAD OF INSERT ON plt_iv_v EXECUTE FUNCTION plt_iv_fn();
CREATE TRIGGER plt_iv_e2 INSTEAD OF UPDATE ON plt_iv_v FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION plt_iv_fn();
CREATE TRIGGER plt_iv_e3 INSTEAD OF UPDATE OF name ON plt_iv_v FOR EACH ROW EXECUTE FUNCTION plt_iv_fn();
CREATE TRIGGER plt_iv_e4 BEFORE INSERT ON plt_iv_v FOR EACH ROW EXECUTE FUNCTION plt_iv_fn();
CREATE TRIGGER plt_iv_e5 AFTER TRUNCATE ON plt_iv_v EXECUTE FUNCTION plt_iv_fn();
INSERT INTO plt_iv_v VALUES (1, 'a'), (2, 'b') RETURNING *;
INSERT INTO plt_iv_v (id) VALUES (3);
UPDATE plt_iv_v SET name = name || '!' WHERE id >= 2 RETURNING *;
UPDATE plt_iv_v SET id = 99 WHERE id = 1;
DELETE FROM plt_iv_v WHERE id = 2 RETURNING name;
SELECT * FROM plt_iv_v ORDER BY id;
SELECT * FROM plt_iv_base ORDER BY id;
\d plt_iv_v
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'plt_iv_v'::regclass ORDER BY tgname;
DELETE FROM plt_iv_v;
DROP TRIGGER plt_iv_t ON plt_iv_v;
DROP VIEW plt_iv_v;
DROP TABLE plt_iv_base;
DROP FUNCTION plt_iv_fn(), plt_iv_stmt();
-- recursion ends in PostgreSQL's stack depth error, the backend lives on
CREATE TABLE plt_r (n int);
CREATE FUNCTION plt_recurse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO plt_r VALUES (NEW.n + 1);
  RETURN NEW;
END $$;
CREATE TRIGGER r_rec BEFORE INSERT ON plt_r FOR EACH ROW EXECUTE FUNCTION plt_recurse();
-- difftest: differs: the depth reached (and so the CONTEXT lines) depends on the stack: PostgreSQL's max_stack_depth, Tusk's 100 levels
INSERT INTO plt_r VALUES (1);
SELECT count(*) FROM plt_r;
-- a bounded recursion works
CREATE OR REPLACE FUNCTION plt_recurse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.n < 5 THEN INSERT INTO plt_r VALUES (NEW.n + 1); END IF;
  RETURN NEW;
END $$;
INSERT INTO plt_r VALUES (1);
SELECT n FROM plt_r ORDER BY n;
DROP TABLE plt_r;
SELECT msg FROM plt_log ORDER BY seq;
DROP TABLE plt_t, plt_log;
DROP FUNCTION plt_show(), plt_append(), plt_count(), plt_check(), plt_after_fail(), plt_wrong(), plt_noreturn(),
  plt_nullid(), plt_mark(), plt_child(), plt_recurse();
