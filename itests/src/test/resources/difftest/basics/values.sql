-- basics/values: VALUES lists as queries (column names column1.., common types, ORDER BY/LIMIT), multi-row INSERT type resolution, and their errors
VALUES (1, 'a'), (2, 'b');
VALUES (1), (2.5), (NULL);
VALUES ('x', 1), ('y', 2) ORDER BY 2 DESC;
VALUES (3), (1), (2) ORDER BY column1 LIMIT 2;
VALUES (1, 2), (3);
VALUES (1), ('a');
VALUES (1), ('2');
CREATE TABLE values_t (id integer, label text);
INSERT INTO values_t VALUES (1, 'one'), (2, NULL), (3, 'three');
INSERT INTO values_t VALUES (4, 4), (5, 'five');
INSERT INTO values_t VALUES ('6', 'six');
INSERT INTO values_t VALUES (7.6, 'rounded');
INSERT INTO values_t VALUES (8, 'eight'), (9);
INSERT INTO values_t VALUES (10), (11, 'x', 'extra');
SELECT id, label FROM values_t ORDER BY id;
DROP TABLE values_t;
