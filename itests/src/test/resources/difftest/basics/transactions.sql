-- basics/transactions: BEGIN/COMMIT/ROLLBACK, the aborted-block rule (25P02), savepoints, warnings outside a block
CREATE TABLE transactions_t (id integer, v text);
BEGIN;
INSERT INTO transactions_t VALUES (1, 'committed');
COMMIT;
BEGIN;
INSERT INTO transactions_t VALUES (2, 'rolled back');
SELECT id, v FROM transactions_t ORDER BY id;
ROLLBACK;
SELECT id, v FROM transactions_t ORDER BY id;
START TRANSACTION;
INSERT INTO transactions_t VALUES (3, 'start transaction');
END;
BEGIN WORK;
DELETE FROM transactions_t WHERE id = 3;
ABORT;
SELECT id, v FROM transactions_t ORDER BY id;
-- an error aborts the block: everything but ROLLBACK fails with 25P02 until its end
BEGIN;
INSERT INTO transactions_t VALUES (4, 'lost');
SELECT 1/0;
SELECT 1;
INSERT INTO transactions_t VALUES (5, 'also lost');
COMMIT;
SELECT id, v FROM transactions_t ORDER BY id;
BEGIN;
SELECT * FROM transactions_no_such_table;
SHOW TimeZone;
ROLLBACK;
-- commands outside a block, and BEGIN inside one
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
COMMIT;
-- savepoints
BEGIN;
INSERT INTO transactions_t VALUES (10, 'kept');
SAVEPOINT s1;
INSERT INTO transactions_t VALUES (11, 'undone');
ROLLBACK TO SAVEPOINT s1;
INSERT INTO transactions_t VALUES (12, 'after rollback to');
SAVEPOINT s2;
INSERT INTO transactions_t VALUES (13, 'released');
RELEASE SAVEPOINT s2;
SELECT id, v FROM transactions_t ORDER BY id;
COMMIT;
SELECT id, v FROM transactions_t ORDER BY id;
-- an error in a savepoint: ROLLBACK TO recovers the block
BEGIN;
SAVEPOINT s1;
INSERT INTO transactions_t VALUES (20, 'undone by error');
SELECT 'x'::integer;
SELECT 1;
ROLLBACK TO s1;
INSERT INTO transactions_t VALUES (21, 'after recovery');
COMMIT;
SELECT id, v FROM transactions_t WHERE id >= 20 ORDER BY id;
-- nested savepoints, the same name twice, unknown names
BEGIN;
SAVEPOINT a;
SAVEPOINT b;
SAVEPOINT a;
INSERT INTO transactions_t VALUES (30, 'inner a');
ROLLBACK TO a;
RELEASE b;
ROLLBACK TO a;
ROLLBACK TO no_such_savepoint;
ROLLBACK;
SAVEPOINT outside;
RELEASE outside;
ROLLBACK TO outside;
SELECT id FROM transactions_t ORDER BY id;
-- several statements in one query string are one implicit transaction
INSERT INTO transactions_t VALUES (50, 'implicit') \; SELECT 1/0 \; INSERT INTO transactions_t VALUES (51, 'never');
SELECT id FROM transactions_t WHERE id >= 50 ORDER BY id;
-- isolation levels and read only
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
COMMIT;
BEGIN READ ONLY;
SHOW transaction_read_only;
INSERT INTO transactions_t VALUES (40, 'read only');
ROLLBACK;
DROP TABLE transactions_t;
