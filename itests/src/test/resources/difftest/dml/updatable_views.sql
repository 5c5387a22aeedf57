-- automatically updatable views: INSERT / UPDATE / DELETE through simple views, view defaults, WITH CHECK OPTION, RETURNING, non-updatable views, information_schema
CREATE TABLE upv_t (id int PRIMARY KEY, name text NOT NULL DEFAULT 'anon', score int DEFAULT 0);
INSERT INTO upv_t VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', 30);
CREATE VIEW upv_v AS SELECT id, name AS who, score FROM upv_t WHERE score < 100;
INSERT INTO upv_v VALUES (4, 'dee', 40);
INSERT INTO upv_v (id, score) VALUES (5, 50) RETURNING *;
INSERT INTO upv_v (id) VALUES (6);
UPDATE upv_v SET score = score + 1 WHERE id <= 2;
UPDATE upv_v SET who = upper(who) WHERE who = 'cy' RETURNING id, who, score;
DELETE FROM upv_v WHERE id = 6 RETURNING *;
SELECT * FROM upv_t ORDER BY id;
-- rows the view does not show are not touched
UPDATE upv_t SET score = 500 WHERE id = 5;
UPDATE upv_v SET score = 0 WHERE id = 5;
DELETE FROM upv_v WHERE id = 5;
SELECT * FROM upv_t ORDER BY id;
-- view column defaults
ALTER VIEW upv_v ALTER COLUMN who SET DEFAULT 'from view';
INSERT INTO upv_v (id) VALUES (7);
INSERT INTO upv_v VALUES (8, DEFAULT, DEFAULT);
SELECT * FROM upv_t WHERE id >= 7 ORDER BY id;
-- constraints of the base table
INSERT INTO upv_v VALUES (1, 'dup', 1);
UPDATE upv_v SET who = NULL WHERE id = 1;
-- a view over a view, a view with an expression column
CREATE VIEW upv_w AS SELECT id, who, score * 2 AS doubled FROM upv_v WHERE id < 10;
UPDATE upv_w SET who = 'w' WHERE id = 1 RETURNING *;
INSERT INTO upv_w (id, who) VALUES (9, 'nine');
INSERT INTO upv_w (id, doubled) VALUES (10, 1);
UPDATE upv_w SET doubled = 0;
DELETE FROM upv_w WHERE doubled > 40;
SELECT * FROM upv_t ORDER BY id;
-- WITH CHECK OPTION
CREATE VIEW upv_c AS SELECT * FROM upv_t WHERE score >= 0 WITH CHECK OPTION;
INSERT INTO upv_c VALUES (20, 'ok', 1);
INSERT INTO upv_c VALUES (21, 'bad', -1);
UPDATE upv_c SET score = -5 WHERE id = 20;
CREATE VIEW upv_cl AS SELECT * FROM upv_c WHERE score < 50 WITH LOCAL CHECK OPTION;
INSERT INTO upv_cl VALUES (22, 'big', 60);
INSERT INTO upv_cl VALUES (23, 'neg', -1);
CREATE VIEW upv_nc AS SELECT * FROM upv_t WHERE score < 50;
CREATE VIEW upv_cc AS SELECT * FROM upv_nc WHERE score > 0 WITH CASCADED CHECK OPTION;
INSERT INTO upv_cc VALUES (24, 'big', 60);
INSERT INTO upv_cc VALUES (25, 'zero', 0);
INSERT INTO upv_cc VALUES (26, 'fine', 5);
CREATE VIEW upv_cw WITH (check_option = local) AS SELECT * FROM upv_t WHERE score < 1000;
SELECT table_name, check_option, is_updatable, is_insertable_into FROM information_schema.views WHERE table_name LIKE 'upv_%' ORDER BY table_name;
SELECT * FROM upv_t ORDER BY id;
-- not automatically updatable
CREATE VIEW upv_g AS SELECT score, count(*) AS n FROM upv_t GROUP BY score;
CREATE VIEW upv_d AS SELECT DISTINCT score FROM upv_t;
CREATE VIEW upv_j AS SELECT a.id FROM upv_t a, upv_t b WHERE a.id = b.id;
CREATE VIEW upv_l AS SELECT * FROM upv_t LIMIT 5;
CREATE VIEW upv_a AS SELECT max(score) AS m FROM upv_t;
CREATE VIEW upv_u AS SELECT id FROM upv_t UNION SELECT id FROM upv_t;
CREATE VIEW upv_k AS SELECT 1 AS one;
INSERT INTO upv_g VALUES (1, 1);
UPDATE upv_d SET score = 1;
DELETE FROM upv_j;
INSERT INTO upv_l VALUES (30, 'x', 1);
UPDATE upv_a SET m = 1;
DELETE FROM upv_u;
INSERT INTO upv_k VALUES (1);
SELECT table_name, is_updatable, is_insertable_into FROM information_schema.views WHERE table_name LIKE 'upv_%' ORDER BY table_name;
SELECT table_name, column_name, is_updatable FROM information_schema.columns WHERE table_name IN ('upv_v', 'upv_w', 'upv_g') ORDER BY table_name, ordinal_position;
-- INSTEAD OF triggers still take precedence
CREATE FUNCTION upv_trig() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE NOTICE 'instead of % on %', TG_OP, TG_TABLE_NAME; RETURN NEW; END $$;
CREATE TRIGGER upv_tr INSTEAD OF INSERT ON upv_g FOR EACH ROW EXECUTE FUNCTION upv_trig();
INSERT INTO upv_g VALUES (1, 1);
DROP TRIGGER upv_tr ON upv_g;
DROP FUNCTION upv_trig();
-- through prepared statements
PREPARE upv_p(int, text) AS UPDATE upv_v SET who = $2 WHERE id = $1;
EXECUTE upv_p(2, 'prepared');
DEALLOCATE upv_p;
SELECT * FROM upv_v ORDER BY id;
DROP VIEW upv_g, upv_d, upv_j, upv_l, upv_a, upv_u, upv_k, upv_cw, upv_cc, upv_nc, upv_cl, upv_c, upv_w, upv_v;
DROP TABLE upv_t;
