-- MERGE INTO ... USING ... ON ... WHEN [NOT] MATCHED: actions, order of WHEN clauses, sources, constraints, triggers, errors
CREATE TABLE merge_t (id int PRIMARY KEY, val text NOT NULL, n int DEFAULT 7 CHECK (n >= 0));
CREATE TABLE merge_s (id int, val text, n int);
INSERT INTO merge_t VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
INSERT INTO merge_s VALUES (2, 'TWO', 20), (3, 'THREE', 30), (4, 'FOUR', 40), (5, NULL, 50);
-- update matched, insert not matched
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET val = s.val, n = t.n + s.n
  WHEN NOT MATCHED AND s.val IS NOT NULL THEN INSERT (id, val, n) VALUES (s.id, s.val, s.n);
SELECT * FROM merge_t ORDER BY id;
-- several WHEN clauses, first passing one wins; DELETE; DO NOTHING
MERGE INTO merge_t AS t USING merge_s AS s ON t.id = s.id
  WHEN MATCHED AND t.id = 2 THEN DELETE
  WHEN MATCHED AND t.id = 3 THEN DO NOTHING
  WHEN MATCHED THEN UPDATE SET val = 'x'
  WHEN NOT MATCHED AND s.id = 5 THEN INSERT VALUES (s.id, 'five')
  WHEN NOT MATCHED THEN DO NOTHING;
SELECT * FROM merge_t ORDER BY id;
-- a subquery source, and INSERT DEFAULT VALUES is refused by NOT NULL
MERGE INTO merge_t t USING (SELECT id + 10 AS id, val FROM merge_s WHERE id < 4) s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (id, val) VALUES (s.id, lower(s.val));
SELECT * FROM merge_t ORDER BY id;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT DEFAULT VALUES;
-- a VALUES source, SET DEFAULT, a multiple-column SET
MERGE INTO merge_t t USING (VALUES (1, 'uno'), (20, 'veinte')) AS s(id, val) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET (val, n) = (s.val, DEFAULT)
  WHEN NOT MATCHED THEN INSERT (val, id) VALUES (s.val, s.id);
SELECT * FROM merge_t ORDER BY id;
-- constraints fire
MERGE INTO merge_t t USING (VALUES (1, -1)) s(id, n) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET n = s.n;
MERGE INTO merge_t t USING (VALUES (1)) s(id) ON t.id = s.id + 100
  WHEN NOT MATCHED THEN INSERT VALUES (1, 'dup');
MERGE INTO merge_t t USING (VALUES (1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET val = NULL;
-- a target row matched twice
INSERT INTO merge_s VALUES (1, 'again', 1), (1, 'twice', 2);
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET n = t.n + 1;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN DELETE;
-- twice matched but DO NOTHING is fine
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN DO NOTHING;
-- no rows
MERGE INTO merge_t t USING merge_s s ON false
  WHEN MATCHED THEN DELETE;
-- inside a transaction, rolled back
BEGIN;
MERGE INTO merge_t t USING (SELECT 1 AS id) s ON t.id = s.id WHEN MATCHED THEN DELETE;
SELECT count(*) FROM merge_t;
ROLLBACK;
SELECT count(*) FROM merge_t;
-- errors
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN INSERT VALUES (1, 'x');
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN NOT MATCHED THEN UPDATE SET val = 'x';
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN DELETE RETURNING *;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN DELETE
  WHEN MATCHED AND t.id = 1 THEN DELETE;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (t.id, 'x');
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET nosuch = 1;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET t.val = 'x';
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (id, id) VALUES (1, 2);
MERGE INTO merge_t t USING merge_s s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (id) VALUES (1, 2);
MERGE INTO merge_t t USING merge_t ON t.id = merge_t.id
  WHEN MATCHED THEN DO NOTHING;
MERGE INTO merge_t USING merge_t ON true
  WHEN MATCHED THEN DELETE;
MERGE INTO merge_nosuch t USING merge_s s ON t.id = s.id WHEN MATCHED THEN DELETE;
MERGE INTO merge_t t USING merge_s s ON t.id = s.nosuch WHEN MATCHED THEN DELETE;
MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED AND s.val THEN DELETE;
CREATE VIEW merge_v AS SELECT * FROM merge_t;
MERGE INTO merge_v t USING merge_s s ON t.id = s.id WHEN MATCHED THEN DELETE;
DROP VIEW merge_v;
-- triggers
CREATE FUNCTION merge_trig() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    RAISE NOTICE '% % statement', TG_WHEN, TG_OP;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE NOTICE '% % row %', TG_WHEN, TG_OP, OLD.id;
    RETURN OLD;
  END IF;
  RAISE NOTICE '% % row %', TG_WHEN, TG_OP, NEW.id;
  RETURN NEW;
END $$;
CREATE TRIGGER merge_bs BEFORE INSERT OR UPDATE OR DELETE ON merge_t FOR EACH STATEMENT EXECUTE FUNCTION merge_trig();
CREATE TRIGGER merge_as AFTER INSERT OR UPDATE OR DELETE ON merge_t FOR EACH STATEMENT EXECUTE FUNCTION merge_trig();
MERGE INTO merge_t t USING (VALUES (1, 'a'), (2, 'b'), (4, 'd')) s(id, val) ON t.id = s.id
  WHEN MATCHED AND t.id = 1 THEN UPDATE SET val = s.val
  WHEN MATCHED THEN DELETE
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.val);
CREATE TRIGGER merge_br BEFORE INSERT OR UPDATE OR DELETE ON merge_t FOR EACH ROW EXECUTE FUNCTION merge_trig();
CREATE TRIGGER merge_ar AFTER INSERT OR UPDATE OR DELETE ON merge_t FOR EACH ROW EXECUTE FUNCTION merge_trig();
MERGE INTO merge_t t USING (VALUES (1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET val = 'b';
MERGE INTO merge_t t USING (VALUES (4)) s(id) ON t.id = s.id
  WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (s.id, 'four');
MERGE INTO merge_t t USING (VALUES (4)) s(id) ON t.id = s.id
  WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (s.id, 'four');
DROP TRIGGER merge_bs ON merge_t;
DROP TRIGGER merge_as ON merge_t;
DROP TRIGGER merge_br ON merge_t;
DROP TRIGGER merge_ar ON merge_t;
SELECT * FROM merge_t ORDER BY id;
-- foreign keys
CREATE TABLE merge_child (id int PRIMARY KEY, parent int REFERENCES merge_t);
MERGE INTO merge_child c USING (VALUES (1, 1), (2, 99)) s(id, p) ON c.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.p);
MERGE INTO merge_child c USING (VALUES (1, 1)) s(id, p) ON c.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.p);
MERGE INTO merge_t t USING (VALUES (1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN DELETE;
DROP TABLE merge_child;
-- prepared statements and PL/pgSQL
PREPARE merge_p(int, text) AS MERGE INTO merge_t t USING (SELECT $1 AS id, $2 AS val) s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET val = s.val WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.val);
EXECUTE merge_p(1, 'prepared');
EXECUTE merge_p(30, 'thirty');
DEALLOCATE merge_p;
DO $$
DECLARE k int;
BEGIN
  MERGE INTO merge_t t USING (SELECT 31 AS id) s ON t.id = s.id
    WHEN NOT MATCHED THEN INSERT VALUES (s.id, 'plpgsql');
  GET DIAGNOSTICS k = ROW_COUNT;
  RAISE NOTICE 'merged %', k;
END $$;
SELECT * FROM merge_t ORDER BY id;
-- WITH ... MERGE
WITH src AS (SELECT 40 AS id, 'forty' AS val)
MERGE INTO merge_t t USING src s ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.val);
SELECT * FROM merge_t WHERE id = 40;
-- EXPLAIN
EXPLAIN (COSTS OFF) MERGE INTO merge_t USING merge_s s ON merge_t.n = s.n
  WHEN MATCHED THEN DELETE;
DROP FUNCTION merge_trig();
DROP TABLE merge_t, merge_s;
